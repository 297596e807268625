# Teardown with the guest_memfd open longer than the VM fd: the file keeps the TD alive,
# and its close runs the whole teardown in order: private pages removed while the HKID is
# live, then VPFLUSHDONE, CACHE.WB, KEY.FREEID, then the control pages, the TDR last.
# Nothing is left (the leak invariant runs at the end).
# Source: gmem_uapi.md 1.2-1.3; hw_models.md 2.4 "HKID vs reclaim ordering", T7.
vm.create td type=tdx
gmem.create g vm=td size=8K
memslot.set td slot=0 gpa=0 size=8K gmem=g
attr.set td gpa=0 size=8K private
gmem.populate g offset=0 tag=kernel
vm.finalize td
guest.accept td gpa=4K
vm.close td
expect.vm td alive=1 hkid=1
gmem.close g
expect.vm td alive=0
