# uffd=minor: a guest_memfd mapping registered for MINOR faults hands the handler every fault
# on a page that is in the page cache but not mapped (VM_FAULT_UFFD_MINOR); UFFDIO_CONTINUE
# maps that page (a second CONTINUE is EEXIST, one without a folio EFAULT). A page not in the
# cache faults in as usual. MISSING is refused (EINVAL) until the series' 15/17; so is a file
# without INIT_SHARED (kvm_gmem_can_userfault()). The page CONTINUE zeroed is uptodate from
# then on: what the handler's mapping stores there another mapping reads, not zeroed again.
# Source: "[PATCH RFC 14/17] KVM: guest_memfd: implement userfaultfd minor mode"
# (20260127192936.1250096-15-rppt@kernel.org); upstream-2026-11.md 2 (mm-new, not merged).
policy uffd=minor
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.create p vm=vm size=16K flags=mmap
gmem.mmap m gmem=g
gmem.mmap mp gmem=p
host.uffd_register mp mode=minor => EINVAL
host.uffd_register m mode=missing => EINVAL
host.uffd_register m mode=minor
gmem.allocate g offset=0 len=4K
host.read m offset=0 => uffd:minor
host.uffd_continue m offset=0
host.read m offset=0 => zero
host.uffd_continue m offset=0 => EEXIST
host.write m offset=0 tag=cc
gmem.mmap m2 gmem=g
host.read m2 offset=0 => tag:cc
gmem.munmap m2
host.uffd_continue m offset=4K => EFAULT
host.write m offset=4K tag=aa
host.read m offset=4K => tag:aa
gmem.munmap m
gmem.munmap mp
gmem.close g
gmem.close p
vm.close vm
