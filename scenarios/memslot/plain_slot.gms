# A memslot without guest_memfd may move and toggle dirty logging, but not toggle
# READONLY, grow, or gain KVM_MEM_GUEST_MEMFD.
# Source: gmem_uapi.md 2.3 check 7 [OBSERVED "add GMEM flag to it EINVAL"].
vm.create vm
gmem.create g vm=vm size=64K
host.mmap_anon mem size=16K
memslot.set vm slot=4 gpa=8M size=16K uaddr=mem
memslot.set vm slot=4 gpa=8M size=16K uaddr=mem gmem=g flags=guest_memfd => EINVAL
memslot.set vm slot=4 gpa=8M size=16K uaddr=mem flags=readonly => EINVAL
memslot.set vm slot=4 gpa=8M size=32K uaddr=mem => EINVAL
memslot.set vm slot=4 gpa=8M size=16K uaddr=mem flags=log_dirty_pages
memslot.move vm slot=4 gpa=16M
memslot.set vm slot=5 gpa=16M size=4K => EEXIST
# the moved slot serves the guest at its new address, and nothing is left at the old one
host.write mem offset=0 tag=moved
guest.read vm gpa=16M => tag:moved
guest.read vm gpa=8M => exit:mmio
