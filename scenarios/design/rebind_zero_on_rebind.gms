# Option (c) of seed 004: the victim's pages survive its memslot deletion and are zeroed
# only when a different VM binds the file; the attacker reads zeroes.
# Claim: "(c) free/zero when binding to a different VM" closes the attack and is "better
# from a lifecycle perspective" than (b): the victim's own data survives a memslot delete.
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson.
policy bind=zero-on-rebind
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=4M
memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0
attr.set victim gpa=0 size=2M private
guest.write victim gpa=0x1000 tag=secret
# the file is the victim's while one of its memslots binds it
memslot.set attacker slot=1 gpa=2M size=2M gmem=g offset=2M => EINVAL
memslot.delete victim slot=0
expect.page g offset=0x1000 present=1 tag=secret
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0
attr.set attacker gpa=0 size=2M private
guest.read attacker gpa=0x1000 => zero
