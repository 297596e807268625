# Seed 004's attack under bind=unrestricted: the attacker VM reads the victim's secret.
# Source: seed 004 (Sean Christopherson): "userspace could extract data from a VM by
# deleting its memslots and then binding the guest_memfd to an attacker controlled VM".
# This is the DESIGN.md section 6 example, verbatim.
policy bind=unrestricted
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
