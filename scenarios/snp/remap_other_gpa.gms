# HAZARD (mainline). A private page prepared for one gpa keeps that gpa in its RMP entry:
# sev_gmem_prepare() returns early for an entry that is already assigned ("already
# assigned" pr_debug), and since preparation tracking went away (7.0) it runs on every
# get_pfn without ever rewriting the gpa. Delete the memslot and bind the same offsets at
# another gpa (the file keeps its pages: compare zap_and_remap.gms, same gpa, which works)
# and the NPT maps gpa 64K to a page the RMP gives to gpa 0. The hardware refuses the
# access (#NPF with the RMP bit; sev_handle_rmp_fault() only PSMASHes a size mismatch, so
# the vCPU faults again and again): not a leak, a guest that cannot use its own memory.
# Invariant S6 reports the NPT entry whose RMP entry disagrees (stale-mapping). A VMM must
# punch the range (which returns the pages to shared) before binding it elsewhere
# (remap_other_gpa_punched.gms); the seed's bind=zero-on-unbind design would do it for it.
# Source: hw_models.md 1.3 (RMP check: gpa), S6; sev_gmem_prepare(), sev_handle_rmp_fault()
# in arch/x86/kvm/svm/sev.c; gmem_uapi.md 2.9 (preparation on every get_pfn, 7.0).
vm.create vm type=snp
gmem.create g vm=vm size=8K
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
memslot.delete vm slot=0
memslot.set vm slot=0 gpa=64K size=8K gmem=g
attr.set vm gpa=64K size=8K private
expect.rmp g offset=0 assigned=1 validated=1 gpa=0
guest.read vm gpa=64K => violation:stale-mapping
