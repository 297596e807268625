# KVM_SET_MEMORY_ATTRIBUTES racing a private fault: the conversion's begin step
# zaps and raises mmu_invalidate_in_progress, so the fault that looked its page up
# retries, waits for the end step, and then finds the gfn shared: a private access
# exits to userspace with KVM_EXIT_MEMORY_FAULT instead of mapping the old page.
# Source: kvm_vm_set_mem_attributes() (slots_lock, kvm_handle_gfn_range begin/end),
# kvm_mmu_faultin_pfn().
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
spawn fault guest.read vm gpa=4G private
spawn conv attr.set vm gpa=4G size=2M shared
step fault 2
step conv
step fault
step fault => blocked
memslot.delete vm slot=1 => blocked
step conv 2
finish fault => exit:memory_fault
finish conv
