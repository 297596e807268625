# NEGATIVE. The refcount flip on SNP: the VM dies with the guest_memfd still open; its
# private pages stay assigned to its ASID in the RMP while the ASID is free for reuse.
# Claim: "With TDX and SNP in particuarly, I'm pretty sure that allowing memory to outlive
# the VM is very underisable" (sic).
# Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson.
policy pin=slot-pins-file
vm.create vm type=snp
gmem.create g vm=vm size=16K
memslot.set vm slot=0 gpa=0 size=16K gmem=g offset=0
attr.set vm gpa=0 size=16K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
vm.close vm
expect.vm vm alive=0
# its ASID is recycled once the other seven are in use
vm.create b type=snp
vm.create c type=snp
vm.create d type=snp
vm.create e type=snp
vm.create f type=snp
vm.create h type=snp
vm.create i type=snp
vm.create j type=snp => violation:asid-reuse
