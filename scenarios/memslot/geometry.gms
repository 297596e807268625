# The observed KVM_SET_USER_MEMORY_REGION2 table for a 16-page guest_memfd: bad offsets,
# ranges past EOF, LOG_DIRTY or READONLY with GUEST_MEMFD, unaligned uaddr/gpa/size, a uaddr
# range that runs past the end of the user address space (access_ok()),
# deleting a slot that does not exist (as an op and as a task).
# Source: gmem_uapi.md 2.3 "Concrete results table from the live run".
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=1 => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=2048 => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=64K => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=56K => EINVAL
memslot.set vm slot=1 gpa=1M size=68K gmem=g => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=-4096 => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g flags=guest_memfd,log_dirty_pages => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g flags=guest_memfd,readonly => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g uaddr=1 => EINVAL
# access_ok(): the userspace range must end inside the address space
memslot.set vm slot=1 gpa=1M size=16K gmem=g uaddr=0x7ffffffff000 => EINVAL
memslot.set vm slot=1 gpa=0x100001 size=16K gmem=g => EINVAL
memslot.set vm slot=1 gpa=1M size=16385 gmem=g => EINVAL
memslot.delete vm slot=7 => EINVAL
memslot.set vm slot=1 gpa=1M size=16K gmem=g as=1 => EINVAL
memslot.set vm slot=32764 gpa=1M size=16K gmem=g => EINVAL
# the same checks when a delete runs as a task, in its first step (kvm_set_memory_region())
spawn d memslot.delete vm slot=0 as=1
finish d => EINVAL
spawn e memslot.delete vm slot=7
finish e => EINVAL
expect.gmem g bindings=0
