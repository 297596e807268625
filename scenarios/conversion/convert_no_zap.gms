# NEGATIVE. A conversion to shared that keeps the private stage-2 mappings: the guest's
# private SPTE survives while the page is now shared and the host writes into it, so the
# guest goes on using, as private, memory the host controls (stale-mapping). The series
# zaps the side being left (KVM_FILTER_PRIVATE for to-shared) inside the invalidation
# window before the attribute changes.
# Source: series v13, linux-next next-20260923: e088c7f86bef, 2f7f4e102880 (the mapping
# type filter), 799c9fadc639 __kvm_gmem_set_attributes().
policy convert=in-place
policy mutant=convert-no-zap
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
guest.write vm gpa=4G tag=secret
gmem.convert g offset=0 len=4K to=shared => violation:stale-mapping
