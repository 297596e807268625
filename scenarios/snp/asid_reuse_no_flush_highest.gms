# NEGATIVE. The same as asid_reuse_no_flush.gms for the highest ASID: max_sev_asid is
# inclusive in __sev_recycle_asids()'s bitmap walk and in sev_asid_new()'s range, so the last
# ASID is handed out, freed and recycled like the others, and S4 must judge it too (the check
# once walked the ASIDs up to, not through, the last one without a test noticing).
# Source: hw_models.md 1.4, S4; arch/x86/kvm/svm/sev.c sev_asid_new(), __sev_recycle_asids().
policy mutant=asid-no-flush
vm.create a type=snp
vm.create b type=snp
vm.create c type=snp
vm.create d type=snp
vm.create e type=snp
vm.create f type=snp
vm.create g type=snp
vm.create h type=snp
vm.close h
vm.create j type=snp => violation:asid-reuse
