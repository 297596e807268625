// SPDX-License-Identifier: GPL-2.0
/*
 * direct_map=remove|pkru (DESIGN.md section 5). remove is the direct-map
 * removal series ("KVM: guest_memfd: Add flag to remove from direct map",
 * Patrick Roy / Nikita Kalyazin, v11 2026-03-17, not merged; seed 000):
 * GUEST_MEMFD_FLAG_NO_DIRECT_MAP (bit 2) is a supported flag, and a file
 * created with it has its folios out of the direct map until
 * kvm_gmem_free_folio() restores them. Simplification: the series zaps
 * right before the first guest or user mapping (kvm_gmem_get_pfn(),
 * kvm_gmem_fault_user_mapping()); the model zaps at allocation, which only
 * differs for a folio allocated and never mapped. pkru (seed 000's
 * alternative) applies to every inode, flag or not. Upstream
 * (direct_map=keep): the page stays in the direct map, and bit 2 is
 * EINVAL as any unknown flag.
 */
#include <gmemsim/uapi.h>

#include "gmem_internal.h"

/*
 * mirrors: kvm_arch_gmem_supports_no_direct_map() of the series: x86
 * refuses SNP and TDX VMs (their private pages must stay reachable by the
 * firmware flows), arm64 needs FWB, which the model's pKVM host has.
 */
bool gms_gmem_direct_map_flag_supported(const struct gms_world *w,
					const struct gms_kvm *kvm)
{
	if (w->policy.direct_map != GMS_DIRECT_MAP_REMOVE)
		return false;
	return !kvm ||
	       (kvm->arch->type != GMS_VM_SNP && kvm->arch->type != GMS_VM_TDX);
}

/* after kvm_gmem_get_folio() allocated @pfn for @inode */
void gms_gmem_direct_map_alloc(struct gms_world *w,
			       const struct gms_gmem_inode *inode, u64 pfn)
{
	bool remove = w->policy.direct_map == GMS_DIRECT_MAP_PKRU ||
		      (w->policy.direct_map == GMS_DIRECT_MAP_REMOVE &&
		       (inode->flags & GUEST_MEMFD_FLAG_NO_DIRECT_MAP));

	if (remove)
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
