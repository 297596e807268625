# The fd is closed while a hole punch runs: the punch's own reference is the last,
# so its fput() runs __fput() on the way back to user space, and kvm_gmem_release()
# waits for the slots_lock a memslot delete holds. The delete, in turn, waited for
# the punch's invalidate lock, which the punch dropped before its fput(); the file
# being dying by then, the delete unbinds without that lock. Found by
# the lifecycle fuzzer. Source: fdput()/__fput() (task_work), kvm_gmem_release().
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn punch gmem.punch g offset=0 len=4K
spawn close gmem.close g
spawn del memslot.delete vm slot=1
step punch 2
step close
step del
step del => blocked
step punch
step punch => blocked
finish del
finish punch
check
