# kvm_gmem_release() takes slots_lock, then the invalidate lock, the order in which
# KVM_SET_USER_MEMORY_REGION2 takes them to bind. A memslot delete that holds
# slots_lock makes the release wait, and finishes first. Mutant release-lock-order
# takes the invalidate lock first: the delete then runs into it.
# Source: kvm_gmem_release(), kvm_gmem_bind(); DESIGN.md 5.
vm.create vm
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn close gmem.close g
spawn del memslot.delete vm slot=1
step close
step close
step del => blocked
finish close
finish del
