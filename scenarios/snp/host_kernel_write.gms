# NEGATIVE. A host kernel store into a page the RMP assigns to a guest is an RMP #PF in
# the kernel: an oops (dump_rmpentry).
# Source: hw_models.md 1.3 (host writes to assigned pages), S2.
vm.create vm type=snp
gmem.create g vm=vm size=4K
memslot.set vm slot=0 gpa=0 size=4K gmem=g
attr.set vm gpa=0 size=4K private
guest.accept vm gpa=0
host.direct_write g offset=0 tag=stray => violation:host-safety
