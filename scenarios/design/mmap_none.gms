# mmap=none: guest_memfd as it was before 6.18, with no GUEST_MEMFD_FLAG_MMAP: a pKVM VM
# cannot get a guest_memfd at all (arm64 wants FLAG_MMAP on every gmem memslot), and a
# default VM's file cannot be mapped by the host.
# Claim: "IIRC, we discarded the idea of allowing userspace to map the "private" fd because
# things got too complex". Source: seed 002 (002_87521d69f461b551.txt); gmem_uapi.md 2.5.
policy mmap=none
vm.create vm
gmem.create g vm=vm size=8K flags=mmap => EINVAL
gmem.create h vm=vm size=8K flags=init_shared => EINVAL
gmem.create k vm=vm size=8K
gmem.mmap m gmem=k => ENODEV
