# Memslots are "weird page tables": deleting one does not free the data, which lives
# in the inode and is there again when the range is bound to a new slot.
# Source: seed 004 (Sean: "deleting a memslot doesn't have any impact on the underlying
# data in memory"); gmem_uapi.md 1.3 memslot delete.
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K
memslot.set vm slot=1 gpa=1M size=16K gmem=g
attr.set vm gpa=0 size=1G private
guest.write vm gpa=0x101000 tag=kept
memslot.delete vm slot=1
expect.page g offset=4K present=1 private=0 tag=kept
memslot.set vm slot=2 gpa=8M size=16K gmem=g
guest.read vm gpa=0x801000 => tag:kept
