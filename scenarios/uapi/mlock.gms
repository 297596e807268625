# mlock() of a guest_memfd mapping populates it through GUP: shared (INIT_SHARED) pages are
# allocated and mapped; a private one faults with SIGBUS, GUP's -EFAULT, which mlock()
# reports as ENOMEM (__mlock_posix_error_return()). While VM_LOCKED, MADV_DONTNEED and
# MADV_REMOVE are EINVAL; after munlock() REMOVE punches again. The syzbot reproducer of
# "WARNING in kvm_gmem_fault_user_mapping" reached the fault this way (mlock -> GUP).
# Source: mm/mlock.c do_mlock(), mm/gup.c __mm_populate(), mm/madvise.c;
# upstream-2026-11.md 4.2 (syzbot 33a04338019ac7e43a44).
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mlock m
expect.page g offset=0 present=1
expect.page g offset=12K present=1
host.madvise m advice=dontneed => EINVAL
host.madvise m advice=remove offset=0 len=4K => EINVAL
host.munlock m
host.madvise m advice=remove offset=0 len=4K
expect.page g offset=0 present=0
gmem.create p vm=vm size=16K flags=mmap
gmem.mmap pm gmem=p
host.mlock pm => ENOMEM
expect.page p offset=0 present=0
