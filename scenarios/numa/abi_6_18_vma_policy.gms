# Before 6.19 guest_memfd had no vm_ops->set_policy: mbind() still succeeds, but it sets only
# the VMA's own policy (vma_replace_policy()), which get_mempolicy() reports and
# kvm_gmem_get_folio() (filemap_grab_folio(): the task's policy) never reads: the page lands
# on the local node, and a second mapping of the file has no policy.
# Source: 6.18 virt/kvm/guest_memfd.c (no .set_policy/.get_policy); mm/mempolicy.c
# vma_replace_policy(), __get_vma_policy(); the NUMA series (6.19) is what changed it.
policy abi=6.18 numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap a gmem=g
host.mbind a mode=bind nodes=1
expect.mempolicy a offset=0 mode=bind nodes=1
host.write a offset=0 tag=aa
expect.page g offset=0 node=0
gmem.mmap b gmem=g
expect.mempolicy b offset=0 mode=default
gmem.munmap a
gmem.munmap b
gmem.close g
vm.close vm
