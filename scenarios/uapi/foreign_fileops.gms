# The file ops of the other kinds of fd a scenario can name: a memfd is shmem (punching and
# resizing work, ZERO_RANGE is EOPNOTSUPP), /dev/kvm and stdin are not regular files
# (fallocate ENODEV) and cannot be mapped (no ->mmap: ENODEV); none answers a KVM ioctl.
# /dev/kvm, opened by path, may pread (FMODE_PREAD) but has no ->read (EINVAL); a VM fd,
# an anon inode, has no FMODE_PREAD (ESPIPE).
# Source: fs/open.c vfs_fallocate() and do_dentry_open(), fs/read_write.c ksys_pread64(), mm/shmem.c shmem_fallocate() / shmem_setattr(),
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
gmem.read dev_kvm => EINVAL
gmem.pread dev_kvm => EINVAL
gmem.lseek dev_kvm
gmem.truncate dev_kvm size=0 => EINVAL
vm.create vm
gmem.pread vm => ESPIPE
gmem.read stdin
gmem.pread stdin
