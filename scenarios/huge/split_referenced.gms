# A split needs the huge folio unreferenced: folio_ref_count() ==
# folio_nr_pages() + 1, not pinned, not mapped (upstream-2026-11.md 2.2
# "Safe-to-split/merge test"; the HT code's kvm_gmem_restructure() sets
# error_offset = start). Under the RFC's in-place conversion a fault holds
# the folio from get_pfn to map: a conversion to shared that lands between
# is refused with EAGAIN at its offset, and the fault then maps the whole
# folio's page. Kills mutant split-referenced.
policy hugetlb=allowed convert=in-place-preserve
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
spawn f guest.write v gpa=0x1000 tag=a
step f 2
expect.page g offset=0x1000 order=9
# the page cache's 512 references and the fault's
expect.folio g offset=0x1000 order=9 refs=513
gmem.convert g offset=0x3000 len=4K to=shared => EAGAIN@0x3000
expect.page g offset=0x3000 order=9 shared=0
finish f
expect.folio g offset=0 order=9 refs=512
guest.read v gpa=0x1000 => tag:a
gmem.convert g offset=0x3000 len=4K to=shared
expect.page g offset=0x3000 order=0 shared=1
expect.page g offset=0x1000 order=0 tag=a
