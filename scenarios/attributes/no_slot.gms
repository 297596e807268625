# Attributes are per VM and independent of memslots; a private access with no slot
# behind it exits to userspace with KVM_EXIT_MEMORY_FAULT, a shared one is MMIO.
# Source: gmem_uapi.md 2.6 "Semantics" and 2.7.
vm.create vm type=sw_protected
attr.set vm gpa=1G size=2M private
guest.read vm gpa=1G => exit:memory_fault
guest.read vm gpa=2G => exit:mmio
