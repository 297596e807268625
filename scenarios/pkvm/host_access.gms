# NEGATIVE. Host accesses to a page the guest owns under pKVM: userspace gets the injected
# abort as SIGSEGV (it read SIGBUS here before: Documentation/virt/kvm/arm/pkvm.rst, "VM
# runtime": "for accesses originating from EL0, the host will then terminate the current
# task with a SIGSEGV"); the host kernel reading it through the direct map would oops.
# Source: hw_models.md 3.3 (host_inject_mem_abort); pkvm.rst; the host-safety invariant.
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
memslot.set p slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=shared_in
guest.read p gpa=0 => tag:shared_in
attr.set p gpa=4K size=4K private
guest.write p gpa=4K tag=secret
expect.pkvm g offset=0 owner=host state=shared_owned
expect.pkvm g offset=4K owner=p state=nopage
host.read m offset=4K => sigsegv
host.direct_read g offset=4K => violation:host-safety
