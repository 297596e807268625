# The MMU notifier moves mmu_invalidate_seq whenever a memslot maps the range,
# even where KVM has no SPTE yet: a fault that pinned the host page before the
# munmap retries at its map step and then finds no page (EFAULT). Found by the
# lifecycle fuzzer (the model bumped the sequence only when it zapped an SPTE).
# Source: kvm_mmu_notifier_invalidate_range_start(), kvm_handle_hva_range().
vm.create vm
host.mmap_anon m size=16K
memslot.set vm slot=0 gpa=0 size=16K uaddr=m
spawn f guest.read vm gpa=0
step f 2
gmem.munmap m
finish f => EFAULT
check
