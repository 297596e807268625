# KVM_SET_MEMORY_ATTRIBUTES checks, in order: flags, attributes supported, size 0 or
# wrap, alignment.
# Source: gmem_uapi.md 2.6; kvm_vm_ioctl_set_mem_attributes().
vm.create vm type=sw_protected
attr.set vm gpa=0 size=4K private flags=1 => EINVAL
attr.set vm gpa=0 size=4K attributes=0x10 => EINVAL
attr.set vm gpa=0 size=0 private => EINVAL
attr.set vm gpa=0xfffffffffffff000 size=8K private => EINVAL
attr.set vm gpa=1 size=4K private => EINVAL
attr.set vm gpa=0 size=4097 private => EINVAL
attr.set vm gpa=0 size=1T private
attr.set vm gpa=4K size=4K shared
