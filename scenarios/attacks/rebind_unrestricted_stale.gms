# NEGATIVE. Without the f->kvm check the file's invalidations still go to f->kvm (the
# victim), so a hole punch leaves the attacker's SPTE on a freed page.
# Source: seed 004 ("induce badness by coercing KVM into mapping memory into a guest
# with the wrong" VM); __kvm_gmem_invalidate_begin() uses f->kvm.
policy bind=unrestricted
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=2M
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0
attr.set attacker gpa=0 size=2M private
guest.write attacker gpa=0 tag=mine
gmem.punch g offset=0 len=4K => violation:stale-mapping
