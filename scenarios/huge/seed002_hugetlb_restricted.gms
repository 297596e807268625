# DESIGN. Seed 002: "hugetlb support for 'inaccessible' memory needs to come sooner
# than later" (upstream-2026-11.md 2.1, 2.2). What the model finds under
# hugetlb=allowed (DESIGN.md 3.2.2): huge pages stay inaccessible to the host as
# long as they are whole (a private index is SIGBUS, a large folio is never host
# mapped); the host reaches only order-0 pieces of a split huge page, and a piece
# it maps or pins holds the whole huge page split (merge and punch are EAGAIN) until
# it lets go. The reservation at create makes ENOMEM a create-time error: a fault
# never fails for want of a huge page.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb,mmap page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
gmem.mmap m gmem=g
guest.write v gpa=0x5000 tag=secret
expect.page g offset=0x5000 order=9
host.read m offset=0x5000 => sigbus
gmem.convert g offset=0x200000 len=4K to=shared
host.write m offset=0x200000 tag=h
expect.page g offset=0x200000 order=0 shared=1
host.pin m offset=0x200000
gmem.convert g offset=0x200000 len=4K to=private => EAGAIN@0x200000
gmem.punch g offset=0x200000 len=2M => EAGAIN
expect.page g offset=0x201000 order=0
host.unpin m offset=0x200000
gmem.munmap m
gmem.convert g offset=0x200000 len=4K to=private
expect.page g offset=0x200000 order=9
gmem.punch g offset=0x200000 len=2M
expect.page g offset=0x200000 present=0
guest.read v gpa=0x5000 => tag:secret
# host RAM is 1 GiB here: a reservation that cannot fit fails at create
gmem.create big vm=v size=1G flags=hugetlb page_order=9 => ENOMEM
