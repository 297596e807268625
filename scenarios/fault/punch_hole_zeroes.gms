# Private memory reads zero after a hole punch: the SPTE is zapped and the refault
# gets a fresh, zeroed folio; pages outside the hole keep their data.
# Source: selftests 3.D.24-25 guest_test_punch_hole; gmem_uapi.md 4.2.
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=10 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
guest.write vm gpa=0x100001000 tag=cc
guest.write vm gpa=0x100002000 tag=cc
gmem.punch g offset=4K len=4K
expect.page g offset=4K present=0
guest.read vm gpa=0x100001000 => zero
guest.read vm gpa=0x100002000 => tag:cc
