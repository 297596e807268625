# MPOL_PREFERRED on a guest_memfd range: its folios go to the preferred node; the rest of the
# file keeps the default (local) policy; get_mempolicy() reports the preferred node alone.
# An MPOL_BIND range of a node the host does not have is EINVAL and changes nothing.
# Source: mm/mempolicy.c mpol_new_preferred(), policy_nodemask(); virt/kvm/guest_memfd.c
# kvm_gmem_get_folio() (6.19: mpol_shared_policy_lookup() + __filemap_get_folio_mpol()).
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.mbind m mode=preferred nodes=1 offset=8K len=8K
expect.mempolicy m offset=8K mode=preferred nodes=1
host.mbind m mode=bind nodes=2 offset=8K len=4K => EINVAL
expect.mempolicy m offset=8K mode=preferred nodes=1
gmem.allocate g offset=0 len=16K
host.read m offset=0 => zero
host.read m offset=4K => zero
host.read m offset=8K => zero
host.read m offset=12K => zero
expect.page g offset=0 node=0
expect.page g offset=4K node=0
expect.page g offset=8K node=1
expect.page g offset=12K node=1
gmem.munmap m
gmem.close g
vm.close vm
