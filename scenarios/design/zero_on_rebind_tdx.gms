# Option (c) on TDX once the file no longer pins the TD: the model finds no deferred
# reclaim to do. KVM removes each private page from the Secure EPT (destructively, with
# the TD's HKID still live) when the TD is torn down, so what waits in the file for the
# next binder is already reclaimed, and zeroing it at the rebind needs no TD.
# Claim: for (c) "the performant way to reclaim TDX memory requires the TDMR (effectively
# the VM pointer), and so a deferred relcaim doesn't really work for TDX" (sic); "TDX
# throws a wrench in this as removing a page from the Secure EPT is effectively
# destructive to the data". Source: seed 004 (004_bd49bc216b78ee65.txt), Sean Christopherson.
policy bind=zero-on-rebind pin=slot-pins-file
vm.create victim type=tdx
vm.create attacker type=tdx
gmem.create g vm=victim size=16K
memslot.set victim slot=0 gpa=0 size=16K gmem=g offset=0
attr.set victim gpa=0 size=16K private
gmem.populate g offset=0 tag=secret
vm.finalize victim
guest.read victim gpa=0 => tag:secret
vm.close victim
expect.vm victim alive=0
expect.page g offset=0 present=1 tag=zero
memslot.set attacker slot=0 gpa=0 size=16K gmem=g offset=0
expect.page g offset=0 present=0
