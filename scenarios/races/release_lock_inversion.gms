# NEGATIVE. Mutant release-lock-order: release takes the invalidate lock before
# slots_lock, against the order the binding recorded (slots_lock, then the invalidate
# lock in kvm_gmem_bind()). lockdep reports the inversion when the second lock is
# taken, before any task has to wait.
# Source: DESIGN.md 5 (release-lock-order); lockdep's check_prev_add().
policy mutant=release-lock-order
vm.create vm
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn close gmem.close g
step close
step close
step close => violation:lock-order
