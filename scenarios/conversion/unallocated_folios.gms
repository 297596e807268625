# guest_memfd_conversions_test.c unallocated_folios: one conversion over a range of
# populated pages and holes. The host wrote pages 1 and 4 while shared; after the whole
# range goes private the guest finds its host-written data there and zeroes in the holes
# (a hole has no folio to refuse, so the conversion succeeds).
# Source: series v13 (linux-next next-20260923, dcde2f853ff4
# kvm_gmem_has_outstanding_references() walks populated folios only); selftest 5362c5fb88f6.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=32K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=32K gmem=g
gmem.mmap m gmem=g
host.write m offset=4K tag=a
host.write m offset=16K tag=a
expect.page g offset=0 present=0
gmem.convert g offset=0 len=32K to=private
guest.read vm gpa=4G => zero
guest.read vm gpa=0x100001000 => tag:a
guest.read vm gpa=0x100002000 => zero
guest.read vm gpa=0x100004000 => tag:a
guest.read vm gpa=0x100007000 => zero
host.read m offset=4K => sigbus
host.read m offset=28K => sigbus
