# A munmap() that drops a guest_memfd's last reference runs __fput() on the way back
# to user space; while a memslot delete holds slots_lock, kvm_gmem_release() waits,
# so the munmap is blocked until the delete is done. Found by the lifecycle fuzzer.
# Source: fput() -> task_work __fput() -> kvm_gmem_release() (mutex_lock(slots_lock)).
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
memslot.set vm slot=1 gpa=4G size=16K gmem=g
spawn close gmem.close g
spawn del memslot.delete vm slot=1
step close
step del
gmem.munmap m => blocked
finish del
gmem.munmap m
check
