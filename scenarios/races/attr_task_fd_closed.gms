# A spawned task is a syscall that has not entered yet: KVM_SET_MEMORY_ATTRIBUTES looks its
# VM fd up at entry (fdget() in the ioctl path), so a close that lands first leaves it
# EBADF, with no attribute changed. Once it has entered, it holds its own reference
# (attributes_vs_fault.gms runs it step by step).
# Source: ksys_ioctl() (fdget: EBADF), kvm_vm_ioctl_set_mem_attributes().
vm.create vm type=sw_protected
spawn t attr.set vm gpa=0 size=4K private
vm.close vm
finish t => EBADF
check
