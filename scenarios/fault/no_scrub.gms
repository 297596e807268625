# NEGATIVE. A folio must be zeroed before its first user sees it: with the no-scrub mutant
# a punched page, reused at once by another VM's guest_memfd (the allocator is LIFO here),
# still holds the first VM's private data.
# Source: kvm_gmem_get_pfn() ("zero if !uptodate"); hw_models.md G5.
policy mutant=no-scrub
vm.create a type=sw_protected
vm.create b type=sw_protected
gmem.create ga vm=a size=4K
gmem.create gb vm=b size=4K
memslot.set a slot=0 gpa=0 size=4K gmem=ga
memslot.set b slot=0 gpa=0 size=4K gmem=gb
attr.set a gpa=0 size=4K private
attr.set b gpa=0 size=4K private
guest.write a gpa=0 tag=secret
gmem.punch ga offset=0 len=4K
guest.read b gpa=0 => violation:confidentiality
