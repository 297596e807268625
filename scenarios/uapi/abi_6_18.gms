# Issue 18's ops answer the same on abi=6.18 as on 7.2: the capabilities (KVM_CAP_GUEST_MEMFD
# unconditional and KVM_CAP_GUEST_MEMFD_FLAGS both since 6.18), fstat (anon_inode in 6.18,
# guest_memfd's own pseudo fs from 6.19: PAGE_SIZE blocks, no i_blocks either way),
# MADV_COLLAPSE (EINVAL, observed on 6.18.44) and KVM_PRE_FAULT_MEMORY (6.10).
# Source: gmem_uapi.md 0.1, 1.5, 2.1 and 2.5 [OBSERVED 6.18.44]; upstream-2026-11.md 1.2.
policy abi=6.18
kvm.check_extension cap=guest_memfd => value:1
kvm.check_extension cap=guest_memfd_flags => value:3
vm.create vm
kvm.check_extension cap=guest_memfd_flags vm=vm => value:3
gmem.create g vm=vm size=2M flags=mmap,init_shared
gmem.fstat g size=2M blksize=4096 blocks=0
gmem.mmap m gmem=g
host.read m offset=0 => zero
host.madvise m advice=collapse => EINVAL
host.madvise m advice=dontneed
memslot.set vm slot=0 gpa=0 size=2M gmem=g
vm.pre_fault vm gpa=0 size=2M left=0
