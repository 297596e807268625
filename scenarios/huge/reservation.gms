# The HugeTLB series' reservation at create, after its selftest
# tools/testing/selftests/kvm/guest_memfd_hugetlb_reporting_test.c (intel/tdx,
# test_guest_memfd_behavior(): "fd creation reserves pages"; fallocate takes the
# huge page from the reservation, PUNCH_HOLE gives it back to the subpool, close
# releases the reservation). The model has no hugetlb counters: what it shows is
# whether another reservation still fits in host RAM (1 GiB here) at each point.
# Source: upstream-2026-11.md 2.2 (Create: reservation), intel/tdx
# virt/kvm/guest_memfd_hugetlb.c @a9e7a72f3eca gmem_hugetlb_setup().
policy hugetlb=allowed
vm.create v type=sw_protected
gmem.create a vm=v size=512M flags=hugetlb page_order=9
gmem.create b1 vm=v size=514M flags=hugetlb page_order=9 => ENOMEM
gmem.allocate a offset=0 len=2M
gmem.fstat a blksize=2M blocks=4096
gmem.create b2 vm=v size=514M flags=hugetlb page_order=9 => ENOMEM
gmem.punch a offset=0 len=2M
gmem.fstat a blocks=0
gmem.create b3 vm=v size=514M flags=hugetlb page_order=9 => ENOMEM
gmem.close a
gmem.create b4 vm=v size=514M flags=hugetlb page_order=9
gmem.create c1 vm=v size=1G flags=hugetlb page_order=18 => ENOMEM
gmem.close b4
gmem.create c2 vm=v size=1G flags=hugetlb page_order=18
gmem.allocate c2 offset=0 len=1G
expect.page c2 offset=0x3ffff000 present=1 order=18
gmem.close c2
