# mmap=all-or-nothing, restriction by restriction, on the pKVM guest the rules were drawn
# up for: the whole file or nothing, at most one mapping, no split by a partial munmap.
# Claim: "1. The entire memfd must be mapped, and at most one mapping is allowed, i.e.
# mapping is all or nothing." "4. Disallow splitting VMAs, e.g. to force userspace to
# munmap() everything in one shot."
# Source: seed 002 (002_87521d69f461b551.txt), Sean Christopherson.
policy mmap=all-or-nothing
vm.create p type=pkvm
gmem.create g vm=p size=16K flags=mmap,init_shared
gmem.mmap part gmem=g offset=4K len=4K => EINVAL
gmem.mmap short gmem=g len=8K => EINVAL
gmem.mmap m gmem=g
gmem.mmap second gmem=g => EINVAL
host.write m offset=4K tag=buffer
gmem.munmap m offset=4K len=4K => EINVAL
host.read m offset=4K => tag:buffer
gmem.munmap m
