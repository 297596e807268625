# The guest_memfd field must name a guest_memfd of this VM: a closed fd is EBADF,
# a VM fd or another VM's guest_memfd is EINVAL.
# Source: gmem_uapi.md 1.4 and 2.3 row 10; kvm_gmem_bind() (fget, f_op, f->kvm).
vm.create vm
vm.create other
gmem.create g vm=vm size=64K
gmem.create theirs vm=other size=64K
gmem.create closed vm=vm size=64K
gmem.close closed
memslot.set vm slot=1 gpa=1M size=16K gmem=closed => EBADF
memslot.set vm slot=1 gpa=1M size=16K gmem=vm => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=theirs => EINVAL
memslot.set other slot=1 gpa=1M size=16K gmem=theirs
memslot.set vm slot=1 gpa=1M size=16K gmem=g
expect.gmem g bindings=1
expect.gmem theirs bindings=1
