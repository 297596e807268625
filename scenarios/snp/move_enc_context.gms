# Intra-host migration: the destination takes over the source's ASID and context, so
# one ASID serves two struct kvm in turn; the source's RMP entries now carry an ASID the
# destination owns. The ASID is freed once, with the destination. A source fd that is
# no open file, or a file that is not a VM (file_is_kvm()), is EBADF before any check of
# the VMs; a VM fd of another type is EINVAL.
# Source: seed 003 (intra-host migration sharing an ASID); sev_vm_move_enc_context_from().
vm.create src type=snp
vm.create dst type=snp
vm.create other type=default
gmem.create g vm=src size=4K
memslot.set src slot=0 gpa=0 size=4K gmem=g
attr.set src gpa=0 size=4K private
guest.accept src gpa=0
expect.vm src asid=1
expect.vm dst asid=2
vm.create gone type=snp
vm.close gone
vm.move_enc_context dst from=gone => EBADF
vm.move_enc_context dst from=other => EINVAL
vm.move_enc_context dst from=g => EBADF
vm.move_enc_context dst from=src
expect.vm dst asid=1
expect.vm src asid=0
vm.move_enc_context dst from=src => EINVAL
expect.rmp g offset=0 assigned=1 asid=1
guest.read src gpa=0 => EIO
attr.set src gpa=0 size=4K shared => EIO
gmem.close g
vm.close src
vm.close other
vm.close dst
