# NEGATIVE. snp_zap=preserve: an SNP VM's private NPT entries survive the deletion of
# their memslot. Without the MMU rework the seed says preserving would need, the VM maps
# guest_memfd pages through a memslot that is gone, and nothing reaches those entries any
# more (guest_memfd's invalidation walks its bindings, which no longer include the slot).
# Claim: "it's a lot less work to keep KVM's existing behavior (literally do nothing) than
# it is to rework the MMU and whatnot to not zap SPTEs"; "the NPT page tables are treated
# as ephemeral for SNP". Source: seed 003 (003_54ebdb354748e862.txt), Sean Christopherson.
policy snp_zap=preserve
vm.create s type=snp
gmem.create g vm=s size=16K
memslot.set s slot=0 gpa=0 size=16K gmem=g offset=0
attr.set s gpa=0 size=16K private
guest.accept s gpa=0
guest.write s gpa=0 tag=secret
memslot.delete s slot=0 => violation:stale-mapping
