# Split pieces go back to the hugetlb pool only when all 1 << order of them
# are free (the HT code's hugetlb_restructuring_metadata,
# nr_pages_waiting_to_be_merged; upstream-2026-11.md 2.2 "Freeing split
# pieces"). A pinned piece outlives the file: eviction truncates the others,
# the huge page waits for the last one. Kills mutant merge-early.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb,mmap page_order=9
gmem.convert g offset=0 len=4K to=shared
gmem.mmap m gmem=g len=4K
# a fresh huge folio whose range is not all private is split at once
host.write m offset=0 tag=h
expect.page g offset=0 order=0 shared=1
expect.page g offset=0x1000 present=1 order=0 shared=0
host.pin m offset=0
gmem.munmap m
# eviction: no merge under the pin, truncate regardless (require_merge=false)
gmem.close g
