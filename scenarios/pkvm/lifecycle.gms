# A protected VM under pKVM: guest_memfd slots need GUEST_MEMFD_FLAG_MMAP on arm64; private
# memory is donated on first use (host stage-2 annotated, host NOPAGE); a punch force-reclaims
# it (poisoned: zeroed) and the next fault donates a fresh page; teardown reclaims and
# finalizes: every page is the host's again.
# Source: hw_models.md 3.2-3.5; __pkvm_host_donate_guest, __pkvm_host_force_reclaim_page_guest.
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
gmem.create plain vm=p size=16K
memslot.set p slot=1 gpa=1M size=16K gmem=plain => EINVAL
memslot.set p slot=0 gpa=0 size=16K gmem=g
attr.set p gpa=4K size=4K private
guest.write p gpa=4K tag=secret
expect.vm p handle=1
gmem.punch g offset=4K len=4K
guest.read p gpa=4K => zero
guest.write p gpa=4K tag=again
gmem.close g
gmem.close plain
vm.close p
