/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's HugeTLB pool (mm/hugetlb.c, much reduced) as the HugeTLB
 * guest_memfd series uses it (hugetlb=allowed): hstates of order 9 (2 MiB)
 * and 18 (1 GiB), a subpool per guest_memfd inode with min = max = its
 * huge pages, reserved at create, and the split pieces' bookkeeping of
 * mm/hugetlb_restructuring.c (nr_pages_waiting_to_be_merged).
 *
 * The pool has no size knob: it grows from the world's host RAM
 * (physmem.max_pages) on demand, as if nr_hugepages had been set to what
 * the reservations need; a reservation fails with -ENOMEM when host RAM
 * (allocated plus already reserved pages) cannot hold it. Freed huge pages
 * stay in the pool (persistent huge pages), not in the buddy allocator.
 */
#ifndef GMEMSIM_HUGETLB_H
#define GMEMSIM_HUGETLB_H

#include <glib.h>
#include <gmemsim/types.h>

struct gms_world;

#define GMS_HPAGE_ORDER_2M 9
#define GMS_HPAGE_ORDER_1G 18

/* struct hugepage_subpool with min_hpages == max_hpages */
struct gms_hugetlb_spool {
	unsigned int order;
	u64 max_hpages;
	u64 used_hpages; /* huge pages out of the pool (whole or split) */
	bool dead; /* its inode is gone: hugepage_put_subpool() ran */
};

/* hugetlb_restructuring_metadata of one huge page handed out */
struct gms_hugetlb_page {
	struct gms_hugetlb_spool *spool;
	unsigned int order;
	u64 nr_freed; /* pieces freed: nr_pages_waiting_to_be_merged */
};

struct gms_hugetlb_pool {
	GHashTable *pages; /* base pfn -> struct gms_hugetlb_page (in use) */
	GArray *free; /* base pfns of free huge pages, by order below */
	GArray *free_order; /* u8 per entry of @free */
	GPtrArray *spools; /* every subpool made, freed with the pool */
};

void gms_hugetlb_pool_init(struct gms_world *w);
void gms_hugetlb_pool_destroy(struct gms_world *w);
/* mirrors: hugetlb_order_to_hstate(): an hstate of this order exists */
bool gms_hugetlb_order_to_hstate(unsigned int order);
/* mirrors: hugepage_new_subpool(h, n, n): NULL for -ENOMEM */
struct gms_hugetlb_spool *
gms_hugepage_new_subpool(struct gms_world *w, unsigned int order, u64 hpages);
/* mirrors: hugepage_put_subpool(): the inode's reservation goes */
void gms_hugepage_put_subpool(struct gms_world *w,
			      struct gms_hugetlb_spool *spool);
/* mirrors: alloc_hugetlb_folio() from @spool's reservation: 0 and the pfn */
int gms_hugetlb_alloc_folio(struct gms_world *w,
			    struct gms_hugetlb_spool *spool, u64 *pfn);
/* the huge page @pfn belongs to (pool bookkeeping), or NULL */
struct gms_hugetlb_page *gms_hugetlb_page_of(const struct gms_world *w,
					     u64 pfn);
/* is the huge page at @base in the pool's free list? */
bool gms_hugetlb_page_is_free(const struct gms_world *w, u64 base);
#endif
