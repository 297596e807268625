# A memslot move or delete waits for the faults in flight: kvm_swap_active_memslots()
# runs synchronize_srcu() after installing the invalid slot and before the zap, so a
# fault that resolved the old slot finishes first and its mapping is zapped after.
# Found by the lifecycle fuzzer (a move between get_pfn and map left a mapping of a
# slot that was gone). Source: kvm_invalidate_memslot(), kvm_swap_active_memslots().
vm.create vm
host.mmap_anon m size=16K
memslot.set vm slot=0 gpa=0 size=16K uaddr=m
host.write m offset=0 tag=a
spawn f guest.read vm gpa=0
step f 2
memslot.move vm slot=0 gpa=1M => blocked
spawn del memslot.delete vm slot=0
step del => blocked
finish f => tag:a
finish del
guest.read vm gpa=0 => exit:mmio
check
