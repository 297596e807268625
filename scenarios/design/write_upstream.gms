# Upstream guest_memfd has no .write_iter and no FMODE_PWRITE or FMODE_LSEEK: write() is
# EINVAL, pwrite() and lseek() ESPIPE, and GUEST_MEMFD_FLAG_WRITE (bit 2 in the write()
# series) is an unknown flag. write=populate (the series) changes all three: write_populate.gms.
# Source: torvalds guest_memfd.c @f8479adb (no .write_iter; upstream-2026-11.md "unchanged at
# f8479adb"); fs/read_write.c vfs_write(), ksys_pwrite64(), ksys_lseek().
vm.create vm
gmem.create w vm=vm size=16K flags=mmap,init_shared,write => EINVAL
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.write g len=4K => EINVAL
gmem.pwrite g offset=0 len=4K => ESPIPE
gmem.lseek g => ESPIPE
expect.page g offset=0 present=0
gmem.close g
vm.close vm
