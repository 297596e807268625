# NEGATIVE. Split pieces returned to the pool before all are free
# (merge_early.gms keeps the huge page back): the pool holds a huge page
# whose pinned piece the host still reaches (folio-state).
# Source: upstream-2026-11.md 2.2 "Freeing split pieces" (the HT code's
# nr_pages_waiting_to_be_merged, maybe_merge_unreferenced_folio()).
policy hugetlb=allowed convert=in-place
policy mutant=merge-early
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb,mmap page_order=9
gmem.convert g offset=0 len=4K to=shared
gmem.mmap m gmem=g len=4K
host.write m offset=0 tag=h
host.pin m offset=0
gmem.munmap m
gmem.close g => violation:folio-state
