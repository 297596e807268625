# NEGATIVE. With the asid-no-flush mutant the freed ASID is handed out again without
# WBINVD + SNP_DF_FLUSH: stale cache lines tagged with it could reach the new guest.
# Source: hw_models.md 1.4, S4 ("asid_alloc(A) after free(A) => DF_FLUSH happened").
policy mutant=asid-no-flush
vm.create a type=snp
vm.create b type=snp
vm.create c type=snp
vm.create d type=snp
vm.create e type=snp
vm.create f type=snp
vm.create g type=snp
vm.create h type=snp
vm.close a
vm.create j type=snp => violation:asid-reuse
