# NEGATIVE. Mutant no-psmash: sev_gmem_invalidate() makes a page of a 2M RMP entry shared
# without snp_rmptable_psmash(); the 4K RMPUPDATE inside the 2M entry fails, KVM only warns
# ("pray this was a spurious error"): the converted page stays assigned under the 2M entry,
# and at eviction every page of the folio goes back to the allocator still assigned (S3).
# snp_2m_flow.gms is the same flow with the PSMASH.
# Source: arch/x86/kvm/svm/sev.c sev_gmem_invalidate, snp_rmptable_psmash; hw_models.md 1.2,
# 1.4 (failure policy), 6 S3.
policy hugetlb=allowed convert=in-place mutant=no-psmash
vm.create s type=snp
gmem.create g vm=s size=2M flags=hugetlb page_order=9
memslot.set s slot=0 gpa=0 size=2M gmem=g offset=0
vm.finalize s
guest.accept s gpa=0 level=2m
expect.rmp g offset=0x1000 assigned=1 pagesize=2m
guest.write s gpa=0x1000 tag=secret
gmem.convert g offset=0x3000 len=4K to=shared
gmem.close g => violation:scrub
