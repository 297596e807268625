# Before 6.19 a guest_memfd VMA has only its own policy (no vm_ops->get_policy), and
# get_vma_policy()'s interleave index is then the page's offset in the file alone
# (__get_vma_policy() starts it at 0; vm_pgoff and the offset in the VMA add to it):
# consecutive pages of a two-node interleave alternate, from node 0. interleave_node= is
# model only (NUMA balancing's view, mpol_misplaced()).
# Source: mm/mempolicy.c __get_vma_policy(), get_vma_policy(), interleave_nid(); 6.18
# virt/kvm/guest_memfd.c (no .get_policy).
policy abi=6.18 numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g offset=4K len=8K
host.mbind m mode=interleave nodes=0,1
expect.page g offset=4K interleave_node=1
expect.page g offset=8K interleave_node=0
gmem.munmap m
gmem.close g
vm.close vm
