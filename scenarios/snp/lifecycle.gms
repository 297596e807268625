# An SNP guest from launch to teardown: SNP_LAUNCH_UPDATE makes a measured, validated page;
# LAUNCH_FINISH closes population (EIO after); a fault makes the page private in the RMP
# (sev_gmem_prepare), the guest must PVALIDATE it (#VC before) and then sees ciphertext of
# the host's zeroes, not zeroes; the host reads ciphertext; a punch returns the page to
# shared (sev_gmem_invalidate); at the end no RMP entry, ASID or page is left.
# Source: hw_models.md 1.1-1.5; sev_gmem_prepare/post_populate/invalidate, sev_vm_destroy.
vm.create vm type=snp
gmem.create g vm=vm size=16K
memslot.set vm slot=0 gpa=0 size=16K gmem=g
attr.set vm gpa=0 size=16K private
gmem.populate g offset=0 tag=fw
expect.rmp g offset=0 assigned=1 asid=1 validated=1 immutable=0
guest.read vm gpa=0 => tag:fw
vm.finalize vm
gmem.populate g offset=4K tag=late => EIO
guest.write vm gpa=4K tag=x => exit:exception
guest.accept vm gpa=4K
guest.read vm gpa=4K => scrambled
guest.write vm gpa=4K tag=secret
guest.read vm gpa=4K => tag:secret
host.direct_read g offset=4K => scrambled
expect.vm vm asid=1
gmem.punch g offset=4K len=4K
expect.rmp g offset=4K assigned=0
gmem.close g
vm.close vm
