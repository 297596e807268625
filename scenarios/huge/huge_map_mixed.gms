# A huge leaf needs every gfn of it private: KVM's lpage_info marks a 2M range with mixed
# attributes (KVM_LPAGE_MIXED_FLAG, hugepage_has_attrs()) and the fault maps 4K there, while
# an all-private range of the same huge folio maps 2M (kvm_gmem_mapping_order() and
# kvm_mmu_max_mapping_level()), until a conversion inside it zaps the leaf. The
# huge-map-mixed mutant maps at the folio's order alone (huge_map_mixed_mutant.gms).
# Source: arch/x86/kvm/mmu/mmu.c kvm_mmu_max_mapping_level, hugepage_has_attrs; the HT code's
# kvm_gmem_mapping_order (upstream-2026-11.md 2.1-2.2); DESIGN.md 3.2.2.
policy hugetlb=allowed
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
attr.set v gpa=0 size=4M private
attr.set v gpa=0x3000 size=4K shared
guest.write v gpa=0x1000 tag=a
expect.mapping v gpa=0x1000 level=4k
guest.write v gpa=0x201000 tag=b
expect.mapping v gpa=0x201000 level=2m
expect.mapping v gpa=0x3ff000 level=2m
guest.read v gpa=0x1000 => tag:a
# a conversion inside a 2M leaf (not at its start) zaps the whole leaf that covers it
# (tdp_mmu_zap_leafs() walks the SPTEs that cover the range); the refault maps 4K, mixed
attr.set v gpa=0x203000 size=4K shared
expect.mapping v gpa=0x201000 present=0
guest.read v gpa=0x201000 => tag:b
expect.mapping v gpa=0x201000 level=4k
gmem.close g
vm.close v
