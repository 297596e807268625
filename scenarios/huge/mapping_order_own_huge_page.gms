# kvm_gmem_mapping_order() judges the huge page that holds the index: with in-place
# conversion the attributes live in the inode, and a shared page in the first huge page
# keeps that one at 4K while a fault in the second, all private, maps 2M. (The HT code
# tests the range from the faulting index itself; the model tests its huge page, which is
# what the series means: guest_memfd_hugetlb.c's comment.)
# Source: the HT code's kvm_gmem_mapping_order() (upstream-2026-11.md 2.1-2.2); DESIGN.md
# 3.2.2.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
gmem.convert g offset=0x3000 len=4K to=shared
guest.write v gpa=0x201000 tag=b
expect.mapping v gpa=0x201000 level=2m
guest.write v gpa=0x1000 tag=a
expect.mapping v gpa=0x1000 level=4k
guest.read v gpa=0x201000 => tag:b
