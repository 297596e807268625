# fstat() of a guest_memfd: st_size is the size asked for and st_blksize the page size
# (the pseudo fs has PAGE_SIZE blocks). st_blocks stays 0 even once pages are allocated:
# guest_memfd adds its folios with filemap_add_folio() and never accounts i_blocks, as
# shmem would (observed on 6.18.44, gmem_uapi.md 2.1).
# Source: tools/testing/selftests/kvm/guest_memfd_test.c test_file_size() (torvalds
# @01f492e1); kvm_gmem_create() / __kvm_gmem_create() in virt/kvm/guest_memfd.c (v7.2 f8479adb).
vm.create vm
gmem.create g vm=vm size=16K
gmem.fstat g size=16K blksize=4096 blocks=0
gmem.allocate g offset=0 len=16K
gmem.fstat g size=16K blksize=4096 blocks=0
# ftruncate is refused (kvm_gmem_setattr()): the size does not move
gmem.truncate g size=32K => EINVAL
gmem.fstat g size=16K
