# MADV_COLLAPSE on a guest_memfd mapping is EINVAL: no THP for guest_memfd files
# (thp_vma_allowable_order() in madvise_collapse()). Before that, khugepaged or
# MADV_COLLAPSE could put guest_memfd pages in a THP, which kvm_gmem_fault_user_mapping()
# then warned about (syzbot 33a04338019ac7e43a44, "WARNING in kvm_gmem_fault_user_mapping").
# MADV_HUGEPAGE and MADV_DONTNEED succeed, and the pages read back afterwards.
# Source: guest_memfd_test.c test_collapse() (kvm-x86 9830209b4ae8, merged by 7.1);
# upstream-2026-11.md 4.2. The same on abi=6.18 (anon_inode) and 7.2 (own fs).
vm.create vm
gmem.create g vm=vm size=2M flags=mmap,init_shared
gmem.mmap m gmem=g
host.read m offset=0 => zero
host.read m offset=1M => zero
host.read m offset=0x1ff000 => zero
host.madvise m advice=hugepage
host.madvise m advice=collapse => EINVAL
host.madvise m advice=dontneed
host.read m offset=0 => zero
host.read m offset=0x1ff000 => zero
