# A VM type without a launch flow has no command that populates guest_memfd: on a
# software-protected VM the vendor ioctl (SNP_LAUNCH_UPDATE, KVM_TDX_INIT_MEM_REGION) does
# not exist, ENOTTY, whatever the page's state, and nothing is allocated.
# Source: kvm_arch_vm_ioctl() -> kvm_x86_ops.mem_enc_ioctl (NULL for the software-protected
# type: -ENOTTY); kvm_gmem_populate() is reached only from the SNP and TDX commands.
vm.create v type=sw_protected
gmem.create g vm=v size=8K
memslot.set v slot=0 gpa=0 size=8K gmem=g
attr.set v gpa=0 size=8K private
gmem.populate g offset=0 => ENOTTY
expect.page g offset=0 present=0
