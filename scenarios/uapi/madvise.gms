# madvise() on a shared guest_memfd mapping. MADV_DONTNEED drops the ptes only: the page
# stays in the file and faults back in with its data. MADV_REMOVE is
# vfs_fallocate(PUNCH_HOLE | KEEP_SIZE) on the file (madvise_remove()), i.e.
# kvm_gmem_fallocate(): the page is freed and reads back as zero. An unaligned start is
# EINVAL; a range past the mapping is ENOMEM.
# Source: mm/madvise.c madvise_dontneed_free(), madvise_remove(), do_madvise();
# guest_memfd_test.c test_collapse() (MADV_DONTNEED) and test_mmap_supported() (punch).
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.write m offset=0 tag=kept
host.write m offset=4K tag=removed
host.madvise m advice=dontneed offset=0 len=4K
expect.page g offset=0 present=1
host.read m offset=0 => tag:kept
host.madvise m advice=remove offset=4K len=4K
expect.page g offset=4K present=0
host.read m offset=4K => zero
host.madvise m advice=dontneed offset=1 len=4K => EINVAL
host.madvise m advice=remove offset=64K len=4K => ENOMEM
