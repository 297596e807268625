# NEGATIVE. TDH.MEM.PAGE.REMOVE of a RUNNABLE TD needs the page BLOCKED and TRACKed; with
# the tdx-no-track mutant REMOVE fails (TDX_TLB_TRACKING_NOT_DONE), KVM_BUG_ON leaves the
# leaf in the S-EPT while KVM's mirror forgot it.
# Source: hw_models.md 2.2 (PAGE.REMOVE), 2.4 steps 2-4; T5, T11.
policy mutant=tdx-no-track
vm.create td type=tdx
gmem.create g vm=td size=8K
memslot.set td slot=0 gpa=0 size=8K gmem=g
attr.set td gpa=0 size=8K private
vm.finalize td
guest.accept td gpa=0
guest.write td gpa=0 tag=secret
gmem.punch g offset=0 len=4K => violation:stale-mapping
