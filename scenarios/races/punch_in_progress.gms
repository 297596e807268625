# The fault and the punch interleaved step by step: a fault that looked its page
# up before the punch's invalidate_begin must retry at its map step; while the
# invalidation is in progress a new fault waits (RET_PF_RETRY); after _end it maps
# the fresh, zeroed page.
# Source: kvm_gmem_punch_hole() (filemap_invalidate_lock held throughout),
# kvm_mmu_invalidate_retry_gfn().
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
guest.write vm gpa=4G tag=old
spawn punch gmem.punch g offset=0 len=2M
spawn fault guest.read vm gpa=0x100001000
step fault 2
step punch
step fault
step fault => blocked
gmem.punch g offset=0 len=4K => blocked
step punch 2
finish punch
finish fault => zero
