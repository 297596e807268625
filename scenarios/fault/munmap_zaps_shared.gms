# The MMU notifier: unmapping the host memory behind a shared memslot zaps its SPTEs;
# the next access finds no host page. Only the range's SPTEs go: the page after it stays
# mapped ([start, end) is half open).
# Source: kvm_mmu_notifier_invalidate_range_start(); the stale-mapping invariant (G2).
vm.create vm
host.mmap_anon mem size=8K
memslot.set vm slot=1 gpa=1M size=8K uaddr=mem
guest.write vm gpa=1M tag=data
guest.write vm gpa=0x101000 tag=next
expect.mapping vm gpa=0x101000 present=1
gmem.munmap mem offset=0 len=4K
expect.mapping vm gpa=1M present=0
expect.mapping vm gpa=0x101000 present=1
guest.read vm gpa=1M => EFAULT
guest.read vm gpa=0x101000 => tag:next
