// SPDX-License-Identifier: GPL-2.0
/* Host userspace loads, stores and GUP pins through its page tables. */
#include <gmemsim/uapi.h>

/* mirrors: a load by host userspace; KVM's copy_from_user() opens the key */
int gms_host_read_as(struct gms_world *w, u64 addr, bool kvm, u64 *tag)
{
	u64 pfn;
	int r;

	/* direct_map=pkru: the load takes a pkey fault (SEGV_PKUERR) */
	if (!kvm && gms_gmem_direct_map_pkey_denied(w, addr))
		return -EFAULT;
	r = gms_mm_fault(w, addr, &pfn);
	if (r)
		return r;
	r = gms_world_host_access(w, pfn, GMS_HOST_USER_READ,
				  "host userspace read");
	if (r)
		return r;
	gms_world_observe(w, GMS_PRINCIPAL_HOST, 0, pfn, "host userspace");
	*tag = gms_physmem_read(&w->physmem, pfn, 0);
	return 0;
}

int gms_host_read(struct gms_world *w, u64 addr, u64 *tag)
{
	return gms_host_read_as(w, addr, false, tag);
}

int gms_host_write(struct gms_world *w, u64 addr, u64 tag)
{
	struct gms_vma *vma = gms_mm_find_vma(w, addr);
	u64 pfn;
	int r;

	if (gms_gmem_direct_map_pkey_denied(w, addr))
		return -EFAULT;
	if (vma && !(vma->prot & GMS_PROT_WRITE))
		return -EFAULT; /* SIGSEGV */
	r = gms_mm_fault(w, addr, &pfn);
	if (r)
		return r;
	r = gms_world_host_access(w, pfn, GMS_HOST_USER_WRITE,
				  "host userspace write");
	if (r)
		return r;
	gms_physmem_write(&w->physmem, pfn, tag, GMS_PRINCIPAL_HOST, false);
	return 0;
}

int gms_host_pin(struct gms_world *w, u64 addr)
{
	return gms_mm_pin(w, addr);
}

int gms_host_unpin(struct gms_world *w, u64 addr)
{
	return gms_mm_unpin(w, addr);
}
