# munmap of the middle of a mapping splits it: the rest stays readable, the hole does
# not; the last munmap drops the file's final reference after close.
# Source: do_munmap() / __split_vma(); gmem_uapi.md 1.2 rule 3.
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.write m offset=12K tag=kept
gmem.close g
expect.gmem g alive=1
gmem.munmap m offset=4K len=4K
host.read m offset=4K => EFAULT
host.read m offset=12K => tag:kept
gmem.munmap m
expect.gmem g alive=0
vm.close vm
expect.vm vm alive=0
# a shared anonymous mapping larger than RAM fails the overcommit check
# (__vm_enough_memory(); found by the differential fuzzer)
host.mmap_anon huge size=1T => ENOMEM
# a name keeps meaning its own mapping: once unmapped, a later mapping that
# reuses the address is not reachable through it (found by the differential fuzzer)
host.mmap_anon first size=4K
gmem.munmap first
host.mmap_anon second size=16K
host.write first offset=0 tag=stray => EFAULT
# unmapping the name again reaches nothing, not the mapping now at its address
gmem.munmap first
host.write second offset=0 tag=kept
host.read second offset=0 => tag:kept
