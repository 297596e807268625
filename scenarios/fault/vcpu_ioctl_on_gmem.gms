# KVM_RUN is a vCPU ioctl: issued on a guest_memfd, which has no ioctls, it is ENOTTY, at
# once or as a task (the fault task looks its fd up when it enters, as the syscall would).
# Source: vfs_ioctl() (no unlocked_ioctl: -ENOTTY); guest_memfd's file_operations.
vm.create vm
gmem.create g vm=vm size=4K
guest.read g gpa=0 => ENOTTY
spawn f guest.read g gpa=0
finish f => ENOTTY
guest.read vm gpa=0 => exit:mmio
