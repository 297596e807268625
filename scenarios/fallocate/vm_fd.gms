# fallocate on a VM fd: vfs_fallocate() refuses an anon inode that is not S_ISREG.
# Source: vfs_fallocate() (fs/open.c); DESIGN.md section 6 ("any name may be passed").
vm.create vm
gmem.allocate vm offset=0 len=4K => ENODEV
gmem.punch vm offset=0 len=4K => ENODEV
