# A private memslot needs this VM's guest_memfd at an aligned offset.
# Source: selftest 3.B.18 test_add_private_memory_region.
vm.create vm type=sw_protected
vm.create other type=sw_protected
gmem.create theirs vm=other size=2M
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=vm => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=theirs => EINVAL
memslot.set other slot=10 gpa=0xc0000000 size=2M gmem=theirs
gmem.create g vm=vm size=2M
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=1 => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=4095 => EINVAL
memslot.set vm slot=10 gpa=0xc0000000 size=2M gmem=g offset=0
