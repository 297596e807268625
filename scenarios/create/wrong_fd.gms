# KVM_CREATE_GUEST_MEMFD is a VM ioctl: on a guest_memfd it is ENOTTY (no ioctl
# handler), on a closed VM fd EBADF.
# Source: gmem_uapi.md 2.1 and 2.2 ("ioctl(any) on gmem fd -> ENOTTY").
vm.create vm
gmem.create g vm=vm size=4K
gmem.create h vm=g size=4K => ENOTTY
vm.close vm
gmem.create j vm=vm size=4K => EBADF
