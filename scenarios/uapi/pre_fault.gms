# KVM_PRE_FAULT_MEMORY maps guest memory without running the guest. A range that runs off
# the memslot maps what it can and succeeds with the rest left in the struct; the next call
# starts where there is no memslot (RET_PF_EMULATE) and fails ENOENT with nothing done. An
# unaligned or empty range and any flag are EINVAL.
# Source: pre_fault_memory_test.c __test_pre_fault_memory(0, false) and pre_fault_memory()
# (torvalds @3d5e4894): slot 10 of 2M + 4K; kvm_vcpu_pre_fault_memory() in
# virt/kvm/kvm_main.c, kvm_arch_vcpu_pre_fault_memory() and kvm_tdp_map_page() in
# arch/x86/kvm/mmu/mmu.c.
vm.create vm
host.mmap_anon mem size=0x201000
memslot.set vm slot=10 gpa=0x100000000 size=0x201000 uaddr=mem
vm.pre_fault vm gpa=0x100000000 size=2M left=0
vm.pre_fault vm gpa=0x100200000 size=0x2000 left=0x1000
vm.pre_fault vm gpa=0x100201000 size=0x1000 left=0x1000 => ENOENT
vm.pre_fault vm gpa=0x100000800 size=0x1000 => EINVAL
vm.pre_fault vm gpa=0x100000000 size=0 => EINVAL
vm.pre_fault vm gpa=0x100000000 size=0x1000 flags=1 => EINVAL
guest.read vm gpa=0x100000000 => zero
guest.read vm gpa=0x100200000 => zero
