# A pin cannot slip between a to-private conversion's reference check and its store:
# the conversion has unmapped the host's ptes and holds the invalidate lock, and GUP's
# fault (kvm_gmem_fault_user_mapping() under the shared lock) waits; once the page is
# private GUP fails (EFAULT from the fault's SIGBUS). A pin taken before is refused with EAGAIN at its offset
# (elevated_refcount.gms).
# Source: series v13 (linux-next next-20260923): dcde2f853ff4, 1ae5be958ff7.
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=8K flags=mmap,init_shared
memslot.set vm slot=1 gpa=4G size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=a
host.write m offset=4K tag=b
spawn conv gmem.convert g offset=0 len=8K to=private
step conv
host.pin m offset=4K => blocked
host.read m offset=0 => blocked
finish conv
host.pin m offset=4K => EFAULT
host.pin m offset=0 => EFAULT
spawn back gmem.convert g offset=4K len=4K to=shared
finish back
host.pin m offset=4K
spawn again gmem.convert g offset=0 len=8K to=private
finish again => EAGAIN@0x1000
