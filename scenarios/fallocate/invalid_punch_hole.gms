# Every unaligned punch is EINVAL.
# Source: selftest 3.A.15 test_invalid_punch_hole.
vm.create vm
gmem.create g vm=vm size=16K
gmem.punch g offset=0 len=1 => EINVAL
gmem.punch g offset=0 len=4095 => EINVAL
gmem.punch g offset=0 len=4097 => EINVAL
gmem.punch g offset=1 len=1 => EINVAL
gmem.punch g offset=1 len=4095 => EINVAL
gmem.punch g offset=1 len=4096 => EINVAL
gmem.punch g offset=1 len=4097 => EINVAL
gmem.punch g offset=4096 len=1 => EINVAL
gmem.punch g offset=4096 len=4095 => EINVAL
gmem.punch g offset=4096 len=4097 => EINVAL
