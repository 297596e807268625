# A hole punch run as a task reports its truncation's error: on a HugeTLB file a
# pinned piece of a split huge page keeps it from merging back, so the punch is
# EAGAIN and truncates nothing, as the synchronous gmem.punch is in
# convert_split_merge.gms. The task computes the result at its truncate step and
# returns it at its end, after invalidate_end and the lock's release.
# Source: the HT code's kvm_gmem_punch_hole() (merge_truncate_range(require_merge)
# under filemap_invalidate_lock, its error returned after kvm_gmem_invalidate_end()).
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb,mmap page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
gmem.allocate g offset=0 len=2M
guest.write v gpa=0x1000 tag=a
gmem.convert g offset=0x3000 len=4K to=shared
gmem.mmap m gmem=g
host.pin m offset=0x3000
spawn punch gmem.punch g offset=0 len=2M
finish punch => EAGAIN
expect.page g offset=0x1000 present=1 order=0 tag=a
host.unpin m offset=0x3000
gmem.munmap m
spawn again gmem.punch g offset=0 len=2M
finish again
expect.page g offset=0x1000 present=0
gmem.close g
