# A memslot whose host memory was unmapped before the guest ever ran: the fault
# finds no VMA at the hva, KVM_RUN fails with EFAULT.
# Source: hva_to_pfn() -> KVM_PFN_ERR_FAULT -> kvm_handle_error_pfn(); found by the
# differential fuzzer (the kernel target reused the hole for its own memory).
vm.create vm
host.mmap_anon mem size=16K
memslot.set vm slot=0 gpa=1M size=8K uaddr=mem
gmem.munmap mem
guest.read vm gpa=1M => EFAULT
guest.write vm gpa=0x101000 tag=data => EFAULT
