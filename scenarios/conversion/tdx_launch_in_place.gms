# The same in-place launch on TDX: INIT_MEM_REGION without a source page is PAGE.ADD of
# the page onto itself ("In-Place Add", allowed by the TDX module spec), once the page is
# private; without in-place conversion a missing source is EOPNOTSUPP. A to-shared
# conversion afterwards zaps the private S-EPT leaf through the usual remove path (the
# series has no TDX conversion hook): BLOCK, TRACK, REMOVE, and tdx_clear_page(), so
# the host finds zeroes, neither the guest's data nor ciphertext.
# Source: series v13, linux-next next-20260923: af602a96f401 "TDX: Make source page
# optional for KVM_TDX_INIT_MEM_REGION"; the RFC's TDX pre-zap hook was not applied.
policy convert=in-place
vm.create td type=tdx
gmem.create g vm=td size=8K flags=mmap,init_shared
memslot.set td slot=1 gpa=4G size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=payload
gmem.convert g offset=0 len=4K to=private
gmem.populate g offset=0
expect.sept td gpa=4G state=mapped
vm.finalize td
guest.read td gpa=4G => tag:payload
gmem.convert g offset=0 len=4K to=shared
expect.sept td gpa=4G state=free
host.read m offset=0 => zero
