// SPDX-License-Identifier: GPL-2.0
/* Host userspace loads, stores and GUP pins through its page tables. */
#include <gmemsim/uapi.h>

/*
 * direct_map=pkru: guest_memfd mappings carry a protection key that PKRU
 * denies by default; only KVM opens it, around its own accesses (seed 000:
 * "Swizzle PKRU on-demand when intentionally accessing guest memory"). A
 * plain userspace access takes a pkey fault: SIGSEGV (SEGV_PKUERR).
 */
static bool pkey_denied(struct gms_world *w, u64 addr)
{
	struct gms_vma *vma;

	if (w->policy.direct_map != GMS_DIRECT_MAP_PKRU)
		return false;
	vma = gms_mm_find_vma(w, addr);
	return vma && vma->kind == GMS_VMA_GMEM;
}

/* mirrors: a load by host userspace; KVM's copy_from_user() opens the key */
int gms_host_read_as(struct gms_world *w, u64 addr, bool kvm, u64 *tag)
{
	u64 pfn;
	int r;

	if (!kvm && pkey_denied(w, addr))
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

	if (pkey_denied(w, addr))
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
