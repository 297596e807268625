# A HugeTLB conversion takes the invalidate lock once a batch (one huge page) and
# drops it at each batch's end: a hole punch of the next huge page slips in between
# two batches and the conversion's next batch waits for it; after the last batch's
# end the conversion has finished and holds nothing, so a punch that takes the lock
# right after cannot hold it up.
# Source: the HT code's __kvm_gmem_set_attributes() batching (batch_size = 1 <<
# page_order, filemap_invalidate_lock() and _unlock() around each batch),
# kvm_gmem_punch_hole() under filemap_invalidate_lock.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb,mmap page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
gmem.allocate g offset=0 len=4M
guest.write v gpa=0x1000 tag=a
spawn conv gmem.convert g offset=0 len=4M to=shared
step conv 4
expect.page g offset=0x1000 order=0 shared=1
expect.page g offset=0x200000 order=9 private=1
spawn punch gmem.punch g offset=2M len=2M
step punch
step conv => blocked
finish punch
expect.page g offset=0x200000 present=0
step conv 4
expect.page g offset=0x200000 shared=1
spawn again gmem.punch g offset=0 len=2M
step again
finish conv
finish again
expect.page g offset=0x1000 present=0
gmem.close g
