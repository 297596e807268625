# The host cannot write private SNP memory: guest_memfd gives userspace no private pages
# (SIGBUS), and what the host kernel reads through the direct map is ciphertext, which
# breaks no confidentiality.
# Source: hw_models.md 1.3 (host reads of Guest-Valid pages return ciphertext); gmem_uapi.md 2.5.
vm.create vm type=snp
gmem.create g vm=vm size=8K flags=mmap
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
gmem.mmap m gmem=g
host.write m offset=0 tag=evil => sigbus
host.read m offset=0 => sigbus
host.direct_read g offset=0 => scrambled
host.migrate g offset=0 => EINVAL
expect.rmp g offset=0 assigned=1 asid=1 validated=1
