# TDX 2M private leaves under hugetlb=allowed: the TD build maps 4K only (PAGE.ADD), after
# FINALIZE_VM a fault AUGs the whole 2M leaf of an all-private huge folio (PENDING); a 2M
# accept takes it whole, a 4K accept under a PENDING 2M leaf exits with an EPT violation and
# KVM splits (BLOCK, TRACK, kick, DEMOTE) before the guest retries; a 2M accept over 4K leaves
# is TDX_PAGE_SIZE_MISMATCH; a to-shared conversion of one page inside a 2M leaf demotes it
# first so the zap is exact; no 2M leaf comes back over a demoted range (no PROMOTE).
# Source: upstream-2026-11.md 2.3 (Yan Zhao v3 20260106101646.24809-1-yan.y.zhao@intel.com,
# tdx_sept_split_private_spte, tdx_honor_guest_accept_level; Sean's RFC v5
# 20260129011517.3545883-1-seanjc@google.com); intel/tdx-module tdh_mem_page_demote.c; the
# module spec's Table 8.2 (TDG.MEM.PAGE.ACCEPT walk cases).
policy hugetlb=allowed convert=in-place
vm.create td type=tdx
gmem.create g vm=td size=6M flags=hugetlb page_order=9
memslot.set td slot=0 gpa=0 size=6M gmem=g offset=0
vm.finalize td
# a 2M accept of a 2M leaf
guest.accept td gpa=0x200000 level=2m
expect.mapping td gpa=0x201000 level=2m
expect.sept td gpa=0x3ff000 state=mapped level=2m
guest.write td gpa=0x201000 tag=secret
guest.read td gpa=0x201000 => tag:secret
# one page to shared: DEMOTE, then the exact zap
gmem.convert g offset=0x203000 len=4K to=shared
expect.sept td gpa=0x203000 state=free
expect.sept td gpa=0x201000 state=mapped level=4k
expect.mapping td gpa=0x201000 level=4k
expect.mapping td gpa=0x203000 present=0
guest.read td gpa=0x201000 => tag:secret
# back to private: 4K leaves stay (no PROMOTE)
gmem.convert g offset=0x203000 len=4K to=private
guest.accept td gpa=0x203000
expect.mapping td gpa=0x203000 level=4k
guest.accept td gpa=0x200000 level=2m => EINVAL
# the other way: a 4K accept under a PENDING 2M leaf splits it
guest.read td gpa=0x400000 => exit:exception
expect.sept td gpa=0x401000 state=pending level=2m
guest.accept td gpa=0x401000
expect.sept td gpa=0x401000 state=mapped level=4k
expect.sept td gpa=0x402000 state=pending level=4k
expect.mapping td gpa=0x402000 level=4k
gmem.close g
vm.close td
