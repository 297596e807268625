# guest_memfd has no read or write: read/write EINVAL, pread/pwrite/lseek ESPIPE.
# Source: gmem_uapi.md 2.2 [OBSERVED 6.18.44]; selftest 3.A.4 test_file_read_write.
vm.create vm
gmem.create g vm=vm size=16K
gmem.read g => EINVAL
gmem.write g => EINVAL
gmem.pread g => ESPIPE
gmem.pwrite g => ESPIPE
gmem.lseek g => ESPIPE
