# MAP_PRIVATE is EINVAL ("Copy-on-write not allowed"); PROT_EXEC is EPERM (noexec mount,
# checked by do_mmap() before ->mmap); an unaligned offset is EINVAL.
# Source: selftest 3.A.10 test_mmap_cow; gmem_uapi.md 2.5 [OBSERVED].
vm.create vm
gmem.create g vm=vm size=16K flags=mmap
gmem.mmap cow gmem=g private => EINVAL
gmem.mmap x gmem=g exec => EPERM
gmem.mmap odd gmem=g offset=1 len=4K => EINVAL
gmem.mmap ok gmem=g
