# NEGATIVE. Option (c) once the file no longer pins its VM (the decoupling (c) is for): the
# SNP victim dies while its private pages wait in the file for the next binder, still
# assigned to its ASID in the RMP -- and the ASID goes back to the pool.
# Claim: (c) "can't work for SNP, because RMP entries must not outlive the VM; KVM can't
# reuse an ASID if there are pages assigned to that ASID in the RMP".
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson on option (c).
policy bind=zero-on-rebind pin=slot-pins-file
vm.create victim type=snp
gmem.create g vm=victim size=16K
memslot.set victim slot=0 gpa=0 size=16K gmem=g offset=0
attr.set victim gpa=0 size=16K private
guest.accept victim gpa=0
guest.write victim gpa=0 tag=secret
memslot.delete victim slot=0
vm.close victim
expect.vm victim alive=0
# its ASID is recycled once the other seven are in use
vm.create b type=snp
vm.create c type=snp
vm.create d type=snp
vm.create e type=snp
vm.create f type=snp
vm.create h type=snp
vm.create i type=snp
vm.create j type=snp => violation:asid-reuse
