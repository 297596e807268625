# A private access after its memslot was deleted exits with KVM_EXIT_MEMORY_FAULT
# (flags PRIVATE, the gpa, 4K) and KVM_RUN returns -EFAULT.
# Source: selftest 3.C.20 test_private_access_memslot_deleted; gmem_uapi.md 2.7.
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K
memslot.set vm slot=10 gpa=0xc0000000 size=4K gmem=g
attr.set vm gpa=0xc0000000 size=4K private
guest.read vm gpa=0xc0000000 => zero
memslot.delete vm slot=10
guest.read vm gpa=0xc0000000 => exit:memory_fault gpa=0xc0000000 size=4096 private
