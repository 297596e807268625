# KVM_PRE_FAULT_MEMORY on private memory: the fault is private where the attribute says so
# and allocates the guest_memfd pages. Past the slot and its private range, ENOENT. After
# the slot is deleted a private gpa has no memslot: the private fault fails EFAULT (the
# memory-fault exit is filled, but the ioctl returns the errno).
# Source: pre_fault_memory_test.c test_pre_fault_memory(KVM_X86_SW_PROTECTED_VM, true)
# (torvalds @3d5e4894); kvm_handle_noslot_fault() in arch/x86/kvm/mmu/mmu.c.
vm.create vm type=sw_protected
gmem.create g vm=vm size=0x201000
memslot.set vm slot=10 gpa=0x100000000 size=0x201000 gmem=g
attr.set vm gpa=0x100000000 size=0x201000 private
vm.pre_fault vm gpa=0x100000000 size=2M left=0
expect.page g offset=0 present=1
expect.page g offset=0x1ff000 present=1
expect.page g offset=0x200000 present=0
vm.pre_fault vm gpa=0x100200000 size=0x2000 left=0x1000
vm.pre_fault vm gpa=0x100201000 size=0x1000 left=0x1000 => ENOENT
guest.read vm gpa=0x100000000 => zero
memslot.delete vm slot=10
vm.pre_fault vm gpa=0x100000000 size=0x1000 left=0x1000 => EFAULT
