# A default VM backed by an MMAP|INIT_SHARED guest_memfd (a GMEM_ONLY slot with
# userspace_addr 0): the guest sees what the host wrote and the host sees what the
# guest wrote, through the same pages.
# Source: selftest 3.A.16 test_guest_memfd_guest.
vm.create vm type=default
gmem.create g vm=vm size=16K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=16K gmem=g uaddr=0
gmem.mmap m gmem=g
host.write m offset=0 tag=aa
host.write m offset=8K tag=aa
gmem.munmap m
guest.read vm gpa=4G => tag:aa
guest.read vm gpa=0x100002000 => tag:aa
guest.write vm gpa=4G tag=ff
gmem.mmap again gmem=g
host.read again offset=0 => tag:ff
