# A fault whose private/shared kind differs from the gfn's attribute exits to userspace
# (kvm_mmu_prepare_memory_fault_exit), both ways. run->memory_fault names the page
# (gpa = gfn << PAGE_SHIFT, size = PAGE_SIZE) and has KVM_MEMORY_EXIT_FLAG_PRIVATE iff
# the fault was private, whatever the memory's attribute.
# Source: gmem_uapi.md 2.7 first producer; kvm_mmu_faultin_pfn(); the memory_fault
# flags/gpa/size asserts of selftests/kvm/x86/private_mem_kvm_exits_test.c.
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K
memslot.set vm slot=1 gpa=1M size=4K gmem=g
guest.read vm gpa=1M private => exit:memory_fault gpa=0x100000 size=4096 private
guest.write vm gpa=0x100abc tag=x private => exit:memory_fault gpa=0x100000 size=4096 private
attr.set vm gpa=1M size=4K private
guest.read vm gpa=0x100ff8 shared => exit:memory_fault gpa=0x100000 size=4096 shared
guest.write vm gpa=1M tag=mine private
guest.read vm gpa=1M => tag:mine
