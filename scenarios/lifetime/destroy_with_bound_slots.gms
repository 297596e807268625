# VM fd closed first while two files are bound: the VM dies with the last file, its
# slots are freed after every file nulled its pointers, and nothing dangles.
# Source: gmem_uapi.md 1.3 "VM destroy" and kvm_gmem_release().
vm.create vm type=sw_protected
gmem.create a vm=vm size=16K
gmem.create b vm=vm size=4K
memslot.set vm slot=1 gpa=1M size=16K gmem=a
memslot.set vm slot=2 gpa=2M size=4K gmem=b
attr.set vm gpa=0 size=1G private
guest.write vm gpa=1M tag=one
guest.write vm gpa=2M tag=two
vm.close vm
gmem.close a
expect.vm vm alive=1 refs=1
guest.read vm gpa=2M => EBADF
gmem.close b
expect.vm vm alive=0
