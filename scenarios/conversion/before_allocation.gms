# guest_memfd_conversions_test.c before_allocation_shared / _private: converting a range
# with no folio yet records the attribute and allocates nothing; the first access then
# sees a zeroed page on the new side.
# Source: series v13 (linux-next next-20260923, dcde2f853ff4: only populated folios are
# checked for references); selftest 97137c140360.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create gs vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=gs
gmem.mmap ms gmem=gs
gmem.convert gs offset=0 len=4K to=private
expect.page gs offset=0 present=0 shared=0
guest.read vm gpa=4G => zero
guest.write vm gpa=4G tag=a
host.read ms offset=0 => sigbus
gmem.create gp vm=vm size=4K flags=mmap
memslot.set vm slot=2 gpa=8G size=4K gmem=gp
gmem.mmap mp gmem=gp
gmem.convert gp offset=0 len=4K to=shared
expect.page gp offset=0 present=0 shared=1
host.read mp offset=0 => zero
host.write mp offset=0 tag=b
guest.read vm gpa=8G => tag:b
