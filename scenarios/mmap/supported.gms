# MMAP|INIT_SHARED: the host writes through the mapping; a punched page reads zero on
# refault while the others keep their data; the data lives in the inode and survives
# munmap + mmap.
# Source: selftest 3.A.5 test_mmap_supported; gmem_uapi.md 2.5 [OBSERVED].
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.write m offset=0 tag=aa
host.write m offset=4K tag=aa
host.write m offset=12K tag=aa
gmem.punch g offset=0 len=4K
host.read m offset=0 => zero
host.read m offset=4K => tag:aa
expect.page g offset=0 present=1 tag=zero
gmem.munmap m
gmem.mmap again gmem=g
host.read again offset=12K => tag:aa
# a mapping far larger than the file lies in the user address space and unmaps
# whole (found by the differential fuzzer)
gmem.mmap wide gmem=g offset=4K len=1T
gmem.munmap wide
