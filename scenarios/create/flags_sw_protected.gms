# A VM with private memory supports MMAP but not INIT_SHARED: on x86
# kvm_arch_supports_gmem_init_shared() is !kvm_arch_has_private_mem().
# Source: gmem_uapi.md 1.5; selftest 3.A.1 per VM type.
vm.create vm type=sw_protected
gmem.create a vm=vm size=4K flags=mmap
gmem.create b vm=vm size=4K flags=init_shared => EINVAL
gmem.create c vm=vm size=4K flags=mmap,init_shared => EINVAL
