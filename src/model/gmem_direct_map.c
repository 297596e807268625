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
