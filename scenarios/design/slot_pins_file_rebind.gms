# NEGATIVE. The refcount flip of seed 004 on its own: memslots pin the file, and the file
# forgets its VM when the last memslot goes. The attacker then binds the victim's file and
# reads the secret: NULLing the pointer does not protect the data.
# Claim: "Nullifying the KVM pointer isn't sufficient, because without additional actions
# userspace could extract data from a VM by deleting its memslots and then binding the
# guest_memfd to an attacker controlled VM."
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson, answering Ackerley Tng.
policy pin=slot-pins-file
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=2M
memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0
attr.set victim gpa=0 size=2M private
guest.write victim gpa=0x1000 tag=secret
memslot.delete victim slot=0
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0
attr.set attacker gpa=0 size=2M private
guest.read attacker gpa=0x1000 => violation:confidentiality
