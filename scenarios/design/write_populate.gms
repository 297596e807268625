# write=populate: the posted write() series lets userspace populate guest_memfd with
# write()/pwrite() instead of a mapping and memcpy. GUEST_MEMFD_FLAG_WRITE turns it on per
# file; without the flag write_begin() is ENODEV; offset and length must be page aligned and
# inside i_size (EINVAL); each page written is in the page cache, uptodate (zeroed: the
# targets' write() carries zeros). Upstream (write=none) all of these are EINVAL / ESPIPE.
# Source: Nikita Kalyazin, "KVM: guest_memfd: add generic population via write" v7
# (20251114151828.98165-1-kalyazin@amazon.com), kvm_gmem_write_begin(), kvm_gmem_write_end();
# upstream-2026-11.md 2 (posted, not merged).
policy write=populate
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared,write
gmem.create plain vm=vm size=16K flags=mmap,init_shared
gmem.pwrite plain offset=0 len=4K => ENODEV
gmem.pwrite g offset=0 len=64 => EINVAL
gmem.pwrite g offset=16K len=4K => EINVAL
expect.page g offset=12K present=0
gmem.pwrite g offset=4K len=8K
expect.page g offset=4K present=1 tag=zero
expect.page g offset=8K present=1
expect.page g offset=0 present=0
# write() goes at the file position, which lseek() moves (default_llseek)
gmem.lseek g offset=12K
gmem.write g len=4K
expect.page g offset=12K present=1
gmem.write g len=4K => EINVAL
gmem.close g
gmem.close plain
vm.close vm
