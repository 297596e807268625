# SNP and TDX VMs may pre-fault only once launched (kvm->arch.pre_fault_allowed is set by
# snp_launch_finish() and tdx_td_finalize()): EOPNOTSUPP before, success after.
# Source: kvm_arch_vcpu_pre_fault_memory() in arch/x86/kvm/mmu/mmu.c; arch/x86/kvm/svm/sev.c,
# arch/x86/kvm/vmx/tdx.c.
vm.create s type=snp
gmem.create g vm=s size=8K
memslot.set s slot=0 gpa=0 size=8K gmem=g
attr.set s gpa=0 size=8K private
vm.pre_fault s gpa=0 size=4K => EOPNOTSUPP
vm.finalize s
vm.pre_fault s gpa=0 size=4K left=0
expect.page g offset=0 present=1
vm.create t type=tdx
gmem.create tg vm=t size=8K
memslot.set t slot=0 gpa=0 size=8K gmem=tg
attr.set t gpa=0 size=8K private
vm.pre_fault t gpa=0 size=4K => EOPNOTSUPP
vm.finalize t
vm.pre_fault t gpa=0 size=4K left=0
expect.page tg offset=0 present=1
