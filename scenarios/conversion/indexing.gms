# guest_memfd_conversions_test.c indexing: a conversion changes exactly the pages it
# names. Four pages with their own contents; page 2 goes private and back, the others
# stay shared and keep theirs (the selftest repeats this for each page). The host does
# not read page 2 back: once private, its data is the guest's (host_reads_after_shared.gms).
# Source: series v13 (linux-next next-20260923, 799c9fadc639: __kvm_gmem_set_attributes()
# stores [start, end) only); selftest 492080a3d4e5.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=p0
host.write m offset=4K tag=p1
host.write m offset=8K tag=p2
host.write m offset=12K tag=p3
gmem.convert g offset=8K len=4K to=private
expect.page g offset=4K shared=1
expect.page g offset=8K shared=0
expect.page g offset=12K shared=1
host.read m offset=4K => tag:p1
host.read m offset=8K => sigbus
host.read m offset=12K => tag:p3
guest.read vm gpa=0x100002000 => tag:p2
guest.read vm gpa=0x100003000 => tag:p3
gmem.convert g offset=8K len=4K to=shared
expect.page g offset=8K shared=1 tag=p2
host.read m offset=0 => tag:p0
guest.read vm gpa=0x100002000 shared => tag:p2
