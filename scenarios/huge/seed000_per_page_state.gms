# DESIGN. Seed 000 (Sean Christopherson, 2024-10-08): "we're going to need similar
# functionality for tracking the state of individual pages in a huge folio, as
# folio_mark_uptodate() is too coarse-grained" (upstream-2026-11.md 2.1).
# What the model finds under hugetlb=allowed (DESIGN.md 3.2.2): shared/private is per
# index (the inode's attributes), so one shared page splits the whole huge page to
# order 0, and every piece keeps its own uptodate. A merge back to the huge order must
# fold 512 per-page states into one folio flag: the model keeps uptodate only if every
# piece was zeroed. Here the shared page was never touched, so the merged folio is not
# uptodate, and the next fault clears the whole folio: the guest's private page 0x1000,
# written while the page was a piece, reads zero. (The HT code clears
# folio_page(folio, 0) alone on that path: it would keep page 0x1000's data, but hand
# out a never-zeroed page 0 instead.) Per-page state is needed, as the seed says.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=2M flags=hugetlb,mmap page_order=9
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
gmem.convert g offset=0 len=4K to=shared
# a fresh huge folio whose range is not all private is split at once
guest.write v gpa=0x1000 tag=a
expect.page g offset=0x1000 order=0 tag=a
expect.page g offset=0 order=0 shared=1
gmem.convert g offset=0 len=4K to=private
expect.page g offset=0x1000 order=9
# the merged folio is not uptodate: a piece (index 0) was never zeroed
expect.page g offset=0x1000 tag=zero
memslot.delete v slot=0
memslot.set v slot=0 gpa=0 size=2M gmem=g offset=0
guest.read v gpa=0x1000 => zero
