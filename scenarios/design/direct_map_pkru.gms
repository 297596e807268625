# direct_map=pkru: guest_memfd is mapped into userspace RW under a protection key that
# PKRU denies by default. KVM opens the key around its own accesses, so emulation and
# shadow paging work without the direct map; a plain userspace access takes a pkey fault
# (SIGSEGV, shown as EFAULT), and /proc/kcore finds nothing in the direct map.
# Claim: "1. mmap() guest_memfd into userpace with RW protections 2. Configure PKRU to
# make guest_memfd memory inaccessible by default 3. Swizzle PKRU on-demand when
# intentionally accessing guest memory". Source: seed 000 (000_7b3e66eb9cef159c.txt).
policy direct_map=pkru
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
memslot.set vm slot=0 gpa=0 size=16K gmem=g uaddr=m
guest.write vm gpa=0 tag=page_table
host.kvm_map vm gpa=0 => tag:page_table
host.kernel_read vm gpa=0 => tag:page_table
host.read m offset=0 => EFAULT
host.write m offset=0 tag=stray => EFAULT
host.direct_read g offset=0 => EFAULT
