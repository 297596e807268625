# MAP_PRIVATE is EINVAL ("Copy-on-write not allowed"); PROT_EXEC is EPERM (noexec mount,
# checked by do_mmap() before ->mmap); an unaligned offset is EINVAL.
# Source: selftest 3.A.10 test_mmap_cow; gmem_uapi.md 2.5 [OBSERVED]; do_mmap().
vm.create vm
gmem.create g vm=vm size=16K flags=mmap
gmem.mmap cow gmem=g private => EINVAL
gmem.mmap x gmem=g exec => EPERM
gmem.mmap odd gmem=g offset=1 len=4K => EINVAL
gmem.mmap ok gmem=g
# do_mmap() checks that pgoff + pages does not wrap before the file's ->mmap
# (found by the differential fuzzer against 6.18.44)
gmem.mmap wrap gmem=g offset=-4096 len=8K private => EOVERFLOW
# a private writable mapping is accounted before ->mmap: larger than RAM is ENOMEM
# (mmap_region(), accountable_mapping(); found by the differential fuzzer)
gmem.mmap huge gmem=g len=1T private => ENOMEM
gmem.mmap huge_shared gmem=g len=1T
