# A memslot may be larger than the host mapping behind it: KVM_SET_USER_MEMORY_REGION2
# only checks access_ok(). The part with no VMA behind it faults with EFAULT, the rest
# works. Source: hva_to_pfn(); found by the differential fuzzer (the kernel target's
# process had its own memory past the mapping).
vm.create vm
host.mmap_anon mem size=16K
memslot.set vm slot=0 gpa=0 size=2M uaddr=mem
guest.write vm gpa=0x1000 tag=near
guest.read vm gpa=0x1000 => tag:near
guest.read vm gpa=1M => EFAULT
gmem.munmap mem
guest.read vm gpa=0x1000 => EFAULT
