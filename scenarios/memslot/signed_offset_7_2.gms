# offset + size is unsigned since 7.2: a binding past EOF is refused.
# Source: commit eba85fee7fc6 "Treat memslot binding offset+size as unsigned values";
# gmem_uapi.md 2.3 row 10 and bug #14 of section 5.
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=4K gmem=g offset=0x7ffffffffffff000 => EINVAL
memslot.set vm slot=1 gpa=1M size=8K gmem=g offset=0x7ffffffffffff000 => EINVAL
expect.gmem g bindings=0
