# uffd=missing: UFFDIO_COPY into a mapping longer than the file. The page at i_size is past
# the end (kvm_gmem_folio_alloc() has nothing to add there): EFAULT; the last page inside
# the file takes the copy.
# Source: "[PATCH RFC 15/17] KVM: guest_memfd: implement userfaultfd missing mode"
# (20260127192936.1250096-1-rppt@kernel.org series); mfill_atomic_pte()'s -EFAULT past EOF.
policy uffd=missing
vm.create vm
gmem.create g vm=vm size=8K flags=mmap,init_shared
gmem.mmap m gmem=g len=16K
host.uffd_register m mode=missing
host.uffd_copy m offset=8K tag=past => EFAULT
host.uffd_copy m offset=4K tag=last
host.read m offset=4K => tag:last
gmem.munmap m
gmem.close g
vm.close vm
