# A huge page comes from fresh memory aligned to its size, and the order-0 allocations
# after it must come from beyond it: a 4K guest_memfd filled after a HugeTLB one gets
# pages of its own, and the huge page keeps its data.
# Source: mm/hugetlb.c alloc_fresh_hugetlb_folio() (a compound page the buddy allocator no
# longer hands out); the model's physmem.c (node_next past the huge range).
policy hugetlb=allowed
vm.create v type=sw_protected
gmem.create h vm=v size=2M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=h
attr.set v gpa=0 size=2M private
guest.write v gpa=0 tag=huge
gmem.create s vm=v size=16K
memslot.set v slot=1 gpa=4M size=16K gmem=s
attr.set v gpa=4M size=16K private
guest.write v gpa=4M tag=s0
guest.write v gpa=0x401000 tag=s1
guest.write v gpa=0x402000 tag=s2
guest.write v gpa=0x403000 tag=s3
guest.read v gpa=0 => tag:huge
guest.read v gpa=0x403000 => tag:s3
check
