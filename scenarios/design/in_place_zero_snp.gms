# In-place conversion to shared on SEV-SNP: guest_memfd gives the page back in the RMP
# (made shared, as kvm_arch_gmem_invalidate() does) before it zeroes it, so the host's
# clearing store is not an RMP #PF.
# Claim: with in-place conversion "the state of a pfn in the RMP is tied to the
# guest_memfd inode" (seed 003, 003_54ebdb354748e862.txt); hw_models.md S2 (a host write
# to an assigned page faults).
policy convert=in-place-zero
vm.create s type=snp
gmem.create g vm=s size=16K
memslot.set s slot=0 gpa=0 size=16K gmem=g
guest.accept s gpa=0
guest.write s gpa=0 tag=secret
expect.rmp g offset=0 assigned=1
gmem.convert g offset=0 len=4K to=shared
expect.rmp g offset=0 assigned=0
expect.page g offset=0 tag=zero
