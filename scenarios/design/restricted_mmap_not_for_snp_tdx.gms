# mmap=all-or-nothing is refused for SEV-SNP and TDX guest_memfd files (6.18 lets both
# set GUEST_MEMFD_FLAG_MMAP: see tdx/mmap_shared_not_zapped.gms for what that costs).
# Claim: the mmap_start() hook would "1. Not be supported for TDX or SEV-SNP because they
# don't allow adding non-zero memory into the guest (after pre-boot phase)."
# Source: seed 002 (002_87521d69f461b551.txt), Sean Christopherson.
policy mmap=all-or-nothing
vm.create s type=snp
gmem.create gs vm=s size=8K flags=mmap
gmem.mmap ms gmem=gs => EINVAL
vm.create t type=tdx
gmem.create gt vm=t size=8K flags=mmap
gmem.mmap mt gmem=gt => EINVAL
vm.create p type=pkvm
gmem.create gp vm=p size=8K flags=mmap
gmem.mmap mp gmem=gp
