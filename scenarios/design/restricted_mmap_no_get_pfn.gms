# mmap=all-or-nothing: while the host maps the file, KVM may not take a page reference
# for the guest; once the mapping is gone, the guest sees the host's buffer.
# Claim: "2. Acquiring a reference via get_pfn() is disallowed if there's a mapping for
# the restricted memfd." Source: seed 002 (002_87521d69f461b551.txt), Sean Christopherson.
# The seed names no errno: the model's get_pfn fails with EBUSY, which the fault path
# turns into a KVM_EXIT_MEMORY_FAULT.
policy mmap=all-or-nothing
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=buffer
guest.read p gpa=0 => exit:memory_fault
gmem.munmap m
guest.read p gpa=0 => tag:buffer
