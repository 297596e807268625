# A closed guest_memfd is EBADF for every call; a VM fd has no read either (EINVAL).
# Source: DESIGN.md section 6 ("the name of a closed object passes a closed descriptor").
vm.create vm
gmem.create g vm=vm size=4K
gmem.close g
gmem.read g => EBADF
gmem.pread g => EBADF
gmem.allocate g offset=0 len=4K => EBADF
gmem.close g => EBADF
gmem.read vm => EINVAL
gmem.lseek vm
