# NEGATIVE. Mutant huge-map-mixed: the fault maps a huge leaf at the folio's order without
# the all-private test, so a 2M leaf covers gfn 3, whose attribute is shared (folio-state:
# a huge leaf maps only a folio whose indices are all private). huge_map_mixed.gms is the
# same flow without the mutant.
# Source: DESIGN.md 3.2.2 and section 5; kvm_mmu_max_mapping_level, hugepage_has_attrs.
policy hugetlb=allowed mutant=huge-map-mixed
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
attr.set v gpa=0 size=4M private
attr.set v gpa=0x3000 size=4K shared
guest.write v gpa=0x1000 tag=a => violation:folio-state
