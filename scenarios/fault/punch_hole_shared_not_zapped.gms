# NEGATIVE. The invalidation filter of shared guest_memfd memory (MMAP|INIT_SHARED) must
# include the shared side: with the shared-not-zapped mutant a hole punch zaps private
# SPTEs only, so the guest keeps its mapping of the freed page.
# Source: kvm_gmem_get_invalidate_filter() (6.18); punch_hole_shared.gms without the mutant.
policy mutant=shared-not-zapped
vm.create vm type=default
gmem.create g vm=vm size=16K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=16K gmem=g uaddr=0
guest.write vm gpa=0x100001000 tag=cc
gmem.punch g offset=4K len=4K => violation:stale-mapping
