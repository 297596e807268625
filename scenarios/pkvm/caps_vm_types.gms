# A pKVM VM answers KVM_CHECK_EXTENSION as arm64 does: arm64's
# kvm_vm_ioctl_check_extension() has no KVM_CAP_VM_TYPES (0: it takes the machine type in
# KVM_CREATE_VM's argument instead), while the model's x86 host, asked through an x86 VM
# or /dev/kvm, reports its four types (uapi/caps_vm_types.gms).
# Source: arch/arm64/kvm/arm.c kvm_vm_ioctl_check_extension() (no VM_TYPES case: default
# r = 0); arch/x86/kvm/x86.c for the others.
vm.create p type=pkvm
vm.create x
kvm.check_extension cap=vm_types vm=p => value:0
kvm.check_extension cap=vm_types vm=x => value:0x33
