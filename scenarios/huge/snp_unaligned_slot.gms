# A memslot whose gfns and guest_memfd indices are not congruent modulo 512 (gpa 4G bound at
# offset 4K of a 2 MiB HugeTLB file) cannot take a 2M RMP entry: the aligned 2M pfn range would
# bind pfn 513 to gpa 4G + 4K while the slot puts gpa 4G there. The list's conclusion for such
# bindings is to allow them and disallow large pages (Ackerley Tng and Michael Roth on
# "KVM: guest_memfd: Remove the WARN_ON on unaligned gmem.pgoff", AMDESE/linux c654cd144ad0:
# order 0 from kvm_gmem_get_pfn() where the 2M range is not aligned to the file), so
# sev_gmem_prepare() is asked for order 0 and makes a 4K entry, and the NPT maps 4K.
# Found by fuzz_lifecycle under hugetlb=allowed,convert=in-place (a stale-mapping S6 report
# on the model's own 2M entry, the guest's first PVALIDATE an #NPF).
# Source: arch/x86/kvm/svm/sev.c sev_gmem_prepare, is_large_rmp_possible; virt/kvm/
# guest_memfd.c kvm_gmem_prepare_folio's WARN_ON(!IS_ALIGNED(slot->gmem.pgoff, ...)).
policy hugetlb=allowed convert=in-place
vm.create s type=snp
gmem.create g vm=s size=2M flags=hugetlb page_order=9
memslot.set s slot=1 gpa=4G size=4K gmem=g offset=4K
vm.finalize s
guest.accept s gpa=4G
expect.rmp g offset=0x1000 assigned=1 pagesize=4k validated=1
expect.rmp g offset=0 assigned=0
expect.mapping s gpa=4G level=4k
guest.write s gpa=4G tag=secret
guest.read s gpa=4G => tag:secret
# A slot that covers only part of the folio, at an aligned gfn and index: also order 0 (the
# start and end ranges of c654cd144ad0), so a second slot may bind the next index elsewhere.
# Found by fuzz_lifecycle the same way, once the first case was fixed.
vm.create t type=snp
gmem.create h vm=t size=2M flags=hugetlb page_order=9
memslot.set t slot=0 gpa=0 size=4K gmem=h offset=0
guest.accept t gpa=0
memslot.set t slot=1 gpa=4G size=4K gmem=h offset=4K
guest.accept t gpa=4G
expect.rmp h offset=0 assigned=1 pagesize=4k validated=1
expect.rmp h offset=0x1000 assigned=1 pagesize=4k validated=1
