# A guest_memfd created without GUEST_MEMFD_FLAG_MMAP cannot be mapped (ENODEV), shared
# or private; a VM fd has no ->mmap at all.
# Source: selftest 3.A.12 test_mmap_not_supported; gmem_uapi.md 2.5 row 1.
vm.create vm
gmem.create g vm=vm size=16K
gmem.mmap m gmem=g => ENODEV
gmem.mmap p gmem=g private => ENODEV
gmem.mmap v gmem=vm len=4K => ENODEV
