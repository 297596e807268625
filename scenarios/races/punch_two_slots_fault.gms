# A hole punch over two memslots bound to one guest_memfd opens one invalidation in the VM,
# not one per memslot: __kvm_gmem_invalidate_begin() calls kvm_mmu_invalidate_begin() at the
# first binding it finds (found_memslot) and __kvm_gmem_invalidate_end() closes it once, so
# after the punch mmu_invalidate_in_progress is back to 0 and a fault does not retry forever.
# Source: __kvm_gmem_invalidate_begin(), __kvm_gmem_invalidate_end() (virt/kvm/guest_memfd.c);
# kvm_mmu_faultin_pfn()'s mmu_invalidate_retry_gfn_unsafe().
vm.create vm type=sw_protected
gmem.create g vm=vm size=4M
memslot.set vm slot=1 gpa=4G size=2M gmem=g offset=0
memslot.set vm slot=2 gpa=8G size=2M gmem=g offset=2M
attr.set vm gpa=4G size=2M private
attr.set vm gpa=8G size=2M private
guest.write vm gpa=4G tag=a
guest.write vm gpa=8G tag=b
gmem.punch g offset=0 len=4M
spawn fault guest.read vm gpa=8G
finish fault => zero
guest.read vm gpa=4G => zero
