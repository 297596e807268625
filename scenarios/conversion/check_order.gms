# KVM_SET_MEMORY_ATTRIBUTES2's checks in kvm_gmem_set_attributes()'s order, each EINVAL
# without error_offset: a file of a VM without private memory, size 0, a wrapping
# range, an unaligned offset or size, a range past the file's end. Per-VM
# KVM_SET_MEMORY_ATTRIBUTES loses PRIVATE under the series
# (kvm_supported_vm_mem_attributes() is 0 while gmem_in_place_conversion), and a
# confidential VM may now create INIT_SHARED files.
# Source: series v13, linux-next next-20260923: 799c9fadc639 (kvm_gmem_set_attributes),
# 537ec2b15fdd (per-VM attributes), b5ed1ee2a7a0 (INIT_SHARED for x86 CoCo VMs).
policy convert=in-place
vm.create d
gmem.create gd vm=d size=16K flags=mmap
gmem.convert gd offset=0 len=4K to=private => EINVAL
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap
gmem.convert g offset=0 len=0 to=shared => EINVAL
gmem.convert g offset=0xfffffffffffff000 len=8K to=shared => EINVAL
gmem.convert g offset=2K len=4K to=shared => EINVAL
gmem.convert g offset=0 len=6K to=shared => EINVAL
gmem.convert g offset=16K len=4K to=shared => EINVAL
gmem.convert g offset=12K len=8K to=shared => EINVAL
gmem.convert g offset=12K len=4K to=shared
attr.set vm gpa=0 size=4K private => EINVAL
attr.set vm gpa=0 size=4K shared
vm.create s type=snp
gmem.create gs vm=s size=16K flags=mmap,init_shared
