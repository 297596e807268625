# KVM's own reads of guest memory (emulation: kvm_read_guest()) go through the
# memslot's userspace address: a gpa that no memslot covers has no hva and is EFAULT,
# as is a guest_memfd slot given no userspace address (hva 0 faults); a slot's
# host memory is read as the host wrote it.
# Source: __kvm_read_guest_page(): gfn_to_hva_memslot_prot(), kvm_is_error_hva() ->
# -EFAULT (__gfn_to_hva_many(): no slot, or KVM_MEMSLOT_INVALID); copy_from_user()
# of an unmapped hva is the same -EFAULT.
vm.create vm type=sw_protected
host.kernel_read vm gpa=0 => EFAULT
host.mmap_anon mem size=16K
memslot.set vm slot=0 gpa=0 size=16K uaddr=mem
host.write mem offset=4K tag=host
host.kernel_read vm gpa=4K => tag:host
host.kernel_read vm gpa=16K => EFAULT
gmem.create g vm=vm size=16K
memslot.set vm slot=1 gpa=1M size=16K gmem=g
host.kernel_read vm gpa=1M => EFAULT
