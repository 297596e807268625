# bind=zero-on-rebind with a second file on the inode (link=allowed): when VM c binds the
# file VM a created, the zeroing truncates the inode, so it reaches the linked file VM b has
# bound too. Its invalidation is a begin/end pair over every file of the inode
# (kvm_gmem_invalidate_begin()/end()): b's mapping is zapped and its next fault maps a new
# zero page, not a retry that never ends (mmu_invalidate_in_progress left raised). b binds
# only the file's first page, so an end that missed offset 0 would leave b's count raised.
# Source: seed 004 option (c) (zero when binding to a different VM), seed 003 (a second file
# on one inode); kvm_gmem_punch_hole()'s begin/truncate/end order.
policy bind=zero-on-rebind link=allowed
vm.create a type=sw_protected
vm.create b type=sw_protected
vm.create c type=sw_protected
gmem.create g vm=a size=2M
gmem.link g2 from=g vm=b
memslot.set b slot=0 gpa=0 size=4K gmem=g2
attr.set b gpa=0 size=4K private
guest.write b gpa=0 tag=mine
memslot.set c slot=0 gpa=0 size=2M gmem=g
guest.read b gpa=0 => zero
guest.write b gpa=0 tag=again
guest.read b gpa=0 => tag:again
