# The file ops of the other kinds of fd a scenario can name: a memfd is shmem (punching and
# resizing work, ZERO_RANGE is EOPNOTSUPP), /dev/kvm and stdin are not regular files
# (fallocate ENODEV) and cannot be mapped (no ->mmap: ENODEV); none answers a KVM ioctl.
# Source: fs/open.c vfs_fallocate(), mm/shmem.c shmem_fallocate() / shmem_setattr(),
# mm/mmap.c do_mmap(); the fds the set_memory_region_test.c cases pass.
host.memfd mfd size=16K
gmem.fstat mfd size=16K blksize=4096
gmem.punch mfd offset=0 len=4K
gmem.fallocate mfd mode=zero_range offset=0 len=4K => EOPNOTSUPP
gmem.truncate mfd size=32K
gmem.fstat mfd size=32K
gmem.read mfd
kvm.check_extension cap=guest_memfd vm=mfd => ENOTTY
gmem.punch dev_kvm offset=0 len=4K => ENODEV
gmem.punch stdin offset=0 len=4K => ENODEV
gmem.mmap k gmem=dev_kvm len=4K => ENODEV
gmem.mmap s gmem=stdin len=4K => ENODEV
kvm.check_extension cap=guest_memfd vm=stdin => ENOTTY
