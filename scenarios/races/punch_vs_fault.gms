# A fault that looked its page up before a hole punch must not map it after: the
# punch bumps mmu_invalidate_seq, the fault's map step sees it under mmu_lock and
# retries (RET_PF_RETRY), refaulting a fresh, zeroed page. Mutant no-invalidate-retry
# maps the truncated page: a stale mapping once the fault drops its reference.
# Source: kvm_mmu_invalidate_retry_gfn() in kvm_tdp_page_fault(); gmem_uapi.md 4.2.
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
guest.write vm gpa=4G tag=old
memslot.delete vm slot=1
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn fault guest.read vm gpa=4G
step fault 2
gmem.punch g offset=0 len=2M
finish fault => zero
guest.read vm gpa=4G => zero
