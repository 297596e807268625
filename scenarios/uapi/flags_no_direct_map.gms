# Upstream has no GUEST_MEMFD_FLAG_NO_DIRECT_MAP: bit 2 is EINVAL as any unknown flag, and
# KVM_CAP_GUEST_MEMFD_FLAGS does not report it. (design/no_direct_map_flag.gms: the series.)
# Source: guest_memfd_test.c test_guest_memfd_flags() (torvalds @01f492e1): every bit not
# in the capability is EINVAL.
vm.create vm
kvm.check_extension cap=guest_memfd_flags vm=vm => value:3
gmem.create g vm=vm size=4K flags=no_direct_map => EINVAL
gmem.create h vm=vm size=4K flags=mmap,no_direct_map => EINVAL
