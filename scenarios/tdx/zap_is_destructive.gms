# TDX: zapping a private S-EPT entry is destructive. Deleting the memslot removes the page
# from the TD (BLOCK, TRACK, REMOVE) and the host clears it; re-created, the slot faults a
# PENDING page the guest must accept, and it reads zero: the data is gone.
# Source: seed 003 ("TDX destructive removal"); hw_models.md 2.4 "Removed can't come back
# without zeroing".
vm.create td type=tdx
gmem.create g vm=td size=8K
memslot.set td slot=0 gpa=0 size=8K gmem=g
attr.set td gpa=0 size=8K private
vm.finalize td
guest.accept td gpa=0
guest.write td gpa=0 tag=secret
memslot.delete td slot=0
expect.sept td gpa=0 state=free
memslot.set td slot=0 gpa=0 size=8K gmem=g
guest.read td gpa=0 => exit:exception
guest.accept td gpa=0
guest.read td gpa=0 => zero
