# mbind() on a guest_memfd mapping sets the inode's shared policy (vm_ops->set_policy,
# kvm_gmem_set_policy()); get_mempolicy(MPOL_F_ADDR) reads it back (kvm_gmem_get_policy()).
# Source: guest_memfd_test.c test_mbind, "KVM: selftests: Add guest_memfd tests for mmap and
# NUMA policy support" (Shivank Garg, [PATCH v12 11/12],
# 20251007221420.344669-12-seanjc@google.com), merged in 6.19. The test returns early on a
# host with one node: numa_nodes=2 asks for two.
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
# MPOL_INTERLEAVE on the first two pages
host.mbind m mode=interleave nodes=0 offset=0 len=8K
expect.mempolicy m offset=0 mode=interleave nodes=0
# MPOL_BIND on the next two
host.mbind m mode=bind nodes=0 offset=8K len=8K
expect.mempolicy m offset=8K mode=bind nodes=0
expect.mempolicy m offset=0 mode=interleave nodes=0
# MPOL_DEFAULT over the whole mapping: the policy is gone, the mask is empty
host.mbind m mode=default
expect.mempolicy m offset=0 mode=default nodes=none
expect.mempolicy m offset=8K mode=default
# an invalid mode (999) is EINVAL (sanitize_mpol_flags(): mode >= MPOL_MAX)
host.mbind m mode=999 nodes=0 len=4K => EINVAL
# an empty range does nothing and succeeds before the policy is built (do_mbind():
# end == start), even one that mpol_new() would refuse (bind with no node)
host.mbind m mode=bind offset=0 len=0
expect.mempolicy m offset=0 mode=default
gmem.munmap m
gmem.close g
vm.close vm
