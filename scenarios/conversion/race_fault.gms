# A conversion racing the guest's fault, in the series' locking: between
# invalidate_start and _end (the conversion's store step) the fault sees an
# invalidation in progress and retries (RET_PF_RETRY); get_pfn itself waits for the
# invalidate lock, which the conversion holds to its end. The fault then follows the
# new attribute: the guest's private read of a page now shared exits to userspace with
# the private flag, and its default read maps it shared.
# Source: series v13 (linux-next next-20260923): kvm_gmem_get_pfn() under
# filemap_invalidate_lock_shared(), __kvm_gmem_set_attributes() between
# kvm_gmem_invalidate_start() and _end(); kvm_mmu_faultin_pfn()'s retry check.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
guest.write vm gpa=4G tag=a
spawn conv gmem.convert g offset=0 len=4K to=shared
step conv
spawn fault guest.read vm gpa=4G private
step fault => blocked
host.read m offset=0 => blocked
gmem.punch g offset=0 len=4K => blocked
memslot.delete vm slot=1 => blocked
step conv
step fault => blocked
finish conv
finish fault => exit:memory_fault
guest.read vm gpa=4G => tag:a
expect.page g offset=0 shared=1
