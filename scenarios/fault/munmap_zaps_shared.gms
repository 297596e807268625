# The MMU notifier: unmapping the host memory behind a shared memslot zaps its SPTEs;
# the next access finds no host page.
# Source: kvm_mmu_notifier_invalidate_range_start(); the stale-mapping invariant (G2).
vm.create vm
host.mmap_anon mem size=8K
memslot.set vm slot=1 gpa=1M size=8K uaddr=mem
guest.write vm gpa=1M tag=data
gmem.munmap mem offset=0 len=4K
guest.read vm gpa=1M => EFAULT
guest.read vm gpa=0x101000 => zero
