# PUNCH_HOLE on a HugeTLB guest_memfd unmaps the host's mappings of the range first
# (unmap_mapping_pages()), so a shared piece the host has mapped but not pinned holds
# nothing back: the pieces merge and the huge page is truncated whole. Only a pin
# (convert_split_merge.gms) makes the punch EAGAIN.
# Source: upstream-2026-11.md 2.2 (PUNCH_HOLE: merge, then truncate whole huge pages), the
# HT code's kvm_gmem_punch_hole() and kvm_gmem_has_safe_refcount().
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb,mmap page_order=9
gmem.allocate g offset=0 len=2M
gmem.convert g offset=0x3000 len=4K to=shared
gmem.mmap m gmem=g
host.write m offset=0x3000 tag=h
expect.page g offset=0x3000 order=0 shared=1 tag=h
gmem.punch g offset=0 len=2M
expect.page g offset=0 present=0
expect.page g offset=0x3000 present=0
gmem.munmap m
gmem.close g
