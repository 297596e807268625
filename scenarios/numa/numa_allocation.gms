# Folios are allocated on the node the shared policy names (kvm_gmem_get_folio():
# mpol_shared_policy_lookup() then __filemap_get_folio_mpol()), whether the policy is set
# before or after an earlier allocation; move_pages() reads the nodes back.
# Source: guest_memfd_test.c test_numa_allocation ([PATCH v12 11/12] "KVM: selftests: Add
# guest_memfd tests for mmap and NUMA policy support", 20251007221420.344669-12-seanjc@google.com;
# merged 6.19). Needs two nodes.
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
# Set NUMA policy after allocation
host.write m offset=0 tag=aa
host.mbind m mode=bind nodes=0 offset=0 len=4K
gmem.punch g offset=0 len=4K
# Set NUMA policy before allocation
host.mbind m mode=bind nodes=1 offset=0 len=8K
host.mbind m mode=bind nodes=0 offset=8K len=8K
host.write m offset=0 tag=aa
host.write m offset=4K tag=aa
host.write m offset=8K tag=aa
host.write m offset=12K tag=aa
expect.page g offset=0 node=1
expect.page g offset=4K node=1
expect.page g offset=8K node=0
expect.page g offset=12K node=0
# Punch hole for all pages, change the nodes and reallocate
gmem.punch g offset=0 len=16K
host.mbind m mode=bind nodes=0 offset=0 len=8K
host.mbind m mode=bind nodes=1 offset=8K len=8K
host.write m offset=0 tag=aa
host.write m offset=4K tag=aa
host.write m offset=8K tag=aa
host.write m offset=12K tag=aa
expect.page g offset=0 node=0
expect.page g offset=4K node=0
expect.page g offset=8K node=1
expect.page g offset=12K node=1
gmem.munmap m
gmem.close g
vm.close vm
