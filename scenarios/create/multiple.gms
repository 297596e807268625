# Each KVM_CREATE_GUEST_MEMFD makes a new inode and file, and each file pins the VM.
# Source: selftest 3.A.2 test_create_guest_memfd_multiple; gmem_uapi.md 1.2 rule 1.
vm.create vm
gmem.create one vm=vm size=4K
gmem.create two vm=vm size=8K
expect.vm vm alive=1 refs=3
gmem.close one
expect.vm vm refs=2
expect.gmem one alive=0
expect.gmem two alive=1 bindings=0
