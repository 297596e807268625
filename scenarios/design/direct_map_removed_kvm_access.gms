# NEGATIVE. direct_map=remove (a file created with GUEST_MEMFD_FLAG_NO_DIRECT_MAP) on the non-CoCo VM of seed 000: KVM's own access to guest
# memory (emulation, shadow paging walking guest page tables) goes through a kernel
# mapping of the pfn, which is no longer there: the host oopses.
# Claim: "how do we want to allow mapping guest_memfd into the guest, without direct map
# entries, but while still allowing KVM to access guest memory as needed, e.g. for
# shadow paging." Source: seed 000 (000_7b3e66eb9cef159c.txt), Sean Christopherson.
policy direct_map=remove
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared,no_direct_map
memslot.set vm slot=0 gpa=0 size=16K gmem=g
guest.write vm gpa=0 tag=page_table
host.kvm_map vm gpa=0 => violation:host-safety
