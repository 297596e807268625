# Seed 004's attack through KVM's own access: under bind=unrestricted the attacker VM need
# not run a vCPU on the victim's page; KVM reading it for the attacker (kvm_vcpu_map():
# emulation, shadow paging walking "its" page tables) hands the victim's secret to the
# attacker guest all the same. What KVM reads for a VM counts as that VM's read.
# Source: seed 004 (Sean Christopherson), DESIGN.md section 6; kvm_vcpu_map().
policy bind=unrestricted
vm.create victim type=sw_protected
vm.create attacker type=sw_protected
gmem.create g vm=victim size=2M
memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0
attr.set victim gpa=0 size=2M private
guest.write victim gpa=0x1000 tag=secret
memslot.delete victim slot=0
memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0
attr.set attacker gpa=0 size=2M private
host.kvm_map attacker gpa=0x1000 => violation:confidentiality
