# NEGATIVE. On 6.18 kvm_gmem_bind() adds offset + size as loff_t: the sum wraps negative
# and a binding far beyond EOF is accepted (reproduced on 6.18.44). The binding
# invariant ("bindings stay inside the file") catches it at once.
# Source: gmem_uapi.md 2.3 row 10 [OBSERVED ret=0], bug #14 of section 5.
policy abi=6.18
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=4K gmem=g offset=0x7fffffffffffe000 => EINVAL
memslot.set vm slot=1 gpa=1M size=4K gmem=g offset=0x7ffffffffffff000 => violation:binding
