# Closing the guest_memfd under live memslots leaves dead slots: faults get -EFAULT
# (KVM_EXIT_MEMORY_FAULT), the slot cannot be modified but can be deleted, and a new
# guest_memfd can be bound at the same GPA.
# Source: gmem_uapi.md 1.3 "File close ... while memslots still bound" [SRC, OBSERVED].
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K
memslot.set vm slot=1 gpa=1M size=16K gmem=g
attr.set vm gpa=1M size=16K private
guest.write vm gpa=1M tag=before
gmem.close g
guest.read vm gpa=1M => exit:memory_fault
memslot.set vm slot=1 gpa=1M size=16K => EINVAL
memslot.delete vm slot=1
gmem.create h vm=vm size=16K
memslot.set vm slot=1 gpa=1M size=16K gmem=h
guest.read vm gpa=1M => zero
memslot.delete vm slot=1
gmem.close h
vm.close vm
