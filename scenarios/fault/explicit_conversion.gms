# Conversions through KVM_SET_MEMORY_ATTRIBUTES: shared accesses go to userspace_addr,
# private ones to guest_memfd; each side keeps its own data across conversions.
# Source: selftest 3.D.22 guest_test_explicit_conversion (do_fallocate=false).
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K
host.mmap_anon shared size=4K
memslot.set vm slot=10 gpa=4G size=4K gmem=g uaddr=shared
guest.write vm gpa=4G tag=aa
host.read shared offset=0 => tag:aa
host.write shared offset=0 tag=cc
attr.set vm gpa=4G size=4K private
guest.write vm gpa=4G tag=p2
host.read shared offset=0 => tag:cc
attr.set vm gpa=4G size=4K shared
guest.read vm gpa=4G => tag:cc
attr.set vm gpa=4G size=4K private
guest.read vm gpa=4G => tag:p2
expect.page g offset=0 present=1 private=1 tag=p2
