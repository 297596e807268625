# pKVM: "Memslot configuration is fixed once a VM has started running, with subsequent move
# or deletion requests being rejected with -EPERM." Before the first run both are allowed;
# creating a new slot stays allowed after it.
# Source: Documentation/virt/kvm/arm/pkvm.rst, "Limitations" (torvalds/linux); the arm64
# check sits in kvm_arch_prepare_memory_region() (its exact place: UNVERIFIED).
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
gmem.create h vm=p size=16K flags=mmap,init_shared
gmem.create k vm=p size=16K flags=mmap,init_shared
host.mmap_anon a size=16K
memslot.set p slot=0 gpa=0 size=16K gmem=g
memslot.set p slot=1 gpa=1M size=16K gmem=h
memslot.set p slot=3 gpa=3M size=16K uaddr=a
# before the first run: a delete and a move go through
memslot.delete p slot=1
memslot.move p slot=3 gpa=4M
guest.write p gpa=0 tag=x
# after it: both are EPERM, and nothing changed
memslot.delete p slot=0 => EPERM
memslot.move p slot=3 gpa=5M => EPERM
guest.read p gpa=0 => tag:x
# a new slot is still allowed, but cannot go away again
memslot.set p slot=2 gpa=2M size=16K gmem=k
memslot.delete p slot=2 => EPERM
