# Seed 002's pKVM question asked again of the in-place conversion series: does the
# hand-off work without copying? From host to guest, yes: the host writes a payload
# into a shared page, converts it to private, and the guest's first fault donates that
# very page (host_donate_guest): the guest reads the payload, the host faults. From
# guest to host, no: converting back zaps the private stage-2 entry, which for a live
# pKVM guest is a force-reclaim that poisons the page, so the host finds zeroes, not
# what the guest wrote: a guest that wants to share data in place must share it through
# the hypervisor (guest_share_host), not through a host-side conversion.
# Source: series v13 (linux-next next-20260923, 799c9fadc639); seed 002
# (002_87521d69f461b551.txt); hw_models.md 3.2 (force-reclaim poisons). The model's
# guest_memfd-backed pVM flow is UNVERIFIED (out of tree).
policy convert=in-place
vm.create p type=pkvm
gmem.create g vm=p size=8K flags=mmap,init_shared
memslot.set p slot=1 gpa=4G size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=payload
gmem.convert g offset=0 len=4K to=private
host.read m offset=0 => sigbus
guest.read p gpa=4G => tag:payload
expect.pkvm g offset=0 owner=p
guest.write p gpa=4G tag=secret
gmem.convert g offset=0 len=4K to=shared
expect.pkvm g offset=0 owner=host
host.read m offset=0 => zero
