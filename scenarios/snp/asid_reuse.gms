# ASIDs are recycled only after WBINVD + SNP_DF_FLUSH, and only when none is free: eight
# SNP VMs use up the ASID space, the ninth gets a recycled one, and the guest_memfd keeps
# its VM (and its ASID) alive after the VM fd is closed.
# Source: hw_models.md 1.4 (sev_asid_new, __sev_recycle_asids, sev_flush_asids); S4.
vm.create a type=snp
gmem.create ga vm=a size=4K
vm.close a
expect.vm a alive=1 asid=1
vm.create b type=snp
vm.create c type=snp
vm.create d type=snp
vm.create e type=snp
vm.create f type=snp
vm.create g type=snp
vm.create h type=snp
vm.create i type=snp => EBUSY
gmem.close ga
expect.vm a alive=0
vm.create j type=snp
expect.vm j asid=1
