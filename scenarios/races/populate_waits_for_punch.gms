# Populating a page while a hole punch is between invalidate_begin and _end: the
# launch ioctl's kvm_gmem_populate() takes the invalidate lock the punch holds, so
# it waits, and cannot premap a page the punch is about to truncate. Found by the
# lifecycle fuzzer. Source: kvm_gmem_populate(), kvm_gmem_punch_hole().
vm.create td type=tdx
gmem.create g vm=td size=2M
memslot.set td slot=1 gpa=4G size=2M gmem=g
attr.set td gpa=4G size=2M private
gmem.populate g offset=0 tag=boot
spawn punch gmem.punch g offset=0 len=4K
step punch
gmem.populate g offset=0 tag=again => blocked
finish punch
gmem.populate g offset=0 tag=again
expect.page g offset=0 present=1
