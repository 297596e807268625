# Option (b) "screws up the lifecycle of the memory": a VM that deletes and re-creates its
# own memslot (as VMMs do to resize or move one) loses the data behind it. Upstream, and
# under (c), the data is still there.
# Claim: "Memslots are basically just weird page tables, e.g. deleting a memslot doesn't
# have any impact on the underlying data in memory" -- which (b) breaks.
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson on option (b).
policy bind=zero-on-unbind
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=0 gpa=0 size=2M gmem=g offset=0
attr.set vm gpa=0 size=2M private
guest.write vm gpa=0 tag=data
memslot.delete vm slot=0
memslot.set vm slot=0 gpa=0 size=2M gmem=g offset=0
guest.read vm gpa=0 => zero
