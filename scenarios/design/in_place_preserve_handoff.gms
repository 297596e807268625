# pKVM hands a large buffer to its protected guest: the host fills shared guest_memfd
# pages through its mapping, converts them in place to private with PRESERVE, and the
# guest reads the buffer, while the host's mapping of those pages now faults.
# Claim: "The missing piece for pKVM is the ability to convert from shared to private
# while preserving the contents, e.g. to hand off a large buffer (hundreds of MiB) for
# processing in the protected VM." Source: seed 002 (002_87521d69f461b551.txt), Sean
# Christopherson. Upstream (convert=attributes) has no in-place conversion: ENOTTY.
policy convert=in-place-preserve
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=buffer
host.write m offset=12K tag=buffer_end
gmem.convert g offset=0 len=16K to=private
host.read m offset=0 => sigbus
guest.read p gpa=0 => tag:buffer
guest.read p gpa=12K => tag:buffer_end
