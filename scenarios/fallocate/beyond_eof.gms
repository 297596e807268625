# PUNCH_HOLE has no size check (any aligned range, even far past EOF, is 0);
# allocation past or straddling EOF is EINVAL ("Dedicated guest is immutable by default").
# Source: gmem_uapi.md 2.4 checks 4-5 and [OBSERVED] "PUNCH at 1<<62 -> 0".
vm.create vm
gmem.create g vm=vm size=16K
gmem.punch g offset=0x4000000000000000 len=4K
gmem.allocate g offset=12K len=8K => EINVAL
gmem.allocate g offset=0 len=1T => EINVAL
gmem.allocate g offset=8K len=8K
expect.page g offset=8K present=1
expect.page g offset=0 present=0
