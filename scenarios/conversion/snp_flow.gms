# The series on SEV-SNP: the host writes a payload into a shared page and converts it to
# private; the RMP stays as it was until the guest's first fault makes the page private
# (sev_gmem_make_private() is lazy and idempotent, called from kvm_gmem_get_pfn() for
# private indices only). Back to shared, sev_gmem_make_shared() returns the page in the
# RMP at the conversion itself, so the host's access is no RMP fault, and what the guest
# wrote reads as ciphertext: no leak on SNP.
# Source: series v13 (linux-next next-20260923, 6fa1dab756fd kvm_gmem_make_shared());
# arch/x86/kvm/svm/sev.c sev_gmem_make_private/_make_shared (hook rework 3df611b5a04e).
policy convert=in-place
vm.create s type=snp
gmem.create g vm=s size=16K flags=mmap,init_shared
memslot.set s slot=1 gpa=4G size=16K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=payload
expect.rmp g offset=0 assigned=0
gmem.convert g offset=0 len=4K to=private
expect.rmp g offset=0 assigned=0
guest.accept s gpa=4G
expect.rmp g offset=0 assigned=1
guest.write s gpa=4G tag=secret
gmem.convert g offset=0 len=4K to=shared
expect.rmp g offset=0 assigned=0
host.read m offset=0 => scrambled
