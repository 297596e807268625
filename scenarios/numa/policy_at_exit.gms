# A shared policy the inode still holds when everything else is left open goes with the
# inode at teardown (mpol_free_shared_policy() from kvm_gmem_free_inode()): the mapping,
# the file and the VM stay open to the end, so no close has dropped the policy first.
# Source: virt/kvm/guest_memfd.c kvm_gmem_free_inode(), mm/mempolicy.c.
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=8K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mbind m mode=bind nodes=1 offset=0 len=4K
expect.mempolicy m offset=0 mode=bind nodes=1
expect.mempolicy m offset=4K mode=default
