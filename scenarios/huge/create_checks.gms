# KVM_CREATE_GUEST_MEMFD with HUGETLB: the HT code's kvm_gmem_create() checks in its
# order (a non-zero page_order without HUGETLB, HUGETLB with INIT_SHARED, an order with
# no hstate, a size not aligned to the huge page: EINVAL), the reservation at create
# (ENOMEM), fallocate alignment (EINVAL), st_blksize and st_blocks.
# Source: upstream-2026-11.md 2.2; the series' selftest guest_memfd_test.c hugetlb
# variants (test_guest_memfd_features_for_page_size(), 2M and 1G; the RFC's copy
# 57559861047) and intel/tdx virt/kvm/guest_memfd_hugetlb.c @a9e7a72f3eca.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g0 vm=v size=2M page_order=9 => EINVAL
gmem.create g1 vm=v size=2M flags=hugetlb,init_shared page_order=9 => EINVAL
gmem.create g2 vm=v size=2M flags=hugetlb page_order=10 => EINVAL
gmem.create g3 vm=v size=2M flags=hugetlb page_order=0 => EINVAL
gmem.create g4 vm=v size=1M flags=hugetlb page_order=9 => EINVAL
gmem.create g5 vm=v size=4G flags=hugetlb page_order=18 => ENOMEM
gmem.create g vm=v size=4M flags=hugetlb page_order=9
gmem.fstat g size=4M blksize=2M blocks=0
gmem.allocate g offset=0 len=4K => EINVAL
gmem.allocate g offset=0 len=2M
gmem.fstat g blocks=4096
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
guest.write v gpa=0x1000 tag=a
guest.read v gpa=0x1000 => tag:a
guest.write v gpa=0x201000 tag=b
gmem.fstat g blocks=8192
gmem.punch g offset=0 len=4K => EINVAL
gmem.punch g offset=0 len=2M
gmem.fstat g blocks=4096
gmem.close g
