# Intra-host migration of an SNP guest: the destination takes the source's ASID and a
# second file on the same guest_memfd inode, binds it, and reads the guest's private data
# with no RMP change -- the pages' RMP state belongs to the inode, not to a VM.
# Claim: "the state of a pfn in the RMP is tied to the guest_memfd inode, not to the file
# descriptor, i.e. not to an individual VM"; "KVM allows a single ASID to be bound to
# multiple "struct kvm" instances, e.g. for intra-host migration."
# Source: seed 003 (003_54ebdb354748e862.txt), Sean Christopherson. Upstream has no such
# link: link=refused gives ENOTTY.
policy link=allowed
vm.create src type=snp
gmem.create g vm=src size=16K
memslot.set src slot=0 gpa=0 size=16K gmem=g
attr.set src gpa=0 size=16K private
guest.accept src gpa=0
guest.write src gpa=0 tag=secret
vm.create dst type=snp
vm.move_enc_context dst from=src
gmem.link wrong from=g vm=g => EINVAL
vm.create other type=sw_protected
gmem.link mixed from=g vm=other => EINVAL
gmem.link g2 from=g vm=dst
memslot.set dst slot=0 gpa=0 size=16K gmem=g2
attr.set dst gpa=0 size=16K private
guest.read dst gpa=0 => tag:secret
expect.rmp g offset=0 assigned=1 validated=1
