# guest_memfd_conversions_test.c truncate: PUNCH_HOLE frees the folio but never changes the
# attribute. A shared page comes back zeroed and still shared; a private one comes back
# zeroed and still private (the host still faults).
# Source: series v13 (linux-next next-20260923): kvm_gmem_punch_hole() does not touch the
# attribute maple tree; selftest bfb9b5a286ea.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=a
gmem.punch g offset=0 len=4K
expect.page g offset=0 present=0 shared=1
host.read m offset=0 => zero
host.write m offset=0 tag=a
gmem.convert g offset=0 len=4K to=private
guest.read vm gpa=4G => tag:a
guest.write vm gpa=4G tag=b
gmem.punch g offset=0 len=4K
expect.page g offset=0 present=0 shared=0
guest.read vm gpa=4G => zero
host.read m offset=0 => sigbus
