# Deleting a memslot unbinds it: the range can be bound again, and the flags and fd
# of a delete are ignored.
# Source: gmem_uapi.md 1.3 (memslot delete) [OBSERVED "rebind freed range [0,4) to slot5"].
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=0
memslot.set vm slot=1 gpa=0 size=0 gmem=vm flags=readonly
expect.gmem g bindings=0
memslot.set vm slot=5 gpa=16M size=16K gmem=g offset=0
expect.gmem g bindings=1
