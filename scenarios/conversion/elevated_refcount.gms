# guest_memfd_conversions_test.c elevated_refcount: a page the host has pinned
# (FOLL_PIN, folio_maybe_dma_pinned()) cannot go private. The bulk conversion fails with
# EAGAIN and error_offset at the pinned page; page by page, only that page fails and the
# others convert; after the unpin the mixed range converts in one call. A conversion to
# the state the range already has returns at once, pin or not (856852ef2108), and
# to-shared never checks references.
# Source: series v13 (linux-next next-20260923, dcde2f853ff4
# kvm_gmem_has_outstanding_references(): error_offset = max(start, folio->index));
# selftest 0db3f14f40c4.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=a
host.write m offset=4K tag=a
host.write m offset=8K tag=a
host.write m offset=12K tag=a
host.pin m offset=8K
guest.write vm gpa=0x100002000 tag=b
gmem.convert g offset=0 len=16K to=private => EAGAIN@0x2000
expect.page g offset=0 shared=1
gmem.convert g offset=8K len=4K to=private => EAGAIN@0x2000
gmem.convert g offset=0 len=4K to=private
gmem.convert g offset=12K len=4K to=private
gmem.convert g offset=0 len=4K to=private
gmem.convert g offset=8K len=4K to=shared
host.unpin m offset=8K
gmem.convert g offset=0 len=16K to=private
expect.page g offset=4K shared=0
guest.read vm gpa=0x100002000 => tag:b
guest.read vm gpa=0x100003000 => tag:a
host.read m offset=8K => sigbus
