# snp_zap=zap (upstream): deleting and re-adding an SNP memslot zaps the private NPT
# entries; the pages keep their RMP state (assigned, validated), so the guest's next
# access maps them again without a new PVALIDATE and reads its data.
# Claim: "private mappings for SNP guest can be zapped from the VM (the private pages are
# still there unchanged) and re-mapped later w/o needing to have guest's explicit
# acceptance?" -- "Correct." Source: seed 003 (003_54ebdb354748e862.txt), Kai Huang and
# Sean Christopherson.
vm.create s type=snp
gmem.create g vm=s size=16K
memslot.set s slot=0 gpa=0 size=16K gmem=g offset=0
attr.set s gpa=0 size=16K private
guest.accept s gpa=0
guest.write s gpa=0 tag=secret
memslot.delete s slot=0
expect.rmp g offset=0 assigned=1 validated=1
memslot.set s slot=0 gpa=0 size=16K gmem=g offset=0
guest.read s gpa=0 => tag:secret
