# SNP: zapping private NPT entries is not destructive. Deleting and re-creating the
# memslot zaps the NPT, but the RMP entry stays assigned and validated, so the re-mapped
# page needs no new PVALIDATE and still holds the guest's data (compare tdx/zap_is_destructive).
# Source: seed 003 ("SNP zap and re-map of private NPT entries without re-acceptance vs
# TDX destructive removal"); hw_models.md 1.5 vs 2.4.
vm.create vm type=snp
gmem.create g vm=vm size=8K
memslot.set vm slot=0 gpa=0 size=8K gmem=g
attr.set vm gpa=0 size=8K private
guest.accept vm gpa=0
guest.write vm gpa=0 tag=secret
memslot.delete vm slot=0
expect.rmp g offset=0 assigned=1 validated=1
memslot.set vm slot=0 gpa=0 size=8K gmem=g
guest.read vm gpa=0 => tag:secret
guest.accept vm gpa=0 => EEXIST
