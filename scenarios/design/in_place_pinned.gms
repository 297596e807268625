# In-place conversion to private refuses a page the host still has pinned: EAGAIN, with
# the first pinned offset reported (EAGAIN@OFFSET: error_offset); after the unpin the
# same conversion goes through and the host's access faults.
# Claim: "conversion to private with an elevated (pinned) page refcount => EAGAIN with
# error_offset = first offending offset". Source: gmem_uapi.md 2.10 and 3.G
# (guest_memfd_conversions_test.c elevated_refcount); seed 002's restriction 5 ("no
# outstanding references").
policy convert=in-place-zero
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
gmem.convert g offset=2K len=4K to=private => EINVAL
gmem.convert g offset=12K len=8K to=private => EINVAL
host.pin m offset=8K
gmem.convert g offset=0 len=16K to=private => EAGAIN@0x2000
host.read m offset=0 => zero
host.unpin m offset=8K
gmem.convert g offset=0 len=16K to=private
host.read m offset=0 => sigbus
gmem.convert g offset=0 len=4K to=shared
host.read m offset=0 => zero
