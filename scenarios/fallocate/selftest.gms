# The fallocate selftest: allocation past EOF fails, punching past EOF succeeds,
# a punched hole can be re-allocated.
# Source: selftest 3.A.14 test_fallocate; gmem_uapi.md 2.4.
vm.create vm
gmem.create g vm=vm size=16K
gmem.allocate g offset=0 len=16K
gmem.punch g offset=4095 len=4K => EINVAL
gmem.allocate g offset=16K len=4K => EINVAL
gmem.allocate g offset=20K len=4K => EINVAL
gmem.punch g offset=16K len=4K
gmem.punch g offset=20K len=4K
gmem.punch g offset=4K len=4095 => EINVAL
gmem.punch g offset=4K len=4K
expect.page g offset=4K present=0
expect.page g offset=8K present=1
gmem.allocate g offset=4K len=4K
expect.page g offset=4K present=1
