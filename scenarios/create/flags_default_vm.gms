# A default VM supports MMAP and INIT_SHARED (KVM_CAP_GUEST_MEMFD_FLAGS = 3); every
# other bit is EINVAL. INIT_SHARED without MMAP is accepted.
# Source: gmem_uapi.md 1.5 and 2.1 check 3; selftest 3.A.1 test_guest_memfd_flags.
vm.create vm type=default
gmem.create a vm=vm size=4K flags=mmap
gmem.create b vm=vm size=4K flags=init_shared
gmem.create c vm=vm size=4K flags=mmap,init_shared
gmem.create d vm=vm size=4K flags=0x4 => EINVAL
gmem.create e vm=vm size=4K flags=0x21 => EINVAL
gmem.create f vm=vm size=4K flags=0x8000000000000000 => EINVAL
