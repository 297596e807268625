# Only KEEP_SIZE and KEEP_SIZE|PUNCH_HOLE are supported; the VFS checks come first
# (len <= 0 EINVAL, PUNCH without KEEP_SIZE EOPNOTSUPP, offset+len past LLONG_MAX EFBIG).
# Source: gmem_uapi.md 2.4 [OBSERVED rows], vfs_fallocate(), kvm_gmem_fallocate().
vm.create vm
gmem.create g vm=vm size=16K
gmem.fallocate g mode=0 offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=punch_hole offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=keep_size,zero_range offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=collapse_range offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=insert_range offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=keep_size,unshare_range offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=keep_size,punch_hole,zero_range offset=0 len=4K => EOPNOTSUPP
gmem.fallocate g mode=keep_size offset=0 len=0 => EINVAL
gmem.fallocate g mode=keep_size offset=-4096 len=4K => EINVAL
gmem.punch g offset=0x7ffffffffffff000 len=8K => EFBIG
gmem.fallocate g mode=keep_size,punch_hole offset=0 len=16K
