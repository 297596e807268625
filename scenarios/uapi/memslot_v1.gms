# KVM_SET_USER_MEMORY_REGION (v1) has no guest_memfd fields and takes only LOG_DIRTY_PAGES
# and READONLY: KVM_MEM_GUEST_MEMFD (a v2-only flag) and unknown bits are EINVAL before
# anything else; a v1 slot backed by host memory works as with v2. Dirty logging of a
# guest_memfd slot is EINVAL on v2.
# Source: set_memory_region_test.c test_invalid_memory_region_flags() (gmem_uapi.md 3.B.17);
# kvm_vm_ioctl(KVM_SET_USER_MEMORY_REGION) and check_memory_region_flags() in
# virt/kvm/kvm_main.c. The selftest uses a software-protected VM where there is one; the
# checks are the same on the default VM, which every host has.
vm.create vm
host.mmap_anon mem size=2M
gmem.create g vm=vm size=2M
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem flags=guest_memfd ioctl=v1 => EINVAL
memslot.set vm slot=0 gpa=0 size=2M gmem=g ioctl=v1 => EINVAL
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem flags=0x8 ioctl=v1 => EINVAL
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem flags=0x8 => EINVAL
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem flags=0x80000000 ioctl=v1 => EINVAL
memslot.set vm slot=0 gpa=0 size=2M gmem=g flags=log_dirty_pages,guest_memfd => EINVAL
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem ioctl=v1
guest.write vm gpa=0 tag=v1
guest.read vm gpa=0 => tag:v1
memslot.delete vm slot=0
memslot.set vm slot=1 gpa=2M size=2M gmem=g
expect.gmem g bindings=1
