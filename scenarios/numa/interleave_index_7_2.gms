# 7.2's interleave index for guest_memfd: inode->i_ino plus the page's offset, so two
# consecutive pages name different nodes of a two-node interleave (6.19 named node 0 for
# all: interleave_index.gms).
# Source: upstream-2026-11.md 7.2 (c), torvalds guest_memfd.c @f8479adb kvm_gmem_get_policy().
# interleave_node= is model only. Where the alternation starts depends on i_ino (the
# model's inode number, odd here).
policy abi=7.2 numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mbind m mode=interleave nodes=0,1
expect.page g offset=0 interleave_node=1
expect.page g offset=4K interleave_node=0
expect.page g offset=8K interleave_node=1
expect.page g offset=12K interleave_node=0
gmem.munmap m
# get_vma_policy() adds the page's offset in the file, not in the mapping: a mapping
# that starts at 4K names the same nodes for the same pages
gmem.mmap tail gmem=g offset=4K len=8K
expect.page g offset=4K interleave_node=0
expect.page g offset=8K interleave_node=1
gmem.munmap tail
gmem.close g
vm.close vm
