# A software-protected VM has private memory: KVM_CAP_MEMORY_ATTRIBUTES is PRIVATE (8) on
# it as on /dev/kvm, and INIT_SHARED is not among its guest_memfd flags (x86's
# kvm_arch_supports_gmem_init_shared() is !kvm_arch_has_private_mem()), so creating with it
# is EINVAL while /dev/kvm still reports 3.
# Source: guest_memfd_test.c test_guest_memfd_flags() per VM type (torvalds @01f492e1);
# kvm_supported_mem_attributes(), kvm_gmem_get_supported_flags() (v7.2 f8479adb).
kvm.check_extension cap=memory_attributes => value:8
vm.create vm type=sw_protected
kvm.check_extension cap=memory_attributes vm=vm => value:8
kvm.check_extension cap=guest_memfd_flags vm=vm => value:1
kvm.check_extension cap=guest_memfd_flags => value:3
gmem.create a vm=vm size=4K flags=mmap
gmem.create b vm=vm size=4K flags=init_shared => EINVAL
