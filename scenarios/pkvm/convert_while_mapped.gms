# NEGATIVE, under the upstream policy. With attribute-based conversion an INIT_SHARED
# guest_memfd page the host has mapped can become private: the guest is given a page the
# host still maps. The in-place conversion series refuses this (EAGAIN while references
# are held); the attributes model cannot.
# Source: seed 002 (mmap restrictions); gmem_uapi.md 2.10; hw_models.md G3.
vm.create p type=pkvm
gmem.create g vm=p size=8K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=shared_data
guest.read p gpa=0 => tag:shared_data
attr.set p gpa=0 size=4K private
guest.write p gpa=0 tag=secret => violation:mmap-exclusion
