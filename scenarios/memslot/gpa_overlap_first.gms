# The GPA-overlap check (EEXIST) precedes the binding check: slot 10 overlaps slot 11's
# GPAs while its guest_memfd range is free, and even where both overlap it is EEXIST.
# Source: selftest 3.B.19 test_add_overlapping_private_memory_regions; gmem_uapi.md 2.3 check 9.
vm.create vm
gmem.create g vm=vm size=8M
memslot.set vm slot=10 gpa=0xc0000000 size=4M gmem=g offset=0
memslot.set vm slot=11 gpa=0x180000000 size=4M gmem=g offset=4M
memslot.delete vm slot=10
memslot.set vm slot=10 gpa=0x17fe00000 size=4M gmem=g offset=0 => EEXIST
memslot.set vm slot=10 gpa=0x180200000 size=4M gmem=g offset=0 => EEXIST
memslot.set vm slot=10 gpa=0x180000000 size=4M gmem=g offset=4M => EEXIST
