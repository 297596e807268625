# NEGATIVE. Without the zeroing of a new folio, a page the host wrote and freed becomes
# a guest's private memory with the host's content in it: the guest runs on host-chosen
# data it never wrote (integrity), which is what clear_highpage() in kvm_gmem_get_pfn()
# prevents.
# Source: kvm_gmem_get_pfn(); DESIGN.md section 4 (integrity); hw_models.md G6.
policy mutant=no-scrub
vm.create vm type=sw_protected
host.mmap_anon buf size=4K
host.write buf offset=0 tag=chosen
gmem.munmap buf
gmem.create g vm=vm size=4K
memslot.set vm slot=0 gpa=0 size=4K gmem=g
attr.set vm gpa=0 size=4K private
guest.read vm gpa=0 => violation:integrity
