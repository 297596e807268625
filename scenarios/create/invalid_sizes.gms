# KVM_CREATE_GUEST_MEMFD rejects sizes that are zero, unaligned or negative as loff_t.
# Source: gmem_uapi.md 2.1 check 4 and [OBSERVED] sizes; selftest 3.A.3
# test_create_guest_memfd_invalid_sizes. Huge aligned sizes succeed (no upper bound).
vm.create vm
gmem.create s0 vm=vm size=0 => EINVAL
gmem.create s1 vm=vm size=1 => EINVAL
gmem.create s2 vm=vm size=4095 => EINVAL
gmem.create s3 vm=vm size=4097 => EINVAL
gmem.create s4 vm=vm size=0xfffffffffffff000 => EINVAL
gmem.create s5 vm=vm size=0x8000000000000000 => EINVAL
gmem.create big vm=vm size=0x4000000000000000
gmem.create max vm=vm size=0x7ffffffffffff000
expect.page big offset=0x3ffffffffffff000 present=0
