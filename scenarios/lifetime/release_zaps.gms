# kvm_gmem_release() zaps every SPTE of the file's bindings before it drops the VM:
# the inode keeps the data, but no mapping points at it.
# Source: kvm_gmem_release() ("Zap all SPTEs pointed at by this file"); gmem_uapi.md 4.5.
vm.create vm type=sw_protected
gmem.create g vm=vm size=8K
memslot.set vm slot=1 gpa=1M size=8K gmem=g
attr.set vm gpa=1M size=8K private
guest.write vm gpa=1M tag=a
guest.write vm gpa=0x101000 tag=b
gmem.close g
check
expect.gmem g alive=0
