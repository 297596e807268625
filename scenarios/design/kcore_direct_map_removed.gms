# direct_map=remove: the folios of a file created with GUEST_MEMFD_FLAG_NO_DIRECT_MAP leave the kernel direct map when allocated, so a
# /proc/kcore-style read finds nothing mapped there (its nofault copy fails); the page
# goes back into the direct map only when guest_memfd frees it.
# Claim: the answer seed 000 gives to seed 001's /proc/kcore question: "whether or not
# the direct map is zapped needs to be a property of the guest_memfd inode".
# Source: seeds 000 (000_7b3e66eb9cef159c.txt) and 001 (001_cfc33dfa60def217.txt).
policy direct_map=remove
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=no_direct_map
memslot.set vm slot=0 gpa=0 size=16K gmem=g
attr.set vm gpa=0 size=16K private
guest.write vm gpa=0 tag=secret
host.direct_read g offset=0 => EFAULT
host.direct_write g offset=0 tag=stray => EFAULT
guest.read vm gpa=0 => tag:secret
