# A guest fault run as a task whose memslot's host memory is gone: hva_to_pfn() finds
# no VMA and KVM_RUN fails with EFAULT, with no KVM_EXIT_MEMORY_FAULT (only guest_memfd
# faults prepare one; `=> EFAULT` accepts either, test_task checks the exit is clear).
# Begin finds the slot, get_pfn fails: the task ends there, as the ioctl does.
# Source: kvm_mmu_faultin_pfn() -> __kvm_mmu_faultin_pfn() -> kvm_handle_error_pfn().
vm.create vm
host.mmap_anon mem size=16K
memslot.set vm slot=0 gpa=1M size=8K uaddr=mem
gmem.munmap mem
spawn fault guest.read vm gpa=1M
step fault
finish fault => EFAULT
guest.write vm gpa=0x101000 tag=data => EFAULT
