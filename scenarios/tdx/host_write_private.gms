# NEGATIVE. On PW_MCE parts a partial host write to TDX-private memory silently poisons
# the line; the write itself succeeds, and the next read of the line, even by the host,
# is a machine check.
# Source: hw_models.md 2.3 (X86_BUG_TDX_PW_MCE, tdx_clear_page()), T2.
vm.create td type=tdx
gmem.create g vm=td size=4K
memslot.set td slot=0 gpa=0 size=4K gmem=g
attr.set td gpa=0 size=4K private
vm.finalize td
guest.accept td gpa=0
host.direct_write g offset=0 tag=stray
host.direct_read g offset=0 => violation:host-safety
