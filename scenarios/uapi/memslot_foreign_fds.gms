# The guest_memfd field must be a guest_memfd of this VM: /dev/kvm, the VM fd, a memfd,
# fd 0 and another VM's guest_memfd are all EINVAL (kvm_gmem_bind(): f_op is not
# kvm_gmem_fops, or f->kvm != kvm); an offset that is not page aligned is EINVAL.
# Source: set_memory_region_test.c test_add_private_memory_region() (gmem_uapi.md
# 3.B.18; it uses a software-protected VM, the checks are the same on the default VM).
vm.create vm
vm.create other
host.memfd mfd size=2M
gmem.create g vm=vm size=2M
gmem.create theirs vm=other size=2M
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=dev_kvm => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=vm => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=mfd => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=stdin => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=theirs => EINVAL
memslot.set other slot=10 gpa=0xc0000000 size=2M gmem=theirs
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=1 => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=4095 => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=0
expect.gmem g bindings=1
