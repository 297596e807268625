# NEGATIVE. Without the safe-to-split test the huge folio is split while a
# fault still holds it (split_referenced.gms refuses it with EAGAIN): the
# folio the fault got is gone from under it (folio-state).
# Source: upstream-2026-11.md 2.2 "Safe-to-split/merge test" (the HT code).
policy hugetlb=allowed convert=in-place-preserve
policy mutant=split-referenced
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
spawn f guest.write v gpa=0x1000 tag=a
step f 2
gmem.convert g offset=0x3000 len=4K to=shared => violation:folio-state
