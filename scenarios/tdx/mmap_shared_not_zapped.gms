# NEGATIVE. Found by the lifecycle fuzzer; UNVERIFIED on TDX hardware (none here).
# 6.18 offers GUEST_MEMFD_FLAG_MMAP to every VM type; binding such a file sets
# KVM_MEMSLOT_GMEM_ONLY, so a TD's *shared* fault maps a guest_memfd page in the
# direct root (__kvm_mmu_faultin_pfn()). Without INIT_SHARED the file's invalidations
# use KVM_FILTER_PRIVATE, which on a VM with mirrored TDP selects the mirror root only:
# closing the file (or punching the hole) frees the page under a live shared SPTE.
# Source: kvm_gmem_get_supported_flags(), kvm_gmem_get_invalidate_filter(),
# kvm_gfn_range_filter_to_root_types() (6.18); compare scenarios/fault/punch_hole_shared.gms.
vm.create td type=tdx
gmem.create g vm=td size=2M flags=mmap
memslot.set td slot=0 gpa=0 size=4K gmem=g offset=16K
guest.write td gpa=0 tag=shared_data
gmem.close g => violation:stale-mapping
