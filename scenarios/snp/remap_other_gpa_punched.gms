# The fix for remap_other_gpa.gms: punch the range before binding it at another gpa. The
# punch frees the folios (sev_gmem_invalidate() returns each page to shared), so the
# first fault at the new gpa allocates a fresh page, sev_gmem_prepare() assigns it at
# gpa 64K, and the guest validates it and reads the host's zeroes through its own key
# (scrambled, as in lifecycle.gms), not the old secret.
# Source: hw_models.md 1.3, 1.5, S6; sev_gmem_prepare(), sev_gmem_invalidate().
vm.create vm type=snp
gmem.create g vm=vm size=8K
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
memslot.delete vm slot=0
gmem.punch g offset=0 len=8K
memslot.set vm slot=0 gpa=64K size=8K gmem=g
attr.set vm gpa=64K size=8K private
guest.accept vm gpa=64K
expect.rmp g offset=0 assigned=1 validated=1 gpa=64K
guest.read vm gpa=64K => scrambled
