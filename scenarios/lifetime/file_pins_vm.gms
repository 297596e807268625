# The guest_memfd pins its VM: after the VM fd is closed, the file still allocates and
# punches, and the VM dies only with the file. Every fd closed: nothing may leak.
# Source: selftest 3.D.26 post-VM-free lifetime check; gmem_uapi.md 1.2 rule 1, 1.3.
vm.create vm
gmem.create g vm=vm size=2M
expect.vm vm refs=2
vm.close vm
expect.vm vm alive=1 refs=1
gmem.punch g offset=0 len=2M
gmem.allocate g offset=0 len=2M
expect.page g offset=1M present=1
gmem.close g
expect.vm vm alive=0
expect.gmem g alive=0
