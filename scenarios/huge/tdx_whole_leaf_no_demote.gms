# A to-shared conversion of exactly one 2M private leaf does not split it: the leaf ends at the
# range's end and starts at its start, so kvm_split_cross_boundary_leafs() leaves it and the zap
# removes it whole (BLOCK, TRACK, REMOVE at 2M). With mutant tdx-demote-no-track, whose DEMOTE
# the module refuses, the whole-leaf conversion still succeeds: only a partial one needs DEMOTE
# (tdx_demote_no_track_mutant.gms).
# Source: kvm_split_cross_boundary_leafs() (the TDX huge page series v3, 11/24: a leaf that
# crosses start or end); tdx_sept_split_private_spte (Yan Zhao v3); hw_models.md 6 T5.
policy hugetlb=allowed convert=in-place mutant=tdx-demote-no-track
vm.create td type=tdx
gmem.create g vm=td size=4M flags=hugetlb page_order=9
memslot.set td slot=0 gpa=0 size=4M gmem=g offset=0
vm.finalize td
guest.accept td gpa=0 level=2m
guest.accept td gpa=0x200000 level=2m
expect.sept td gpa=0x3ff000 state=mapped level=2m
gmem.convert g offset=0x200000 len=2M to=shared
expect.sept td gpa=0x200000 state=free
expect.sept td gpa=0x3ff000 state=free
expect.mapping td gpa=0x200000 present=0
expect.sept td gpa=0x1000 state=mapped level=2m
expect.mapping td gpa=0x1000 level=2m
gmem.convert g offset=0 len=4M to=private
gmem.convert g offset=0 len=4M to=shared
expect.sept td gpa=0 state=free
expect.mapping td gpa=0x1000 present=0
