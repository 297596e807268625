# Option (b) of seed 004: the attacker may bind the victim's guest_memfd once the victim's
# last memslot is gone, but by then the pages were freed: it reads zeroes, not the secret.
# Claim: "(b) free/zero physical pages when unbinding" closes the data-extraction attack.
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson: "I can think of three
# ways to handle that: ... (b) free/zero physical pages when unbinding".
policy bind=zero-on-unbind
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=4M
memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0
attr.set victim gpa=0 size=2M private
guest.write victim gpa=0x1000 tag=secret
# the file is the victim's while one of its memslots binds it
memslot.set attacker slot=1 gpa=2M size=2M gmem=g offset=2M => EINVAL
memslot.delete victim slot=0
expect.page g offset=0x1000 present=0
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0
attr.set attacker gpa=0 size=2M private
guest.read attacker gpa=0x1000 => zero
# the file changed hands: the victim is no longer pinned by it
expect.vm victim refs=1
expect.vm attacker refs=2
