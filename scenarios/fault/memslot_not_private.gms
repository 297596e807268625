# A private access to a memslot without guest_memfd exits with KVM_EXIT_MEMORY_FAULT.
# Source: selftest 3.C.21 test_private_access_memslot_not_private.
vm.create vm type=sw_protected
host.mmap_anon mem size=4K
memslot.set vm slot=10 gpa=0xc0000000 size=4K uaddr=mem
attr.set vm gpa=0xc0000000 size=4K private
guest.read vm gpa=0xc0000000 => exit:memory_fault gpa=0xc0000000 size=4096 private
guest.write vm gpa=0xc0000000 tag=x => exit:memory_fault gpa=0xc0000000 size=4096 private
