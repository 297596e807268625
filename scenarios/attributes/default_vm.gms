# A default VM supports no attributes: PRIVATE is EINVAL, 0 is accepted.
# (The observed 6.18.44 host lacks CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES and says ENOTTY;
# the model is a kernel built with KVM_SW_PROTECTED_VM.)
# Source: gmem_uapi.md 2.6 check 3 and 1.5.
vm.create vm type=default
attr.set vm gpa=0 size=4K private => EINVAL
attr.set vm gpa=0 size=4K shared
