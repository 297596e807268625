# The interleave index of a guest_memfd page: kvm_gmem_get_policy() sets *ilx and
# get_vma_policy() adds the page's offset. 6.19 stored the offset in *ilx, so it was counted
# twice: every page of a two-node interleave named node 0 for NUMA balancing
# (mpol_misplaced()); 7.2 stores inode->i_ino, as shmem does, and consecutive pages alternate.
# The allocation itself uses NO_INTERLEAVE_INDEX (the task's round robin) in both.
# Source: upstream-2026-11.md, 7.2 (c): "*ilx = inode->i_ino" (torvalds guest_memfd.c
# @f8479adb; pull "KVM guest_memfd changes for 7.2"). interleave_node= is model only.
policy abi=6.19 numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mbind m mode=interleave nodes=0,1
expect.page g offset=0 interleave_node=0
expect.page g offset=4K interleave_node=0
expect.page g offset=8K interleave_node=0
expect.page g offset=12K interleave_node=0
gmem.munmap m
gmem.close g
vm.close vm
