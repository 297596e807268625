# Overlapping ranges of one guest_memfd in two memslots: -EEXIST since 7.2. Adjacent
# ranges may be bound to several slots.
# Source: gmem_uapi.md 2.3 row 10, commit 7ea987a90585 "Return -EEXIST for overlapping
# bindings", selftest 772989854acd.
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=0
memslot.set vm slot=2 gpa=4M size=16K gmem=g offset=8K => EEXIST
memslot.set vm slot=2 gpa=4M size=16K gmem=g offset=16K
expect.gmem g bindings=2
