# Two guest_memfds of one VM are two files with their own sizes; creating the second
# leaves the first as it was.
# Source: guest_memfd_test.c test_create_guest_memfd_multiple() (torvalds @01f492e1).
# Its st_ino inequality cannot be stated (README: inexpressible assertions).
vm.create vm
gmem.create one vm=vm size=4K
gmem.fstat one size=4K blksize=4096
gmem.create two vm=vm size=8K
gmem.fstat two size=8K blksize=4096
gmem.fstat one size=4K
