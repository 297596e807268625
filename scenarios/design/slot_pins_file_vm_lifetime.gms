# The refcount flip: closing the VM fd destroys the VM at once even though its guest_memfd
# is open, and the memslots' references keep the file alive instead; upstream the open
# file keeps the VM (lifetime/file_pins_vm.gms).
# Claim (Ackerley Tng): with the file pinning the VM, "Keeping the file open keeps the VM
# around in the kernel even though the VM fd may already be closed"; Sean Christopherson:
# "That is perfectly ok ... anything created in the scope of a VM _should_ pin the VM."
# Source: seed 004 (004_bd49bc216b78ee65.txt).
policy pin=slot-pins-file
vm.create vm
gmem.create g vm=vm size=2M
memslot.set vm slot=0 gpa=0 size=2M gmem=g offset=0
expect.vm vm refs=1
gmem.close g
expect.gmem g alive=1 bindings=1
vm.close vm
expect.vm vm alive=0
expect.gmem g alive=0
