// SPDX-License-Identifier: GPL-2.0
/*
 * convert=in-place-zero and convert=in-place-preserve (DESIGN.md section 5):
 * guest_memfd tracks shared/private itself and converts pages in place, as
 * the in-flight series does (KVM_SET_MEMORY_ATTRIBUTES2 on the guest_memfd,
 * gmem_uapi.md 2.10, UNVERIFIED final ABI). Not upstream: convert=attributes
 * has no such ioctl. Simplification: the knob picks one content mode for
 * every conversion, where the series takes ZERO or PRESERVE per call (and
 * refuses ZERO towards private); in-place-zero zeroes both ways, the
 * "zero on transitions" that seed 000's non-CoCo VMs want to avoid.
 */
#include "gmem_internal.h"

static bool in_place(const struct gms_world *w)
{
	return w->policy.convert != GMS_CONVERT_ATTRIBUTES;
}

/*
 * The series' module parameter gmem_in_place_conversion (kvm_main.c,
 * upstream-2026-11.md 1.4): convert=in-place. The RFC content modes
 * (in-place-zero, -preserve) keep their own ioctl, gms_gmem_convert().
 */
bool gms_gmem_in_place_conversion(const struct gms_world *w)
{
	return w->policy.convert == GMS_CONVERT_IN_PLACE;
}

/*
 * The first folio in [start, end) with a GUP pin (an elevated refcount the
 * in-flight conversion series refuses with -EAGAIN); its index in @index.
 */
bool gms_gmem_first_pinned(struct gms_world *w, struct gms_gmem_inode *inode,
			   u64 start, u64 end, u64 *index)
{
	struct gms_folio *folio;

	gms_page_cache_for_each(&inode->pages, folio, start, end) {
		for (u64 i = 0; i < gms_folio_nr_pages(folio); i++) {
			if (!gms_physmem_page(&w->physmem, folio->pfn + i)
				     ->pincount)
				continue;
			if (index)
				*index = folio->index;
			return true;
		}
	}
	return false;
}

/* What a file was created as, until its first conversion */
bool gms_gmem_is_shared(const struct gms_gmem_inode *inode, u64 index)
{
	if (!inode->shared_valid)
		return inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED;
	return gms_range_map_load(&inode->shared, index);
}

/*
 * The hook in kvm_mem_is_private(): under convert=in-place-*, a gfn that a
 * guest_memfd slot backs is private when its file says so (true, and the
 * state in @is_private); false: the VM's attributes decide (upstream).
 */
bool gms_gmem_mem_is_private(const struct gms_kvm *kvm, u64 gfn,
			     bool *is_private)
{
	const struct gms_memslot *slot;
	const struct gms_gmem_file *f;

	if (!in_place(kvm->w) || !kvm->arch->has_private_mem)
		return false;
	slot = gms_kvm_gfn_to_memslot((struct gms_kvm *)kvm, 0, gfn);
	f = slot ? slot->gmem.file : NULL;
	if (!f || f->freed)
		return false;
	*is_private =
		!gms_gmem_is_shared(f->inode, gms_gmem_get_index(slot, gfn));
	return true;
}

void gms_gmem_shared_map_init(struct gms_gmem_inode *inode)
{
	if (inode->shared_valid)
		return;
	inode->shared_valid = true;
	gms_range_map_init(&inode->shared);
	if (inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED)
		gms_range_map_store(&inode->shared, 0,
				    inode->size >> GMS_PAGE_SHIFT, 1);
}

static void convert_page(struct gms_world *w, struct gms_gmem_file *f, u64 pfn,
			 bool to_private)
{
	struct gms_gmem_inode *inode = f->inode;
	struct gms_page *p;

	if (!to_private && inode->arch->gmem_invalidate)
		inode->arch->gmem_invalidate(w, pfn);
	if (w->policy.convert == GMS_CONVERT_IN_PLACE_ZERO) {
		gms_physmem_clear(&w->physmem, pfn);
		return;
	}
	p = gms_physmem_page(&w->physmem, pfn);
	if (to_private && f->kvm && p->tag) {
		p->writer = f->kvm->guest;
		p->private_data = true;
	}
}

/*
 * Each folio's content across the conversion: towards shared the hardware
 * gives the page back first (kvm_arch_gmem_invalidate(): SNP's RMP entry
 * made shared) so the host may touch it; PRESERVE towards private hands
 * the content to the file's VM, which asked for it (the guest adopts it).
 */
static void convert_folios(struct gms_world *w, struct gms_gmem_file *f,
			   u64 start, u64 end, bool to_private)
{
	struct gms_gmem_inode *inode = f->inode;
	struct gms_folio *folio;

	gms_page_cache_for_each(&inode->pages, folio, start, end) {
		u64 first = MAX(start, folio->index);
		u64 last = MIN(end, gms_folio_next_index(folio));

		/* a huge folio's pages inside the range, one by one */
		for (u64 index = first; index < last; index++)
			convert_page(w, f, gms_folio_file_pfn(folio, index),
				     to_private);
	}
}

/*
 * hugetlb=allowed: the HT code's kvm_gmem_restructure() of each huge page
 * of [start, end) after the zap; this RFC ioctl converts the range as one
 * batch, so a refused split or merge leaves the earlier huge pages
 * restructured but no attribute changed (-EAGAIN, *@err_index)
 */
static int hugetlb_restructure(struct gms_world *w,
			       struct gms_gmem_inode *inode, u64 start, u64 end,
			       bool to_private, u64 *err_index)
{
	u64 batch_end;
	int r;

	for (; start < end; start = batch_end) {
		batch_end = gms_gmem_hugetlb_batch_end(inode, start, end);
		r = gms_gmem_hugetlb_convert_restructure(
			w, inode, start, batch_end, to_private, err_index);
		if (r)
			return r;
	}
	return 0;
}

/*
 * mirrors: the in-flight kvm_gmem_set_attributes() (KVM_SET_MEMORY_ATTRIBUTES2
 * on the guest_memfd fd): under the invalidate lock, refuse a pinned page
 * going private (-EAGAIN, its offset in @error_offset), zap every mapping
 * of the range (guest and host), convert the content, record the state.
 */
int gms_gmem_convert(struct gms_world *w, struct gms_gmem_file *f, u64 offset,
		     u64 len, bool to_private, u64 *error_offset)
{
	struct gms_gmem_inode *inode = f->inode;
	u64 start = offset >> GMS_PAGE_SHIFT;
	u64 end = (offset + len) >> GMS_PAGE_SHIFT;
	u64 index;

	if (!in_place(w))
		return -ENOTTY;
	if (!len || !GMS_PAGE_ALIGNED(offset) || !GMS_PAGE_ALIGNED(len) ||
	    offset + len < offset || offset + len > inode->size)
		return -EINVAL;
	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	if (to_private && gms_gmem_first_pinned(w, inode, start, end, &index)) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
		*error_offset = index << GMS_PAGE_SHIFT;
		return -EAGAIN;
	}
	/* hugetlb=allowed: split the private leaves crossing the edges */
	if (!to_private && gms_gmem_split_private(inode, start, end)) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
		*error_offset = offset;
		return -EAGAIN; /* the split failed */
	}
	gms_gmem_invalidate_begin_filter(
		inode, start, end, GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	if (to_private)
		gms_mm_unmap_mapping_range(w, inode, start, end);
	if (hugetlb_restructure(w, inode, start, end, to_private, &index)) {
		gms_gmem_invalidate_end(inode, start, end);
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
		*error_offset = index << GMS_PAGE_SHIFT;
		return -EAGAIN;
	}
	convert_folios(w, f, start, end, to_private);
	gms_gmem_shared_map_init(inode);
	gms_range_map_store(&inode->shared, start, end, !to_private);
	gms_dirty_inode(w, inode); /* kvm_mem_is_private() reads it */
	gms_gmem_invalidate_end(inode, start, end);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
	return 0;
}
