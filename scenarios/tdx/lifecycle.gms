# A TD from build to teardown: no vCPU runs before FINALIZE_VM; TDH.MEM.PAGE.ADD only while
# INITIALIZED (measured content); PAGE.AUG leaves a page PENDING (#VE) until the guest's
# ACCEPT, which zeroes it under the TD key; a punch removes it (BLOCK, TRACK, REMOVE,
# WBINVD, clear); teardown frees the HKID after VPFLUSHDONE/CACHE.WB and reclaims the
# control pages, the TDR last: nothing is left.
# Source: hw_models.md 2.2-2.5; tdx_sept_*_private_spte, tdx_gmem_post_populate, tdx_mmu_release_hkid.
vm.create td type=tdx
gmem.create g vm=td size=16K
memslot.set td slot=0 gpa=0 size=16K gmem=g
attr.set td gpa=0 size=16K private
guest.read td gpa=0 => EINVAL
gmem.populate g offset=0 tag=fw
vm.finalize td
gmem.populate g offset=4K tag=late => EINVAL
guest.read td gpa=0 => tag:fw
guest.read td gpa=4K => exit:exception
expect.sept td gpa=4K state=pending
guest.accept td gpa=4K
expect.sept td gpa=4K state=mapped
guest.accept td gpa=4K => EEXIST
guest.read td gpa=4K => zero
guest.write td gpa=4K tag=secret
host.direct_read g offset=4K => scrambled
expect.vm td hkid=1
gmem.punch g offset=4K len=4K
guest.read td gpa=4K => exit:exception
gmem.close g
vm.close td
