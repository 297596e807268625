# NEGATIVE. A page the host takes back from a guest must be zeroed and cleaned to PoC
# first (hyp_poison_page()); with the pkvm-no-poison mutant the host gets the guest's data.
# Source: hw_models.md 3.2 (reclaim, force-reclaim), 3.4 and P6.
policy mutant=pkvm-no-poison
vm.create p type=pkvm
gmem.create g vm=p size=8K flags=mmap
memslot.set p slot=0 gpa=0 size=8K gmem=g
attr.set p gpa=0 size=8K private
guest.write p gpa=0 tag=secret
attr.set p gpa=0 size=8K shared => violation:scrub
