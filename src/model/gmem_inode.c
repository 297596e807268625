// SPDX-License-Identifier: GPL-2.0
/* The guest_memfd inode: page cache, invalidation and eviction (virt/kvm/guest_memfd.c). */
#include "gmem_internal.h"

struct gms_gmem_inode *gmem_inode_new(struct gms_world *w,
				      const struct gms_arch_ops *arch, u64 size,
				      u64 flags)
{
	struct gms_gmem_inode *inode = g_new0(struct gms_gmem_inode, 1);

	inode->id = gms_world_next_id(w);
	inode->size = size;
	inode->flags = flags;
	inode->arch = arch;
	gms_page_cache_init(&inode->pages);
	w->inodes = g_list_prepend(w->inodes, inode);
	inode->link = w->inodes; /* O(1) removal: a host may have thousands */
	return inode;
}

bool gms_gmem_supports_mmap(const struct gms_gmem_inode *inode)
{
	return inode->flags & GUEST_MEMFD_FLAG_MMAP;
}

struct gms_folio *gms_gmem_lookup_folio(struct gms_gmem_inode *inode, u64 index)
{
	return gms_page_cache_lookup(&inode->pages, index);
}

/*
 * mirrors: kvm_gmem_get_folio(). The new folio holds whatever the page
 * allocator hands out; it is not uptodate, so its first user zeroes it.
 * NULL when host memory is exhausted (-ENOMEM).
 */
struct gms_folio *gms_gmem_get_folio(struct gms_world *w,
				     struct gms_gmem_inode *inode, u64 index)
{
	struct gms_folio *folio = gms_gmem_lookup_folio(inode, index);
	u64 pfn;

	if (folio)
		return folio;
	if (gms_physmem_alloc(&w->physmem, GMS_PAGE_GMEM, &pfn))
		return NULL;
	folio = gms_page_cache_add(&inode->pages, index);
	folio->pfn = pfn;
	/*
	 * direct_map=remove|pkru: GUEST_MEMFD_FLAG_NO_DIRECT_MAP's
	 * set_direct_map_invalid_noflush() (in-flight, seed 000), made a
	 * property of every guest_memfd inode rather than a per-file flag.
	 */
	if (w->policy.direct_map != GMS_DIRECT_MAP_KEEP)
		gms_physmem_page(&w->physmem, pfn)->direct_map = false;
	return folio;
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
		if (!gms_physmem_page(&w->physmem, folio->pfn)->pincount)
			continue;
		if (index)
			*index = folio->index;
		return true;
	}
	return false;
}

/*
 * mirrors: kvm_gmem_get_invalidate_filter(); mutant=shared-not-zapped
 * forgets that INIT_SHARED memory is mapped shared.
 */
static unsigned int kvm_gmem_get_invalidate_filter(struct gms_world *w,
						   struct gms_gmem_inode *inode)
{
	if (w->policy.mutant == GMS_MUTANT_SHARED_NOT_ZAPPED)
		return GMS_FILTER_PRIVATE;
	if (inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED)
		return GMS_FILTER_SHARED;
	return GMS_FILTER_PRIVATE;
}

/* mirrors: __kvm_gmem_invalidate_begin(); @filter 0: the inode's */
void gmem_file_invalidate_begin(struct gms_gmem_file *f, u64 start, u64 end,
				unsigned int filter)
{
	const struct gms_range *r =
		gms_range_map_find(&f->bindings, start, end);
	bool found_memslot = false;

	for (; r && r->start < end; r = gms_range_map_next(&f->bindings, r)) {
		struct gms_memslot *slot = (struct gms_memslot *)r->val;
		u64 pgoff = slot->gmem.pgoff;
		u64 gstart = slot->base_gfn + MAX(pgoff, start) - pgoff;
		u64 gend =
			slot->base_gfn + MIN(pgoff + slot->npages, end) - pgoff;

		if (!found_memslot) {
			found_memslot = true;
			if (!filter)
				filter = kvm_gmem_get_invalidate_filter(
					f->kvm->w, f->inode);
			gms_kvm_mmu_invalidate_begin(f->kvm);
		}
		/* f->kvm, not slot->kvm: the kernel assumes they agree */
		gms_kvm_unmap_gfn_range(f->kvm, gstart, gend, filter);
	}
}

/* mirrors: __kvm_gmem_invalidate_end() */
void gmem_file_invalidate_end(struct gms_gmem_file *f, u64 start, u64 end)
{
	if (gms_range_map_find(&f->bindings, start, end))
		gms_kvm_mmu_invalidate_end(f->kvm);
}

/* mirrors: kvm_gmem_invalidate_begin() */
void gmem_invalidate_begin(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	gmem_invalidate_begin_filter(inode, start, end, 0);
}

void gmem_invalidate_begin_filter(struct gms_gmem_inode *inode, u64 start,
				  u64 end, unsigned int filter)
{
	for (GList *l = inode->files; l; l = l->next)
		gmem_file_invalidate_begin(l->data, start, end, filter);
}

/* mirrors: kvm_gmem_invalidate_end() */
void gmem_invalidate_end(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	for (GList *l = inode->files; l; l = l->next)
		gmem_file_invalidate_end(l->data, start, end);
}

/* mirrors: filemap_remove_folio() + kvm_gmem_free_folio() + folio_put() */
static void gmem_remove_folio(struct gms_world *w, struct gms_gmem_inode *inode,
			      struct gms_folio *folio)
{
	u64 pfn = folio->pfn;

	gms_page_cache_delete(&inode->pages, folio);
	/* mutant truncate-zeroes: as if AS_INACCESSIBLE had no effect (bug #7) */
	if (w->policy.mutant == GMS_MUTANT_TRUNCATE_ZEROES) {
		gms_world_host_access(w, pfn, GMS_HOST_KERNEL_WRITE,
				      "truncate zeroing");
		gms_physmem_clear(&w->physmem, pfn);
	}
	/*
	 * AS_INACCESSIBLE: truncate does not zero the page, which on SNP would
	 * write to a page still assigned in the RMP.
	 */
	if (inode->arch->gmem_invalidate)
		inode->arch->gmem_invalidate(w, pfn);
	/* the NO_DIRECT_MAP series' kvm_gmem_free_folio(): back in the direct map */
	gms_physmem_page(&w->physmem, pfn)->direct_map = true;
	gms_physmem_put(&w->physmem, pfn);
}

/* mirrors: truncate_inode_pages_range() on [start, end) page indices */
void gmem_truncate_range(struct gms_world *w, struct gms_gmem_inode *inode,
			 u64 start, u64 end)
{
	struct gms_folio *folio;

	if (start >= end)
		return;
	gms_mm_unmap_mapping_range(w, inode, start, end);
	while ((folio = gms_page_cache_find(&inode->pages, start, end))) {
		start = folio->index + 1;
		gmem_remove_folio(w, inode, folio);
	}
}

/* mirrors: evict() -> truncate_inode_pages_final() once no file is left */
void gmem_inode_put(struct gms_world *w, struct gms_gmem_inode *inode)
{
	if (--inode->i_count)
		return;
	gmem_truncate_range(w, inode, 0, G_MAXUINT64);
	inode->freed = true;
	w->inodes = g_list_delete_link(w->inodes, inode->link);
	inode->link = NULL;
	gms_world_bury(w, GMS_OBJ_INODE, inode);
}
