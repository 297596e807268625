# The refcount flip leaves a file whose last memslot went without a VM ("When the binding
# to the last memslot is removed from a file, NULL the kvm pointer"): a launch command
# that populates its pages finds no memslot for them, EINVAL, as kvm_gmem_populate() says
# for a gfn no guest_memfd slot maps; the first VM to bind the file again takes it.
# Source: seed 004 (004_bd49bc216b78ee65.txt); kvm_gmem_populate(), snp_launch_update().
policy pin=slot-pins-file
vm.create vm type=snp
gmem.create g vm=vm size=8K
memslot.set vm slot=0 gpa=0 size=8K gmem=g
memslot.delete vm slot=0
gmem.populate g offset=0 tag=fw => EINVAL
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
gmem.populate g offset=0 tag=fw
guest.read vm gpa=0 => tag:fw
