# A huge page punched out of a HugeTLB guest_memfd goes back to the pool whole, and the
# next fault takes it from there (dequeue_hugetlb_folio()): the file sees a whole folio
# again, zeroed before use (the new folio reads zero, not the old tag), and the pool no
# longer lists it as free (folio-state: the pool's free pages hold no page in use).
# Source: mm/hugetlb.c dequeue_hugetlb_folio_node_exact(), free_huge_folio(); the HT
# code's kvm_gmem_hugetlb_alloc_folio() (upstream-2026-11.md 2.2).
policy hugetlb=allowed
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
attr.set v gpa=0 size=2M private
guest.write v gpa=0x1000 tag=old
gmem.punch g offset=0 len=2M
expect.page g offset=0 present=0
guest.read v gpa=0x1000 => zero
expect.page g offset=0x1000 present=1 order=9
check
gmem.punch g offset=0 len=2M
guest.write v gpa=0x2000 tag=new
check
# a page taken from the pool counts on its node again, so the node's accounting still
# balances when it goes back: a small page fits there as before
gmem.create s vm=v size=4K
gmem.allocate s offset=0 len=4K
