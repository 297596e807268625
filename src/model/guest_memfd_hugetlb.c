// SPDX-License-Identifier: GPL-2.0
/*
 * HugeTLB guest_memfd (hugetlb=allowed, DESIGN.md 3.2.2): what the series
 * keeps in virt/kvm/guest_memfd_hugetlb.c (intel/tdx @a9e7a72f3eca) and the
 * hugetlb parts of its guest_memfd.c (the HT code of upstream-2026-11.md
 * 2.2), with mm/hugetlb_restructuring.c's split and merge. guest_memfd.c
 * calls in through one named hook per place; each returns at once for an
 * inode of page_order 0, as the series' IS_ENABLED()/page_order tests do.
 *
 * Simplification: the per-index PRIVATE state is the inode's (the in-place
 * conversion series' attributes, convert=in-place*). Under
 * convert=attributes the inode never converts, so every index is private
 * (HUGETLB refuses INIT_SHARED) and a huge folio stays whole.
 */
#include "gmem_internal.h"

#include <gmemsim/hugetlb.h>

static u64 huge_nr(const struct gms_gmem_inode *inode)
{
	return 1ULL << inode->page_order;
}

/* mirrors: kvm_gmem_range_has_attributes(..., PRIVATE) on [start, end) */
bool gms_gmem_range_is_private(const struct gms_gmem_inode *inode, u64 start,
			       u64 end)
{
	if (!inode->shared_valid)
		return !(inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED);
	return !gms_range_map_find(&inode->shared, start, end);
}

/*
 * the HT code's inode_add_bytes(inode, folio_size(folio)) in
 * kvm_gmem_get_folio(), for every guest_memfd once the series is in
 * (mainline never accounts i_blocks: st_blocks stays 0)
 */
void gms_gmem_hugetlb_add_bytes(const struct gms_world *w,
				struct gms_gmem_inode *inode,
				const struct gms_folio *folio)
{
	if (w->policy.hugetlb == GMS_HUGETLB_ALLOWED)
		inode->i_bytes += gms_folio_nr_pages(folio) << GMS_PAGE_SHIFT;
}

/* mirrors: gmem_hugetlb_valid_order() */
bool gms_gmem_hugetlb_valid_order(u8 order)
{
	if (order == 0)
		return false;
	return gms_hugetlb_order_to_hstate(order);
}

/*
 * mirrors: gmem_hugetlb_init() -> gmem_hugetlb_setup(): the subpool of
 * min = max = size / huge page, reserved now (-ENOMEM here, never at
 * fault); i_blkbits = page_order + PAGE_SHIFT
 */
int gms_gmem_hugetlb_init(struct gms_world *w, struct gms_gmem_inode *inode,
			  u64 flags, u64 size, u8 page_order)
{
	if (!(flags & GUEST_MEMFD_FLAG_HUGETLB))
		return 0;
	inode->spool = gms_hugepage_new_subpool(
		w, page_order, size >> (page_order + GMS_PAGE_SHIFT));
	if (!inode->spool)
		return -ENOMEM;
	inode->page_order = page_order;
	return 0;
}

/* mirrors: gmem_hugetlb_teardown(), from kvm_gmem_destroy_inode() */
void gms_gmem_hugetlb_teardown(struct gms_world *w,
			       struct gms_gmem_inode *inode)
{
	if (!inode->spool)
		return;
	gms_hugepage_put_subpool(w, inode->spool);
	inode->spool = NULL;
}

/*
 * mirrors: gmem_hugetlb_alloc_folio() and the __filemap_add_folio() of
 * __kvm_gmem_get_folio() at round_down(index, nr): NULL for -ENOMEM
 */
struct gms_folio *gms_gmem_hugetlb_alloc_folio(struct gms_world *w,
					       struct gms_gmem_inode *inode,
					       u64 index)
{
	struct gms_folio *folio;
	u64 pfn;

	if (gms_hugetlb_alloc_folio(w, inode->spool, &pfn))
		return NULL;
	folio = gms_page_cache_add_order(&inode->pages,
					 index & ~(huge_nr(inode) - 1),
					 inode->page_order);
	folio->pfn = pfn;
	gms_dirty_inode(w, inode);
	for (u64 i = 0; i < huge_nr(inode); i++)
		gms_gmem_direct_map_alloc(w, inode, pfn + i);
	return folio;
}

/*
 * The safe-to-restructure test over the huge page at @pfn: each page held
 * by the page cache alone (folio_ref_count() == nr_pages + 1 with the
 * batch's reference; the model's pages count their own), not pinned
 * (folio_maybe_dma_pinned()), not mapped (folio_mapped()). The first
 * referenced index in *@err_index.
 */
static bool hugetlb_safe_refcount(struct gms_world *w,
				  const struct gms_gmem_inode *inode, u64 base,
				  u64 pfn, u64 *err_index)
{
	for (u64 i = 0; i < huge_nr(inode); i++) {
		const struct gms_page *p =
			gms_physmem_page(&w->physmem, pfn + i);

		if (p->refcount != 1 || p->pincount || p->mapcount) {
			*err_index = base + i;
			return false;
		}
	}
	return true;
}

/*
 * mirrors: gmem_hugetlb_restructure_folio(mapping, index, to_order): split
 * the huge page holding @index to order 0, or merge it back to the
 * inode's page_order; -EAGAIN when a piece is referenced (the first such
 * index in *@err_index). Nothing allocated there, or already of that
 * order: nothing to do.
 */
int gms_gmem_hugetlb_restructure(struct gms_world *w,
				 struct gms_gmem_inode *inode, u64 index,
				 u8 to_order, u64 *err_index)
{
	u64 base = index & ~(huge_nr(inode) - 1);
	struct gms_folio *folio = gms_page_cache_lookup(&inode->pages, base);
	u64 pfn;

	if (!inode->page_order || !folio || folio->order == to_order)
		return 0;
	pfn = folio->pfn;
	gms_dirty_inode(w, inode); /* folio-state judges it again */
	if (!hugetlb_safe_refcount(w, inode, base, pfn, err_index)) {
		/* mutant split-referenced: restructured all the same */
		if (!gms_mutant(w, GMS_MUTANT_SPLIT_REFERENCED))
			return -EAGAIN;
		inode->restructured_referenced = true;
		inode->restructured_index = *err_index;
	}
	if (to_order)
		return gms_page_cache_merge(&inode->pages, base, to_order) ?
			       0 :
			       -EAGAIN;
	gms_page_cache_split(&inode->pages, folio);
	return 0;
}

/*
 * mirrors: __maybe_split_fresh_folio(): a fresh huge folio whose range is
 * not all PRIVATE is split to order 0 at once; the piece at @index
 */
struct gms_folio *
gms_gmem_hugetlb_maybe_split_fresh(struct gms_world *w,
				   struct gms_gmem_inode *inode,
				   struct gms_folio *folio, u64 index)
{
	u64 err;

	if (!folio->order ||
	    gms_gmem_range_is_private(inode, folio->index,
				      gms_folio_next_index(folio)))
		return folio;
	/* fresh: nobody but the page cache holds it, the split cannot fail */
	gms_gmem_hugetlb_restructure(w, inode, index, 0, &err);
	return gms_page_cache_lookup(&inode->pages, index);
}

/*
 * mirrors: kvm_gmem_mapping_order(): the order the MMU may map @gfn at,
 * as if kvm_gmem_get_pfn() ran now, without allocating: page_order iff
 * every index of the huge page is PRIVATE and the folio there is whole
 * (the HT code tests the range from @index, not from its floor: the model
 * tests the huge page, what the series means); 0 otherwise. *@pfn is
 * written only when a folio is there.
 */
int gms_gmem_mapping_order(const struct gms_memslot *slot, u64 gfn, u64 *pfn)
{
	const struct gms_gmem_file *f = slot->gmem.file;
	struct gms_gmem_inode *inode;
	struct gms_folio *folio;
	u64 index, floor;
	int order = 0;

	if (!f || f->freed || f->dying)
		return 0;
	inode = f->inode;
	index = gms_gmem_get_index(slot, gfn);
	floor = index & ~(huge_nr(inode) - 1);
	folio = gms_page_cache_lookup(&inode->pages, index);
	if (gms_gmem_range_is_private(inode, floor, floor + huge_nr(inode)) &&
	    (!folio || folio->order == inode->page_order))
		order = inode->page_order;
	if (folio)
		*pfn = gms_folio_file_pfn(folio, index);
	return order;
}

/*
 * the batches of the HT code's __kvm_gmem_set_attributes(): one huge page
 * at a time for page_order > 0 (batch_size = 1 << page_order), the whole
 * range at once for order 0. The end of the batch that starts at @start.
 */
u64 gms_gmem_hugetlb_batch_end(const struct gms_gmem_inode *inode, u64 start,
			       u64 end)
{
	if (!inode->page_order)
		return end;
	return MIN((start | (huge_nr(inode) - 1)) + 1, end);
}

/*
 * mirrors: kvm_gmem_restructure() for the batch [start, end) of one huge
 * page: to shared, split it to order 0; to private, merge it back to
 * page_order iff every other index of the huge page is PRIVATE already.
 * -EAGAIN with *@err_index = @start when a piece is referenced.
 */
int gms_gmem_hugetlb_convert_restructure(struct gms_world *w,
					 struct gms_gmem_inode *inode,
					 u64 start, u64 end, bool to_private,
					 u64 *err_index)
{
	u64 aligned_start = start & ~(huge_nr(inode) - 1);
	u64 aligned_end = aligned_start + huge_nr(inode);
	u8 to_order = 0;
	u64 err;
	int r;

	if (!inode->page_order)
		return 0;
	if (to_private &&
	    (start == aligned_start ||
	     gms_gmem_range_is_private(inode, aligned_start, start)) &&
	    (end == aligned_end ||
	     gms_gmem_range_is_private(inode, end, aligned_end)))
		to_order = inode->page_order;
	r = gms_gmem_hugetlb_restructure(w, inode, aligned_start, to_order,
					 &err);
	if (r)
		*err_index = start;
	return r;
}
