# The launch's end is a command of a confidential VM only: KVM_SEV_SNP_LAUNCH_FINISH
# on a VM that is not an SNP guest is ENOTTY (its first check), as is the ioctl on a
# file that is not a VM; on an SNP guest it succeeds.
# Source: snp_launch_finish() ("if (!sev_snp_guest(kvm)) return -ENOTTY"),
# sev_mem_enc_ioctl(); gmem_uapi.md 2.2 (ioctl on a guest_memfd).
vm.create vm type=sw_protected
gmem.create g vm=vm size=4K
vm.finalize vm => ENOTTY
vm.finalize g => ENOTTY
vm.create snp type=snp
vm.finalize snp
