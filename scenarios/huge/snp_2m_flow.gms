# SEV-SNP 2M RMP entries under hugetlb=allowed (seed 003's question: what level
# rmp_make_private(pfn, gpa, level, asid) gets): sev_gmem_prepare() makes a 2M RMP entry at
# the aligned pfn and gpa when the folio is at least 2M and the whole 2M pfn range is
# unassigned (is_large_rmp_possible()); the NPT maps at most the RMP level
# (sev_private_max_mapping_level()); a 2M PVALIDATE validates it whole; a 4K conversion to
# shared inside it PSMASHes first (Validated kept on the other 511 pages) and the NPT leaf is
# split before the exact zap.
# Source: arch/x86/kvm/svm/sev.c sev_gmem_prepare, is_large_rmp_possible,
# sev_gmem_invalidate, snp_rmptable_psmash; arch/x86/virt/svm/sev.c psmash; hw_models.md 1.2,
# 1.4; upstream-2026-11.md 2.3 "AMD SEV-SNP 2M RMP".
policy hugetlb=allowed convert=in-place
vm.create s type=snp
gmem.create g vm=s size=4M flags=hugetlb page_order=9
memslot.set s slot=0 gpa=0 size=4M gmem=g offset=0
vm.finalize s
guest.accept s gpa=0 level=2m
expect.rmp g offset=0x1000 assigned=1 pagesize=2m validated=1
expect.mapping s gpa=0x1000 level=2m
guest.write s gpa=0x1000 tag=secret
gmem.convert g offset=0x3000 len=4K to=shared
expect.rmp g offset=0x3000 assigned=0 pagesize=4k
expect.rmp g offset=0x1000 assigned=1 pagesize=4k validated=1
expect.mapping s gpa=0x1000 level=4k
expect.mapping s gpa=0x3000 present=0
guest.read s gpa=0x1000 => tag:secret
# a 4K PVALIDATE inside a 2M entry: #NPF(SIZEM), KVM PSMASHes and zaps, the guest retries
guest.read s gpa=0x200000 => exit:exception
expect.rmp g offset=0x201000 pagesize=2m validated=0
guest.accept s gpa=0x201000
expect.rmp g offset=0x201000 pagesize=4k validated=1
expect.rmp g offset=0x202000 pagesize=4k validated=0
# a 2M PVALIDATE over 4K entries: FAIL_SIZEMISMATCH
guest.accept s gpa=0x200000 level=2m => EINVAL
gmem.close g
vm.close s
