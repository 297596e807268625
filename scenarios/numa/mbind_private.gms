# mbind() works on guest-private memory too: the policy is the inode's, the pages need not be
# faultable by the host ("Run the NUMA mbind() test with and without INIT_SHARED, as KVM
# should allow doing mbind(), madvise(), etc. on guest-private memory").
# Source: guest_memfd_test.c test_mbind, run without GUEST_MEMFD_FLAG_INIT_SHARED
# ([PATCH v12 11/12], 20251007221420.344669-12-seanjc@google.com; merged 6.19).
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap
gmem.mmap m gmem=g
host.mbind m mode=bind nodes=1 offset=4K len=4K
expect.mempolicy m offset=4K mode=bind nodes=1
expect.mempolicy m offset=0 mode=default
# the host cannot fault a private page: move_pages() finds no page (-ENOENT)
host.read m offset=4K => sigbus
# the policy outlives the mapping; the allocation follows it though no host page maps it
# (node= without a mapping reads the model's page cache: model only)
gmem.munmap m
gmem.allocate g offset=0 len=16K
expect.page g offset=4K node=1
expect.page g offset=0 node=0
gmem.close g
vm.close vm
