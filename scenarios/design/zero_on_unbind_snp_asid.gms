# Option (b) with the refcount flip on SNP: the pages go back (RMP entries made shared) at
# the unbind, so the VM may die while the file lives; its ASID is clean for the next VM.
# Claim: the contrast to (c): "RMP entries must not outlive the VM" holds when memory is
# freed at unbind.
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson on options (b) and (c).
policy bind=zero-on-unbind pin=slot-pins-file
vm.create victim type=snp
gmem.create g vm=victim size=16K
memslot.set victim slot=0 gpa=0 size=16K gmem=g offset=0
attr.set victim gpa=0 size=16K private
guest.accept victim gpa=0
guest.write victim gpa=0 tag=secret
memslot.delete victim slot=0
expect.rmp g offset=0 assigned=0
vm.close victim
expect.vm victim alive=0
gmem.close g
