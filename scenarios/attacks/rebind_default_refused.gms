# Under the upstream policy (option (a) of seed 004) the attacker's bind fails: a
# guest_memfd binds only to the VM it was created for.
# Source: seed 004, option "(a) prevent a different VM from *ever* binding to the gmem
# instance"; kvm_gmem_bind() (f->kvm != kvm -> -EINVAL).
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=2M
memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0
attr.set victim gpa=0 size=2M private
guest.write victim gpa=0x1000 tag=secret
memslot.delete victim slot=0
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0 => EINVAL
expect.page g offset=0x1000 tag=secret
