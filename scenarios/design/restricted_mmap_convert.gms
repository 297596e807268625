# mmap=all-or-nothing: a conversion to private is refused while the file is mapped or a
# page of it pinned; once both are gone the page converts with the host's buffer in it.
# (A guest reading it would break integrity: host data in private memory that nobody
# adopted; design/in_place_preserve_handoff.gms adopts it explicitly.) (Upstream, pkvm/convert_while_mapped.gms: the conversion
# succeeds under the host's mapping and breaks mmap-exclusion.)
# Claim: mmap is "mutually exclusive with shared<=>private conversions"; "5. Require that
# there are no outstanding references at munmap(). Or ... some way for userspace to wait
# until it's ok to convert to private".
# Source: seed 002 (002_87521d69f461b551.txt), Sean Christopherson. The seed names no
# errno: EBUSY here.
policy mmap=all-or-nothing
vm.create p type=pkvm
gmem.create g vm=p size=8K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=buffer
host.pin m offset=0
attr.set p gpa=0 size=4K private => EBUSY
host.unpin m offset=0
attr.set p gpa=0 size=4K private => EBUSY
gmem.munmap m
attr.set p gpa=0 size=4K private
expect.page g offset=0 tag=buffer
# mapping again needs every bound gfn shared
gmem.mmap again gmem=g => EINVAL
