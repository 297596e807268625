# Allocating while a hole punch is between invalidate_begin and _end: kvm_gmem_allocate()
# holds filemap_invalidate_lock_shared() around its loop, so it waits for the punch's
# exclusive lock and cannot put a folio into the range the punch is truncating.
# The model once took no lock here and ran straight through (issue 15).
# Source: kvm_gmem_allocate(), kvm_gmem_punch_hole() (virt/kvm/guest_memfd.c, 7.2).
vm.create vm
gmem.create g vm=vm size=2M
spawn punch gmem.punch g offset=0 len=8K
step punch
gmem.allocate g offset=0 len=8K => blocked
expect.page g offset=0 present=0
step punch
gmem.allocate g offset=0 len=8K => blocked
finish punch
gmem.allocate g offset=0 len=8K
expect.page g offset=0 present=1
expect.page g offset=4K present=1
