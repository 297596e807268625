# NEGATIVE. Mutant release-uaf, the code before ae431059e75d: a memslot delete that
# finds the file dying (get_file_active() NULL) returns without unbinding, and
# frees the slot the file's bindings still point at; kvm_gmem_release() would
# write to it (the syzbot KASAN report).
# Source: gmem_uapi.md 5 bug #1.
policy mutant=release-uaf
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=1 gpa=4G size=2M gmem=g
spawn close gmem.close g
step close
memslot.delete vm slot=1 => violation:use-after-free
