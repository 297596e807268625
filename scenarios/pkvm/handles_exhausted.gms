# The hypervisor's VM table is finite: with every handle taken the next pKVM VM gets
# ENOMEM (find_free_vm_table_entry()), and a VM torn down gives its handle back. The
# model has 8 handles (KVM_MAX_PVMS is 255 upstream) and reserves one when the VM is
# created, where upstream inserts the hyp VM at the first vCPU run.
# Source: arch/arm64/kvm/hyp/nvhe/pkvm.c find_free_vm_table_entry(),
# insert_vm_table_entry(); hw_models.md 3.5.
vm.create a type=pkvm
vm.create b type=pkvm
vm.create c type=pkvm
vm.create d type=pkvm
vm.create e type=pkvm
vm.create f type=pkvm
vm.create g type=pkvm
vm.create h type=pkvm
vm.create i type=pkvm => ENOMEM
vm.close c
vm.create j type=pkvm
