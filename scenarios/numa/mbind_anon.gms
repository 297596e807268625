# mbind() on anonymous memory sets the VMA's own policy (vma_replace_policy(): an anonymous
# VMA has no vm_ops->set_policy), which get_mempolicy(MPOL_F_ADDR) reports for the range it
# covers and no further; no guest_memfd inode is involved.
# Source: mm/mempolicy.c mbind_range(), vma_replace_policy(), do_get_mempolicy().
policy numa_nodes=2
host.mmap_anon h size=8K
host.mbind h mode=bind nodes=1 offset=0 len=4K
expect.mempolicy h offset=0 mode=bind nodes=1
expect.mempolicy h offset=4K mode=default nodes=none
gmem.munmap h
