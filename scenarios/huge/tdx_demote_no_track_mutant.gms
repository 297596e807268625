# NEGATIVE. Mutant tdx-demote-no-track: KVM splits a 2M S-EPT leaf with BLOCK and DEMOTE but
# no TRACK. The module refuses (TDX_TLB_TRACKING_NOT_DONE: a vCPU may still hold the 2M
# translation), TDX_BUG_ON leaves the leaf BLOCKED under KVM's present mirror SPTE (T11).
# tdx_2m_flow.gms is the same conversion with the TRACK.
# Source: intel/tdx-module tdh_mem_page_demote.c (is_tlb_and_iotlb_tracked);
# tdx_sept_split_private_spte (Yan Zhao v3); hw_models.md 6 T5, T11.
policy hugetlb=allowed convert=in-place mutant=tdx-demote-no-track
vm.create td type=tdx
gmem.create g vm=td size=2M flags=hugetlb page_order=9
memslot.set td slot=0 gpa=0 size=2M gmem=g offset=0
vm.finalize td
guest.accept td gpa=0 level=2m
expect.sept td gpa=0x1000 state=mapped level=2m
gmem.convert g offset=0x3000 len=4K to=shared => violation:stale-mapping
