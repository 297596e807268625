# uffd=missing: the series' MISSING mode. A fault on a page with no folio goes to the handler
# (uffd:missing); UFFDIO_COPY allocates the folio under the file's NUMA policy
# (kvm_gmem_folio_alloc()), fills it, adds it to the page cache (kvm_gmem_filemap_add()) and
# maps it; a second COPY is EEXIST (the pte), and so is a COPY of a page the cache has but no
# pte maps (the filemap add, as shmem_mfill_atomic_pte()'s), which writes nothing. A page
# already in the cache faults in as usual.
# Source: "[PATCH RFC 15/17] KVM: guest_memfd: implement userfaultfd missing mode"
# (20260127192936.1250096-1-rppt@kernel.org series); upstream-2026-11.md 2. Where the MISSING
# fault is caught is UNVERIFIED (src/model/gmem_uffd.c).
policy uffd=missing numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.uffd_register m mode=missing
host.mbind m mode=bind nodes=1 offset=4K len=4K
host.read m offset=4K => uffd:missing
expect.page g offset=4K present=0
host.uffd_copy m offset=4K tag=payload
host.read m offset=4K => tag:payload
expect.page g offset=4K node=1
host.uffd_copy m offset=4K tag=again => EEXIST
gmem.allocate g offset=8K len=4K
host.uffd_copy m offset=8K tag=late => EEXIST
host.read m offset=8K => zero
host.uffd_continue m offset=8K => EINVAL
gmem.munmap m
gmem.close g
vm.close vm
