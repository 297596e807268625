/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest_memfd inode's page cache (mapping->i_pages): one order-0 folio
 * per page index, as guest_memfd allocates them. The xarray's 64-slot
 * nodes (XA_CHUNK_SIZE) hold the folios themselves, so a fallocate over
 * a range costs a bit per page, not an allocation and a tree insertion.
 * Storage scales with the populated 64-page chunks of the file.
 */
#ifndef GMEMSIM_PAGE_CACHE_H
#define GMEMSIM_PAGE_CACHE_H

#include <glib.h>
#include <gmemsim/types.h>

#define GMS_PC_CHUNK_SHIFT 6 /* XA_CHUNK_SHIFT */
#define GMS_PC_CHUNK_SIZE (1u << GMS_PC_CHUNK_SHIFT)

struct gms_folio {
	u64 index;
	u64 pfn;
	bool uptodate; /* zeroed (since "Remove preparation tracking") */
	bool hwpoison;
};

struct gms_pc_node {
	u64 base; /* index of folios[0], a multiple of GMS_PC_CHUNK_SIZE */
	u64 present; /* bit i: folios[i] is in the cache */
	struct gms_folio folios[GMS_PC_CHUNK_SIZE];
};

struct gms_page_cache {
	GTree *nodes; /* &node->base -> struct gms_pc_node; NULL while empty */
	/* the node last used, as walks go in order: a cache, not state */
	struct gms_pc_node *hint;
	u64 nr_folios; /* mapping->nrpages */
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
	     (f) = gms_page_cache_find((pc), (f)->index + 1, (end)))

#endif
