# Launching an SNP guest from a payload written in place (the series' userspace
# sequence, Yan Zhao on v8 23/46): the file is created shared, the host writes the
# payload through its mapping, converts the page to private (the host's ptes go), and
# SNP_LAUNCH_UPDATE runs without a source: the page is encrypted where it is, measured,
# the guest's. The guest reads its payload; the host faults. Without in-place
# conversion a missing source is EINVAL (sev_gmem_post_populate()).
# Source: series v13, linux-next next-20260923: edcc3f42981e "SEV: Make 'uaddr' optional
# for KVM_SEV_SNP_LAUNCH_UPDATE", cb0544296a33 (zero while getting the pfn: only a page
# nobody wrote), fa7b8b1bb5d0 (populate checks kvm_mem_is_private()).
policy convert=in-place
vm.create s type=snp
gmem.create g vm=s size=8K flags=mmap,init_shared
memslot.set s slot=1 gpa=4G size=8K gmem=g
gmem.mmap m gmem=g
host.write m offset=0 tag=payload
gmem.populate g offset=0 => EINVAL
gmem.convert g offset=0 len=8K to=private
host.read m offset=0 => sigbus
gmem.populate g offset=0
gmem.populate g offset=4K
expect.rmp g offset=0 assigned=1
expect.page g offset=0 shared=0
vm.finalize s
guest.read s gpa=4G => tag:payload
guest.read s gpa=0x100001000 => zero
