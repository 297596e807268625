# Conversion of a HugeTLB guest_memfd, one huge page at a time: to shared splits the
# huge folio to order 0, to private merges it back when every index of the huge page
# is private; a pinned piece makes the merge and the punch EAGAIN (error_offset); the
# host never maps a large folio. After the series' selftest
# guest_memfd_conversions_test.c with its 2M/1G variants (the RFC's copy 17658724913).
# Source: upstream-2026-11.md 2.2 (Conversion batching, to private, to shared,
# PUNCH_HOLE, Host mmap), the HT code's kvm_gmem_convert()/kvm_gmem_restructure().
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb,mmap page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
gmem.allocate g offset=0 len=4M
expect.page g offset=0x1000 present=1 order=9 private=1
guest.write v gpa=0x1000 tag=a
gmem.convert g offset=0x3000 len=4K to=shared
expect.page g offset=0x1000 order=0 private=1 tag=a
expect.page g offset=0x3000 order=0 shared=1
expect.page g offset=0x200000 order=9
gmem.mmap m gmem=g
host.write m offset=0x3000 tag=h
host.read m offset=0x1000 => sigbus
host.pin m offset=0x3000
gmem.convert g offset=0x3000 len=4K to=private => EAGAIN@0x3000
gmem.punch g offset=0 len=2M => EAGAIN
host.unpin m offset=0x3000
gmem.munmap m
gmem.convert g offset=0x3000 len=4K to=private
expect.page g offset=0x1000 order=9 tag=a
gmem.convert g offset=0x1ff000 len=8K to=shared
expect.page g offset=0x1ff000 order=0
expect.page g offset=0x200000 order=0
gmem.convert g offset=0x1ff000 len=8K to=private
expect.page g offset=0x1ff000 order=9
expect.page g offset=0x200000 order=9
gmem.punch g offset=0 len=2M
expect.page g offset=0 present=0
gmem.close g
