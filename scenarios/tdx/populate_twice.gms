# KVM_TDX_INIT_MEM_REGION twice over the same page: since preparation tracking went (7.0)
# kvm_gmem_populate() no longer refuses a populated index (-EEXIST), so the second
# TDH.MEM.PAGE.ADD finds the S-EPT leaf there and fails, which tdx_gmem_post_populate()
# turns into -EIO (KVM_BUG_ON); the first page keeps its measured content.
# Source: tdx_gmem_post_populate() (arch/x86/kvm/vmx/tdx.c); gmem_uapi.md 2.9 (7.0:
# preparation on every get_pfn); hw_models.md 2.2 (PAGE.ADD on a present leaf).
vm.create td type=tdx
gmem.create g vm=td size=16K
memslot.set td slot=0 gpa=0 size=16K gmem=g
attr.set td gpa=0 size=16K private
gmem.populate g offset=0 tag=fw
gmem.populate g offset=0 tag=fw2 => EIO
vm.finalize td
guest.read td gpa=0 => tag:fw
