# KVM_CHECK_EXTENSION on /dev/kvm (kvm NULL) and on a default VM: guest_memfd is 1
# (unconditional since 6.18), the supported flags are MMAP | INIT_SHARED (3) on both, and a
# default VM supports no memory attributes. A guest_memfd answers no ioctl (ENOTTY).
# Source: guest_memfd_test.c test_guest_memfd_flags() and main() (torvalds @01f492e1);
# kvm_vm_ioctl_check_extension_generic(), kvm_gmem_get_supported_flags() (v7.2 f8479adb);
# gmem_uapi.md 1.5.
kvm.check_extension cap=guest_memfd => value:1
kvm.check_extension cap=guest_memfd_flags => value:3
kvm.check_extension cap=user_memory2 => value:1
kvm.check_extension cap=memory_fault_info => value:1
vm.create vm
kvm.check_extension cap=guest_memfd vm=vm => value:1
kvm.check_extension cap=guest_memfd_flags vm=vm => value:3
kvm.check_extension cap=memory_attributes vm=vm => value:0
gmem.create g vm=vm size=4K flags=mmap,init_shared
kvm.check_extension cap=guest_memfd vm=g => ENOTTY
gmem.close g
kvm.check_extension cap=guest_memfd vm=g => EBADF
