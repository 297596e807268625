# mmap()'s offset limit for a guest_memfd: file_mmap_ok() (mm/mmap.c) allows a regular
# file's mapping to end at MAX_LFS_FILESIZE (LLONG_MAX), so the last page offset a mapping
# of len bytes may start at is (LLONG_MAX - len) >> PAGE_SHIFT; one page further is
# EOVERFLOW. guest_memfd's mmap does not check the file size: the mapping past i_size is
# made, and a fault there would be SIGBUS.
vm.create vm
gmem.create g vm=vm size=8K flags=mmap,init_shared
gmem.mmap last gmem=g offset=0x7fffffffffffd000 len=8K
gmem.mmap over gmem=g offset=0x7fffffffffffe000 len=8K => EOVERFLOW
gmem.mmap far gmem=g offset=0x7ffffffffffff000 len=8K => EOVERFLOW
gmem.munmap last
gmem.close g
vm.close vm
