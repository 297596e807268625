# direct_map=remove is the direct-map removal series: GUEST_MEMFD_FLAG_NO_DIRECT_MAP (bit 2)
# becomes a supported flag, reported by KVM_CAP_GUEST_MEMFD_FLAGS on /dev/kvm and on the VM
# types that allow it (not SNP or TDX: kvm_arch_gmem_supports_no_direct_map()). It is a
# property of the file: a file created without it keeps its pages in the direct map.
# Source: "KVM: guest_memfd: Add flag to remove from direct map" (Patrick Roy, Nikita
# Kalyazin; v11 10/16, 2026-03-17) and "KVM: x86: define
# kvm_arch_gmem_supports_no_direct_map()"; upstream-2026-11.md 3.1. Not merged.
policy direct_map=remove
kvm.check_extension cap=guest_memfd_flags => value:7
vm.create vm
kvm.check_extension cap=guest_memfd_flags vm=vm => value:7
gmem.create kept vm=vm size=4K
gmem.create removed vm=vm size=4K flags=mmap,init_shared,no_direct_map
gmem.allocate kept offset=0 len=4K
gmem.allocate removed offset=0 len=4K
host.direct_read kept offset=0 => zero
host.direct_read removed offset=0 => EFAULT
# the page is reachable through the file's own mapping, as the series intends
gmem.mmap m gmem=removed
host.write m offset=0 tag=user
host.read m offset=0 => tag:user
vm.create snp type=snp
kvm.check_extension cap=guest_memfd_flags vm=snp => value:1
gmem.create s vm=snp size=4K flags=no_direct_map => EINVAL
