# guest_memfd_conversions_test.c init_private, under the in-place conversion series:
# a new guest_memfd is PRIVATE (the host faults SIGBUS on it, read or write), the guest
# uses it privately, and conversions keep the contents both ways ("KVM does not directly
# manipulate the memory contents of pages during attribute updates", api.rst). The
# selftest's host read of the guest's 'A' after going shared is host_reads_after_shared.gms.
# Source: series v13 in linux-next next-20260923, 799c9fadc639 (kvm_gmem_set_attributes),
# 1ae5be958ff7 (kvm_gmem_fault_user_mapping: -EACCES -> SIGBUS); selftest eaef4ed5fabc.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
expect.page g offset=0 shared=0 present=0
host.write m offset=0 tag=nope => sigbus
guest.read vm gpa=4G => zero
guest.write vm gpa=4G tag=a
host.read m offset=0 => sigbus
gmem.convert g offset=0 len=4K to=shared
expect.page g offset=0 shared=1 tag=a
guest.read vm gpa=4G => tag:a
host.write m offset=0 tag=b
guest.read vm gpa=4G => tag:b
guest.write vm gpa=4G tag=c
gmem.convert g offset=0 len=4K to=private
expect.page g offset=0 shared=0 tag=c
guest.read vm gpa=4G => tag:c
host.read m offset=0 => sigbus
