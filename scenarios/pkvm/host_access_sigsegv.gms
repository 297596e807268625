# A host userspace access to a page a protected guest owns is killed with SIGSEGV, not
# SIGBUS: the hypervisor injects an abort at EL1 and "for accesses originating from EL0, the
# host will then terminate the current task with a SIGSEGV". The host maps the page (the
# fault through guest_memfd succeeds: INIT_SHARED), then its stage-2 refuses it.
# Source: Documentation/virt/kvm/arm/pkvm.rst, "VM runtime" (torvalds/linux).
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
attr.set p gpa=4K size=4K private
guest.write p gpa=4K tag=secret
host.read m offset=4K => sigsegv
host.write m offset=4K tag=evil => sigsegv
guest.read p gpa=4K => tag:secret
