# "Removed can't come back without zeroing": after finalize PAGE.ADD is refused, so host-
# chosen content cannot enter the TD; a re-faulted page is PENDING and the guest's ACCEPT
# zeroes it.
# Source: hw_models.md 2.4 and T8; TDH.MEM.PAGE.ADD allowed in INITIALIZED only.
vm.create td type=tdx
gmem.create g vm=td size=8K
memslot.set td slot=0 gpa=0 size=8K gmem=g
attr.set td gpa=0 size=8K private
gmem.populate g offset=0 tag=kernel
vm.finalize td
vm.finalize td => EINVAL
gmem.populate g offset=4K tag=injected => EINVAL
guest.read td gpa=0 => tag:kernel
gmem.punch g offset=0 len=4K
guest.read td gpa=0 => exit:exception
guest.accept td gpa=0
guest.read td gpa=0 => zero
