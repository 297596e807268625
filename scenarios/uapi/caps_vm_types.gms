# KVM_CAP_VM_TYPES is BIT(type) of each type KVM_CREATE_VM takes: the model's host offers
# the default (0), software-protected (1), SNP (4) and TDX (5) types. pre_fault_memory is
# tdp_enabled. A real host reports its own (a known difference of --target diff).
# Source: guest_memfd_test.c main() and pre_fault_memory_test.c test_pre_fault_memory()
# read these (torvalds @01f492e1, @3d5e4894); kvm_vm_ioctl_check_extension() in
# arch/x86/kvm/x86.c.
kvm.check_extension cap=vm_types => value:0x33
kvm.check_extension cap=pre_fault_memory => value:1
vm.create vm
kvm.check_extension cap=vm_types vm=vm => value:0x33
