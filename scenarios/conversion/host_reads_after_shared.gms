# NEGATIVE. Seed 000's question asked of the in-place conversion series: does a
# host-controlled in-place conversion leak? On a VM without hardware protection, yes, by
# design: the host converts a page the guest wrote privately to shared and reads the
# guest's data through its own mapping (the selftest's init_private reads the guest's
# 'A' exactly so). Nothing zeroes on conversion in the series; the RFC's
# convert=in-place-zero would (in_place_zero_hides.gms), and on SNP the host reads
# ciphertext (snp_to_shared.gms).
# Source: series v13 (linux-next next-20260923, 799c9fadc639; api.rst of
# KVM_SET_MEMORY_ATTRIBUTES2); guest_memfd_conversions_test.c init_private (eaef4ed5fabc);
# seed 000 (000_7b3e66eb9cef159c.txt).
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
guest.write vm gpa=4G tag=secret
gmem.convert g offset=0 len=4K to=shared
host.read m offset=0 => violation:confidentiality
