/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest_memfd inode's page cache (mapping->i_pages): one order-0 folio
 * per page index, as guest_memfd allocates them. The xarray's 64-slot
 * nodes (XA_CHUNK_SIZE) hold the folios themselves, so a fallocate over
 * a range costs a bit per page, not an allocation and a tree insertion.
 * Storage scales with the populated 64-page chunks of the file.
 *
 * hugetlb=allowed adds folios of order > 0 (HugeTLB guest_memfd): each is
 * ONE entry covering 1 << order indices, as the xarray's multi-index
 * entries are, kept in a tree of their own by first index, so a 1 TiB file
 * of 1 GiB folios costs 1024 entries. A huge folio split to order 0 becomes
 * 1 << order order-0 entries that remember the huge page they came from
 * (huge_order), and merges back from them.
 */
#ifndef GMEMSIM_PAGE_CACHE_H
#define GMEMSIM_PAGE_CACHE_H

#include <glib.h>
#include <gmemsim/types.h>

#define GMS_PC_CHUNK_SHIFT 6 /* XA_CHUNK_SHIFT */
#define GMS_PC_CHUNK_SIZE (1u << GMS_PC_CHUNK_SHIFT)

struct gms_folio {
	u64 index; /* first index; the huge tree's key: keep it first */
	u64 pfn; /* of index; a huge folio's pfns are contiguous and aligned */
	bool uptodate; /* zeroed (since "Remove preparation tracking") */
	bool hwpoison;
	u8 order; /* folio_order(): 0, or the inode's page_order while whole */
	/* a split piece: the order of the huge page it belongs to (else 0) */
	u8 huge_order;
};

static inline u64 gms_folio_nr_pages(const struct gms_folio *folio)
{
	return 1ULL << folio->order;
}

/* folio_next_index() */
static inline u64 gms_folio_next_index(const struct gms_folio *folio)
{
	return folio->index + gms_folio_nr_pages(folio);
}

/* folio_file_pfn(): the pfn of @index inside @folio */
static inline u64 gms_folio_file_pfn(const struct gms_folio *folio, u64 index)
{
	return folio->pfn + (index - folio->index);
}

struct gms_pc_node {
	u64 base; /* index of folios[0], a multiple of GMS_PC_CHUNK_SIZE */
	u64 present; /* bit i: folios[i] is in the cache */
	struct gms_folio folios[GMS_PC_CHUNK_SIZE];
};

struct gms_page_cache {
	GTree *nodes; /* &node->base -> struct gms_pc_node; NULL while empty */
	/* the node last used, as walks go in order: a cache, not state */
	struct gms_pc_node *hint;
	u64 nr_folios; /* entries: order-0 folios and huge folios */
	GTree *huge; /* &folio->index -> struct gms_folio of order > 0 */
	u64 nr_huge; /* entries in @huge: 0 keeps lookups on the fast path */
};

/* mirrors: xa_init() of mapping->i_pages: nothing allocated until a folio */
void gms_page_cache_init(struct gms_page_cache *pc);
/* frees the nodes without touching the folios' pages (a world teardown) */
void gms_page_cache_destroy(struct gms_page_cache *pc);
/* mirrors: filemap_get_entry() */
struct gms_folio *gms_page_cache_lookup(const struct gms_page_cache *pc,
					u64 index);
/* mirrors: filemap_add_folio(): a zeroed folio at @index, which was absent */
struct gms_folio *gms_page_cache_add(struct gms_page_cache *pc, u64 index);
/* mirrors: __filemap_remove_folio(): @folio is invalid afterwards */
void gms_page_cache_delete(struct gms_page_cache *pc, struct gms_folio *folio);
/*
 * mirrors: __filemap_add_folio() of a large folio at @index (aligned to
 * 1 << @order) whose range holds no folio
 */
struct gms_folio *gms_page_cache_add_order(struct gms_page_cache *pc, u64 index,
					   unsigned int order);
/*
 * the split half of hugetlb_restructuring's folio split: @folio (order >
 * 0) becomes 1 << order order-0 pieces over the same pfns, flags copied;
 * @folio is invalid afterwards. The first piece is returned.
 */
struct gms_folio *gms_page_cache_split(struct gms_page_cache *pc,
				       struct gms_folio *folio);
/*
 * the merge half: the 1 << @order pieces of the huge page at @index, all
 * present, all of it (huge_order == @order, pfns contiguous), become one
 * folio again; NULL (nothing changed) when they are not.
 */
struct gms_folio *gms_page_cache_merge(struct gms_page_cache *pc, u64 index,
				       unsigned int order);
/* mirrors: filemap_get_folios(): the first folio in [start, end), or NULL */
struct gms_folio *gms_page_cache_find(const struct gms_page_cache *pc,
				      u64 start, u64 end);

static inline u64 gms_page_cache_count(const struct gms_page_cache *pc)
{
	return pc->nr_folios;
}

/* every folio of [start, end) in index order; the body must not delete @f */
#define gms_page_cache_for_each(pc, f, start, end)                 \
	for ((f) = gms_page_cache_find((pc), (start), (end)); (f); \
	     (f) = gms_page_cache_find((pc), gms_folio_next_index(f), (end)))

#endif
