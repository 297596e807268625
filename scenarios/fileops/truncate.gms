# guest_memfd cannot be resized: ftruncate is EINVAL (kvm_gmem_setattr) and the size holds.
# Source: gmem_uapi.md 2.2 "ftruncate (grow/shrink/same) EINVAL; size unchanged".
vm.create vm
gmem.create g vm=vm size=16K
gmem.truncate g size=32K => EINVAL
gmem.truncate g size=4K => EINVAL
gmem.truncate g size=16K => EINVAL
gmem.allocate g offset=12K len=4K
expect.page g offset=12K present=1
