# NEGATIVE. Mutant no-invalidate-retry: the fault's map step skips
# mmu_invalidate_retry_gfn(), so a page looked up before a hole punch is mapped
# after it; once the fault drops its reference the guest maps a freed page.
# Source: kvm_tdp_page_fault(); DESIGN.md 5.
policy mutant=no-invalidate-retry
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
spawn fault guest.read vm gpa=4G
step fault 2
gmem.punch g offset=0 len=2M
step fault => violation:stale-mapping
