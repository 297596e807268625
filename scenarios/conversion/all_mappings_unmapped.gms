# guest_memfd_conversions_test.c forked_accesses, with two mappings for the parent's and
# the child's: the conversion to private succeeds although another mapping had the page
# faulted in (unmap_mapping_pages() zaps every process's ptes before the reference
# check), and both mappings then fault SIGBUS, reads and writes.
# Source: series v13 (linux-next next-20260923, dcde2f853ff4); selftest 8b72eaa766b6.
# Simplification: the model has one process; a second mapping stands for the child's.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=4K gmem=g
gmem.mmap parent gmem=g
gmem.mmap child gmem=g
host.write parent offset=0 tag=a
host.read child offset=0 => tag:a
host.write child offset=0 tag=b
gmem.convert g offset=0 len=4K to=private
host.read child offset=0 => sigbus
host.write child offset=0 tag=c => sigbus
host.read parent offset=0 => sigbus
guest.read vm gpa=4G => tag:b
