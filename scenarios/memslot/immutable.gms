# "Private memslots are immutable, they can only be deleted": an identical re-issue,
# clearing the flag, moving, or changing the offset are all EINVAL; deleting works.
# Source: gmem_uapi.md 2.3 check 7 [OBSERVED]; fix 9935df5333aa (bug #2 of section 5).
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=0
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=0 => EINVAL
memslot.set vm slot=1 gpa=1M size=16K => EINVAL
memslot.move vm slot=1 gpa=2M => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=16K => EINVAL
expect.gmem g bindings=1
memslot.delete vm slot=1
expect.gmem g bindings=0
