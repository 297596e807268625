# Shared guest_memfd memory (MMAP|INIT_SHARED) reads zero after a hole punch too:
# the invalidation filter follows the file's flags, so the shared SPTE is zapped.
# Source: kvm_gmem_get_invalidate_filter() (6.18); mutant shared-not-zapped.
vm.create vm type=default
gmem.create g vm=vm size=16K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=16K gmem=g uaddr=0
guest.write vm gpa=0x100001000 tag=cc
guest.write vm gpa=0x100002000 tag=cc
gmem.punch g offset=4K len=4K
expect.page g offset=4K present=0
guest.read vm gpa=0x100001000 => zero
guest.read vm gpa=0x100002000 => tag:cc
