# NEGATIVE. Without the outstanding-reference check a pinned page turns private: the
# conversion succeeds, the guest maps the page privately, and the host's pin (DMA, a
# long-term GUP user) still reaches memory the guest now owns (mmap-exclusion, G3). The
# series refuses it with EAGAIN at the pinned offset (elevated_refcount.gms).
# Source: series v13, linux-next next-20260923, dcde2f853ff4 "Ensure pages are not in use
# before conversion" (folio_maybe_dma_pinned() || folio_mapped() || an extra refcount).
policy convert=in-place
policy mutant=convert-no-refcount
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=a
host.pin m offset=0
gmem.convert g offset=0 len=4K to=private
guest.write vm gpa=4G tag=secret => violation:mmap-exclusion
