# The syzbot race (2479e53d0db9b32ae2aa, KASAN slab-use-after-free in kvm_gmem_release):
# the last fput() makes the file dying, a memslot delete then finds get_file_active()
# NULL. Upstream unbinds anyway (ae431059e75d); release, waiting on slots_lock, then
# finds no binding to the freed slot. Mutant release-uaf skips the unbind.
# Source: gmem_uapi.md 5 bug #1; kvm_gmem_unbind(), kvm_gmem_release().
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
gmem.create other vm=vm size=4K
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn close gmem.close g
spawn del memslot.delete vm slot=1
step close
step del
step close => blocked
# outside a task too, whatever needs the delete's slots_lock waits and does nothing
gmem.close other => blocked
attr.set vm gpa=4G size=4K shared => blocked
memslot.set vm slot=2 gpa=8G size=4K gmem=other => blocked
finish del
expect.gmem g bindings=0
finish close
gmem.close other
check
