# A GMEM_ONLY slot (MMAP|INIT_SHARED file) with a userspace_addr: the guest's accesses
# are faulted from guest_memfd, not from the memory at userspace_addr.
# Source: kvm_memslot_is_gmem_only() in kvm_mmu_faultin_pfn(); gmem_uapi.md 2.8.
vm.create vm
gmem.create g vm=vm size=8K flags=mmap,init_shared
host.mmap_anon other size=8K
memslot.set vm slot=1 gpa=4G size=8K gmem=g uaddr=other
guest.write vm gpa=4G tag=guest
host.read other offset=0 => zero
gmem.mmap m gmem=g
host.read m offset=0 => tag:guest
