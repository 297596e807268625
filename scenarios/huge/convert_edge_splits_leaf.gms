# Converting a range that ends at a huge leaf's edge splits the leaf at the range's other
# edge only: kvm_split_cross_boundary_leafs() splits a private huge leaf that reaches
# outside [start, end) on either side, then the zap removes the 4K leaves inside the range,
# and the rest of the huge page stays mapped at 4K. Here the last page of the first huge
# page converts (the leaf crosses only the range's start), and a range over the boundary
# of the two huge pages (each leaf crosses one edge).
# Source: the TDX huge page series v3 11/24 (kvm_split_cross_boundary_leafs()), the HT
# code's conversion (upstream-2026-11.md 2.2); DESIGN.md 3.2.2.
policy hugetlb=allowed convert=in-place
vm.create v type=sw_protected
gmem.create g vm=v size=4M flags=hugetlb page_order=9
memslot.set v slot=0 gpa=0 size=4M gmem=g offset=0
guest.write v gpa=0x1000 tag=a
guest.write v gpa=0x201000 tag=b
expect.mapping v gpa=0x1000 level=2m
gmem.convert g offset=0x1ff000 len=4K to=shared
expect.mapping v gpa=0x1000 level=4k
expect.mapping v gpa=0x1ff000 present=0
expect.mapping v gpa=0x201000 level=2m
gmem.convert g offset=0x1fe000 len=12K to=shared
expect.mapping v gpa=0x1000 level=4k
expect.mapping v gpa=0x1fe000 present=0
expect.mapping v gpa=0x200000 present=0
expect.mapping v gpa=0x201000 level=4k
guest.read v gpa=0x201000 => tag:b
