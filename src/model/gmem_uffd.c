// SPDX-License-Identifier: GPL-2.0
/*
 * uffd=: userfaultfd on guest_memfd mappings. Mike Rapoport, Nikita
 * Kalyazin, "[PATCH RFC 14/17] KVM: guest_memfd: implement userfaultfd
 * minor mode" and "[PATCH RFC 15/17] ... missing mode" (2026-01-27,
 * 20260127192936.1250096-1-rppt@kernel.org; in mm-new 2026-04 as
 * 4b9e87adc44d, not merged: upstream-2026-11.md 2). uffd=minor is patch
 * 14 (VM_UFFD_MINOR only), uffd=missing the series (MINOR and MISSING).
 *
 * kvm_gmem_uffd_ops: can_userfault() only with GUEST_MEMFD_FLAG_INIT_SHARED,
 * get_folio_noalloc() for the page cache lookup, and (15/17) alloc_folio()
 * under the shared policy, filemap_add() and filemap_remove() for
 * UFFDIO_COPY. kvm_gmem_fault_user_mapping() returns VM_FAULT_UFFD_MINOR
 * for a registered VMA whose folio exists.
 *
 * Simplifications: the handler is the scenario (a fault reports the event
 * as its outcome and changes nothing; the access is retried by the next
 * step); where a MISSING fault is caught is UNVERIFIED (the RFC's core
 * mm part was not read): here, in the same place as MINOR, when no folio
 * exists; UFFDIO_ZEROPAGE and UFFDIO_WAKE are not modelled; only guest_memfd
 * mappings register (anonymous memory is the target's business).
 */
#include "gmem_internal.h"

/* the modes vm_uffd_ops offer under the knob (none: no uffd_ops at all) */
static u32 kvm_gmem_uffd_modes(const struct gms_world *w)
{
	switch (w->policy.uffd) {
	case GMS_UFFD_POLICY_MINOR:
		return GMS_UFFD_MINOR;
	case GMS_UFFD_POLICY_MISSING:
		return GMS_UFFD_MINOR | GMS_UFFD_MISSING;
	default:
		return 0;
	}
}

/* mirrors: kvm_gmem_can_userfault() */
static bool kvm_gmem_can_userfault(const struct gms_vma *vma)
{
	return vma->file->inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED;
}

/* mirrors: vma_can_userfault() for a guest_memfd VMA, in userfaultfd_register() */
int gms_gmem_uffd_register(struct gms_world *w, struct gms_vma *vma, u32 mode)
{
	if (!mode || (mode & ~kvm_gmem_uffd_modes(w)) ||
	    !kvm_gmem_can_userfault(vma))
		return -EINVAL;
	vma->uffd |= mode;
	return 0;
}

/*
 * The series' part of kvm_gmem_fault_user_mapping(), after its SIGBUS
 * checks (which the normal path then makes): VM_FAULT_UFFD_MINOR when the
 * folio exists, VM_FAULT_UFFD_MISSING when it does not.
 */
int gms_gmem_uffd_fault(struct gms_world *w, struct gms_vma *vma, u64 pgoff)
{
	struct gms_gmem_inode *inode = vma->file->inode;
	bool present;

	(void)w;
	if (!vma->uffd || pgoff >= inode->size >> GMS_PAGE_SHIFT ||
	    !(inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED))
		return 0;
	/* kvm_gmem_get_folio_noalloc() */
	present = gms_gmem_lookup_folio(inode, pgoff) != NULL;
	if (present && (vma->uffd & GMS_UFFD_MINOR))
		return -GMS_EUFFD_MINOR;
	if (!present && (vma->uffd & GMS_UFFD_MISSING))
		return -GMS_EUFFD_MISSING;
	return 0;
}

static u64 vma_pgoff(const struct gms_vma *vma, u64 addr)
{
	return vma->pgoff + ((addr - vma->start) >> GMS_PAGE_SHIFT);
}

/*
 * mirrors: mfill_atomic_pte_copy() through kvm_gmem_uffd_ops (15/17):
 * alloc_folio() under the shared policy, the copy, filemap_add() (-EEXIST
 * when the page cache has one), then the pte (-EEXIST when one is there)
 */
int gms_gmem_uffd_copy(struct gms_world *w, struct gms_vma *vma, u64 addr,
		       u64 tag)
{
	struct gms_gmem_inode *inode = vma->file->inode;
	u64 pgoff = vma_pgoff(vma, addr), pfn, ilx;
	struct gms_folio *folio;

	if (!(vma->uffd & GMS_UFFD_MISSING))
		return -EINVAL;
	if (gms_mm_pte_present(vma, addr))
		return -EEXIST;
	/* kvm_gmem_folio_alloc(): past i_size there is nothing to add */
	if (pgoff >= inode->size >> GMS_PAGE_SHIFT)
		return -EFAULT;
	if (gms_gmem_lookup_folio(inode, pgoff))
		return -EEXIST;
	if (gms_mpol_alloc_page(w, gms_gmem_get_policy(w, inode, pgoff, &ilx),
				&pfn))
		return -ENOMEM;
	gms_physmem_write(&w->physmem, pfn, tag, GMS_PRINCIPAL_HOST, false);
	folio = gms_page_cache_add(&inode->pages, pgoff);
	folio->pfn = pfn;
	folio->uptodate = true;
	gms_gmem_direct_map_alloc(w, inode, pfn);
	gms_physmem_get(&w->physmem, pfn);
	gms_mm_install_pte(w, vma, addr, pfn);
	return 0;
}

/*
 * mirrors: mfill_atomic_pte_continue(): get_folio_noalloc() (-EFAULT
 * without a folio), then the pte (-EEXIST when one is there)
 */
int gms_gmem_uffd_continue(struct gms_world *w, struct gms_vma *vma, u64 addr)
{
	struct gms_folio *folio;

	if (!(vma->uffd & GMS_UFFD_MINOR))
		return -EINVAL;
	if (gms_mm_pte_present(vma, addr))
		return -EEXIST;
	folio = gms_gmem_lookup_folio(vma->file->inode, vma_pgoff(vma, addr));
	if (!folio)
		return -EFAULT;
	if (!folio->uptodate) {
		gms_physmem_clear(&w->physmem, folio->pfn);
		folio->uptodate = true;
	}
	gms_physmem_get(&w->physmem, folio->pfn);
	gms_mm_install_pte(w, vma, addr, folio->pfn);
	return 0;
}
