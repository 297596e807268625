// SPDX-License-Identifier: GPL-2.0
/*
 * direct_map=remove|pkru (DESIGN.md section 5): GUEST_MEMFD_FLAG_NO_DIRECT_MAP's
 * set_direct_map_invalid_noflush() at allocation and its restoration in
 * kvm_gmem_free_folio() (the direct-map removal series, in flight; seed
 * 000), made a property of every guest_memfd inode rather than a per-file
 * flag. Upstream (direct_map=keep): the page stays in the direct map.
 */
#include <gmemsim/world.h>

#include "gmem_internal.h"

/* after kvm_gmem_get_folio() allocated @pfn */
void gms_gmem_direct_map_alloc(struct gms_world *w, u64 pfn)
{
	if (w->policy.direct_map != GMS_DIRECT_MAP_KEEP)
		gms_physmem_page(&w->physmem, pfn)->direct_map = false;
}

/* in kvm_gmem_free_folio(): back in the direct map before the allocator has it */
void gms_gmem_direct_map_free(struct gms_world *w, u64 pfn)
{
	gms_physmem_page(&w->physmem, pfn)->direct_map = true;
}

/*
 * direct_map=pkru: guest_memfd mappings carry a protection key that PKRU
 * denies by default; only KVM opens it, around its own accesses (seed 000:
 * "Swizzle PKRU on-demand when intentionally accessing guest memory"). A
 * plain userspace access to @addr takes a pkey fault: true.
 */
bool gms_gmem_direct_map_pkey_denied(struct gms_world *w, u64 addr)
{
	struct gms_vma *vma;

	if (w->policy.direct_map != GMS_DIRECT_MAP_PKRU)
		return false;
	vma = gms_mm_find_vma(w, addr);
	return vma && vma->kind == GMS_VMA_GMEM;
}

/*
 * Can KVM's kernel mapping (kvm_vcpu_map()) reach @pfn of @inode? Upstream
 * and direct_map=remove: while it is in the direct map; direct_map=pkru:
 * also through the file's own (keyed) mapping when it has one.
 */
bool gms_gmem_direct_map_kernel_ok(struct gms_world *w, u64 pfn,
				   const struct gms_gmem_inode *inode)
{
	if (gms_physmem_page(&w->physmem, pfn)->direct_map)
		return true;
	return w->policy.direct_map == GMS_DIRECT_MAP_PKRU &&
	       gms_gmem_supports_mmap(inode);
}
