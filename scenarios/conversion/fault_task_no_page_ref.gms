# Under the series the fault keeps no folio reference between get_pfn and the map
# (kvm_gmem_get_pfn() puts it before returning, 89fbe3de01cc "Stop returning struct
# page from PFN lookup"), so a to-private conversion in that window finds no extra
# reference; the mmu_invalidate_retry check sends the fault back instead, and it maps
# the page on its second try as what it now is (the access follows the attribute). The fault
# must then not put a reference it never took (the explorer found the model doing so:
# the page freed under a live SPTE).
# Source: series v13 (linux-next next-20260923); kvm_mmu_faultin_pfn(), kvm_tdp_mmu_map().
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
spawn f guest.write vm gpa=4G tag=a
step f
step f
gmem.convert g offset=0 len=4K to=private
step f => ok
finish f
expect.page g offset=0 shared=0 tag=a
spawn f2 guest.write vm gpa=4G tag=c
finish f2
guest.read vm gpa=4G => tag:c
