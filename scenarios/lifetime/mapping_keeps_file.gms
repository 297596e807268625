# An mmap() holds a file reference: with both fds closed the file, the VM and its
# bindings live on until munmap, then everything goes.
# Source: gmem_uapi.md 1.2 rule 3 [OBSERVED: "after close(fd) with a live mapping, guest
# access still worked; after munmap the file released"].
vm.create vm
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=1M size=4K gmem=g
gmem.mmap m gmem=g
gmem.close g
vm.close vm
expect.vm vm alive=1
host.write m offset=0 tag=late
expect.gmem g alive=1 bindings=1
gmem.munmap m
expect.gmem g alive=0
expect.vm vm alive=0
