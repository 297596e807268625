# NEGATIVE. Truncate must not write to guest pages (AS_INACCESSIBLE): with the
# truncate-zeroes mutant a hole punch zeroes a page still assigned in the RMP, an RMP #PF
# in the host kernel. The fix was "Use AS_INACCESSIBLE when creating guest_memfd inode".
# Source: gmem_uapi.md section 5 bugs #6 and #7; hw_models.md 1.3, S2.
policy mutant=truncate-zeroes
vm.create vm type=snp
gmem.create g vm=vm size=8K
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
gmem.punch g offset=0 len=4K => violation:host-safety
