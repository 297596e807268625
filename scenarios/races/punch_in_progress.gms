# The fault and the punch interleaved step by step: while the punch is between
# invalidate_begin and _end (mmu_invalidate_in_progress), a fault may look its
# page up, but its map step must retry; after _end it maps the fresh page.
# Source: kvm_gmem_punch_hole() (filemap_invalidate_lock held throughout),
# kvm_mmu_invalidate_retry_gfn().
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
guest.write vm gpa=4G tag=old
spawn punch gmem.punch g offset=0 len=2M
spawn fault guest.read vm gpa=0x100001000
step punch
step fault 3
gmem.punch g offset=0 len=4K => blocked
step punch 2
finish punch
finish fault => zero
