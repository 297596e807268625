# guest_memfd_conversions_test.c init_shared: a guest_memfd made with INIT_SHARED is
# shared everywhere; host and guest share it, then it goes private (the host faults
# SIGBUS, the guest keeps its data) and back. Under the series a confidential VM may
# use INIT_SHARED too (kvm_arch_supports_gmem_init_shared(): gmem_in_place_conversion ||
# !has_private_mem, b5ed1ee2a7a0).
# Source: series v13, linux-next next-20260923; selftest e5fa04dc920e.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap m gmem=g
expect.page g offset=0 shared=1
host.read m offset=0 => zero
host.write m offset=0 tag=a
guest.read vm gpa=4G => tag:a
guest.write vm gpa=4G tag=b
host.read m offset=0 => tag:b
gmem.convert g offset=0 len=4K to=private
expect.page g offset=0 shared=0
host.read m offset=0 => sigbus
guest.read vm gpa=4G => tag:b
guest.write vm gpa=4G tag=c
gmem.convert g offset=0 len=4K to=shared
host.write m offset=0 tag=d
guest.read vm gpa=4G => tag:d
vm.create s type=snp
gmem.create gs vm=s size=4K flags=mmap,init_shared
