# mbind()'s errors, in do_mbind()'s order: a bad mode or flag combination, an unaligned start,
# a policy the nodes cannot make (mpol_new(): empty, or no online node left after
# mpol_set_nodemask()), then a hole in the range (queue_pages_range(): EFAULT).
# Source: mm/mempolicy.c kernel_mbind(), do_mbind(), mpol_new(); guest_memfd_test.c test_mbind's
# invalid-policy case (6.19).
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mbind m mode=7 nodes=0 => EINVAL
host.mbind m mode=bind,static_nodes,relative_nodes nodes=0 => EINVAL
host.mbind m mode=bind nodes=0 offset=1 len=4K => EINVAL
# an empty mask, a mask with no online node: EINVAL; MPOL_DEFAULT takes no nodes
host.mbind m mode=bind => EINVAL
host.mbind m mode=interleave nodes=5 => EINVAL
host.mbind m mode=default nodes=0 => EINVAL
# an offline node next to an online one is dropped
host.mbind m mode=bind nodes=1,5 len=4K
expect.mempolicy m offset=0 mode=bind nodes=1
# MPOL_PREFERRED without nodes is MPOL_LOCAL; with several, the first
host.mbind m mode=preferred len=4K
expect.mempolicy m offset=0 mode=local nodes=none
host.mbind m mode=preferred nodes=0,1 len=4K
expect.mempolicy m offset=0 mode=preferred nodes=0
# a zero length does nothing
host.mbind m mode=bind nodes=0 len=0
# past the mapping: a hole, EFAULT; nothing changed
host.mbind m mode=bind nodes=0 offset=16K len=4K => EFAULT
gmem.munmap m offset=4K len=4K
host.mbind m mode=bind nodes=0 => EFAULT
expect.mempolicy m offset=0 mode=preferred nodes=0
gmem.munmap m
gmem.close g
vm.close vm
