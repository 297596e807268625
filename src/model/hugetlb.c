// SPDX-License-Identifier: GPL-2.0
/* The host's HugeTLB pool and subpools (mm/hugetlb.c, reduced; hugetlb.h). */
#include <gmemsim/hugetlb.h>
#include <gmemsim/policy.h>
#include <gmemsim/world.h>

static u64 base_of(u64 pfn, unsigned int order)
{
	return pfn & ~((1ULL << order) - 1);
}

struct gms_hugetlb_page *gms_hugetlb_page_of(const struct gms_world *w, u64 pfn)
{
	const struct gms_page *p;

	if (pfn >= w->physmem.pages->len)
		return NULL;
	p = &g_array_index(w->physmem.pages, struct gms_page, pfn);
	if (!p->huge_order || !w->hugetlb.pages)
		return NULL;
	return g_hash_table_lookup(
		w->hugetlb.pages,
		GSIZE_TO_POINTER(base_of(pfn, p->huge_order)));
}

bool gms_hugetlb_page_is_free(const struct gms_world *w, u64 base)
{
	for (guint i = 0; i < w->hugetlb.free->len; i++)
		if (g_array_index(w->hugetlb.free, u64, i) == base)
			return true;
	return false;
}

/* the huge page goes back to the pool and its subpool's reservation */
static void free_huge_folio(struct gms_world *w, u64 base,
			    struct gms_hugetlb_page *hp)
{
	struct gms_hugetlb_spool *spool = hp->spool;
	u8 order = hp->order;

	g_array_append_val(w->hugetlb.free, base);
	g_array_append_val(w->hugetlb.free_order, order);
	spool->used_hpages--;
	/* min_hpages: the inode's reservation is held again */
	if (!spool->dead)
		w->physmem.reserved += 1ULL << order;
	g_hash_table_remove(w->hugetlb.pages, GSIZE_TO_POINTER(base));
}

/*
 * mirrors: free_huge_folio() for a whole huge page, and the restructuring
 * series' count of split pieces freed one by one: the huge page is formed
 * again and returned only when all 1 << order of them are back
 * (maybe_merge_unreferenced_folio()). physmem calls it when a page of a
 * huge page loses its last reference.
 */
static void hugetlb_free_page(void *data, u64 pfn)
{
	struct gms_world *w = data;
	struct gms_page *p = gms_physmem_page(&w->physmem, pfn);
	u64 base = base_of(pfn, p->huge_order);
	struct gms_hugetlb_page *hp =
		g_hash_table_lookup(w->hugetlb.pages, GSIZE_TO_POINTER(base));

	p->use = GMS_PAGE_FREE;
	w->physmem.nr_allocated--;
	w->physmem.node_allocated[gms_physmem_pfn_to_nid(&w->physmem, pfn)]--;
	/* mutant merge-early: its huge page went back with the first piece */
	if (!hp)
		return;
	hp->nr_freed++;
	/* mutant merge-early: the pieces go back before all of them are free */
	if (hp->nr_freed == 1ULL << hp->order ||
	    gms_mutant(w, GMS_MUTANT_MERGE_EARLY))
		free_huge_folio(w, base, hp);
}

void gms_hugetlb_pool_init(struct gms_world *w)
{
	w->hugetlb.pages = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	w->hugetlb.free = g_array_new(FALSE, FALSE, sizeof(u64));
	w->hugetlb.free_order = g_array_new(FALSE, FALSE, sizeof(u8));
	w->hugetlb.spools = g_ptr_array_new_with_free_func(g_free);
	w->physmem.free_huge_page = hugetlb_free_page;
	w->physmem.free_huge_data = w;
}

void gms_hugetlb_pool_destroy(struct gms_world *w)
{
	g_hash_table_unref(w->hugetlb.pages);
	g_array_unref(w->hugetlb.free);
	g_array_unref(w->hugetlb.free_order);
	g_ptr_array_unref(w->hugetlb.spools);
	w->physmem.free_huge_page = NULL;
}

bool gms_hugetlb_order_to_hstate(unsigned int order)
{
	/* x86's hstates: PMD and PUD sizes */
	return order == GMS_HPAGE_ORDER_2M || order == GMS_HPAGE_ORDER_1G;
}

struct gms_hugetlb_spool *
gms_hugepage_new_subpool(struct gms_world *w, unsigned int order, u64 hpages)
{
	struct gms_physmem *pm = &w->physmem;
	struct gms_hugetlb_spool *spool;
	u64 nr = hpages << order;

	/* hugetlb_acct_memory(): the reservation must fit in what is left */
	if (hpages > pm->max_pages >> order ||
	    pm->nr_allocated + pm->reserved + nr > pm->max_pages)
		return NULL;
	pm->reserved += nr;
	spool = g_new0(struct gms_hugetlb_spool, 1);
	spool->order = order;
	spool->max_hpages = hpages;
	g_ptr_array_add(w->hugetlb.spools, spool);
	return spool;
}

void gms_hugepage_put_subpool(struct gms_world *w,
			      struct gms_hugetlb_spool *spool)
{
	u64 unused = spool->max_hpages - spool->used_hpages;

	spool->dead = true;
	w->physmem.reserved -= unused << spool->order;
}

/* a free huge page of @order from the pool, or a fresh one */
static u64 dequeue_hugetlb_folio(struct gms_world *w, unsigned int order)
{
	struct gms_physmem *pm = &w->physmem;
	u64 base, nr = 1ULL << order;

	for (guint i = w->hugetlb.free->len; i-- > 0;) {
		if (g_array_index(w->hugetlb.free_order, u8, i) != order)
			continue;
		base = g_array_index(w->hugetlb.free, u64, i);
		g_array_remove_index(w->hugetlb.free, i);
		g_array_remove_index(w->hugetlb.free_order, i);
		for (u64 pfn = base; pfn < base + nr; pfn++) {
			struct gms_page *p = gms_physmem_page(pm, pfn);

			/* the content is left as it was */
			p->use = GMS_PAGE_GMEM;
			p->refcount = 1;
			p->mapcount = 0;
			p->pincount = 0;
			p->direct_map = true;
			pm->node_allocated[gms_physmem_pfn_to_nid(pm, pfn)]++;
		}
		pm->nr_allocated += nr;
		return base;
	}
	gms_physmem_alloc_range(pm, GMS_PAGE_GMEM, order, &base);
	return base;
}

int gms_hugetlb_alloc_folio(struct gms_world *w,
			    struct gms_hugetlb_spool *spool, u64 *pfn)
{
	struct gms_hugetlb_page *hp;

	if (spool->used_hpages >= spool->max_hpages)
		return -ENOMEM;
	spool->used_hpages++;
	w->physmem.reserved -= 1ULL << spool->order;
	*pfn = dequeue_hugetlb_folio(w, spool->order);
	hp = g_new0(struct gms_hugetlb_page, 1);
	hp->spool = spool;
	hp->order = spool->order;
	g_hash_table_insert(w->hugetlb.pages, GSIZE_TO_POINTER(*pfn), hp);
	return 0;
}
