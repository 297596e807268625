# A fault whose private/shared kind differs from the gfn's attribute exits to userspace
# (kvm_mmu_prepare_memory_fault_exit), both ways.
# Source: gmem_uapi.md 2.7 first producer.
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K
memslot.set vm slot=1 gpa=1M size=4K gmem=g
guest.read vm gpa=1M private => exit:memory_fault
attr.set vm gpa=1M size=4K private
guest.read vm gpa=1M shared => exit:memory_fault
guest.write vm gpa=1M tag=mine private
guest.read vm gpa=1M => tag:mine
