# NEGATIVE. In-place conversion without zeroing, started by the host: a private page the
# guest wrote goes shared with its content, and host userspace reads the guest's data
# through its mapping. With convert=in-place-zero the host reads zeroes. Fine only where
# userspace is trusted with guest memory anyway -- the non-CoCo VM of seed 000.
# Claim (Patrick Roy): "we'd like a VM type with host-controlled in-place conversions
# which doesn't zero on transitions"; Sean Christopherson: "Userspace is fully trusted to
# manage things; KVM simply reacts to the current state of things."
# Source: seed 000 (000_7b3e66eb9cef159c.txt).
policy convert=in-place-preserve
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap
memslot.set vm slot=0 gpa=0 size=16K gmem=g
gmem.mmap m gmem=g
host.read m offset=0 => sigbus
guest.write vm gpa=0 tag=secret
gmem.convert g offset=0 len=4K to=shared
host.read m offset=0 => violation:confidentiality
