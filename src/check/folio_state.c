// SPDX-License-Identifier: GPL-2.0
/*
 * folio-state (DESIGN.md section 4), hugetlb=allowed: a huge folio is
 * whole in the page cache or split into order-0 pieces that all belong to
 * it; no split or merge happens while a piece is referenced; the host
 * never maps a large folio; a huge page goes back to the pool only when
 * all of its pieces are free. The leaf-level half (a huge stage-2, NPT or
 * S-EPT leaf maps only a whole folio of at least its order whose indices
 * are all private; RMP, S-EPT and stage-2 levels agree) is the huge-hw
 * branch's: see check_leaves() below.
 */
#include <gmemsim/hugetlb.h>
#include <gmemsim/hw_table.h>

#include "check_internal.h"

static struct gms_violation *folio_violation(GPtrArray *out,
					     const struct gms_gmem_inode *inode,
					     const struct gms_folio *folio,
					     const char *what)
{
	struct gms_violation *v = gms_violation_add(
		out, "folio-state",
		"inode #%u: the folio at index %" G_GUINT64_FORMAT
		" (order %u, pfn %" G_GUINT64_FORMAT "): %s",
		inode->id, folio->index, folio->order, folio->pfn, what);

	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, folio->pfn);
	return v;
}

/* the pool's record of the huge page at @base: handed out, not free */
static const char *pool_state(const struct gms_world *w, u64 base,
			      unsigned int order)
{
	const struct gms_hugetlb_page *hp = gms_hugetlb_page_of(w, base);

	if (!hp || hp->order != order)
		return "its huge page is not one the hugetlb pool handed out";
	if (gms_hugetlb_page_is_free(w, base))
		return "its huge page is back in the hugetlb pool";
	return NULL;
}

/* a whole huge folio: aligned, of the inode's order, no host pte */
static void check_whole(struct gms_world *w, const struct gms_gmem_inode *inode,
			const struct gms_folio *folio, GPtrArray *out)
{
	u64 nr = gms_folio_nr_pages(folio);
	const char *bad = NULL;

	if (folio->order != inode->page_order)
		bad = "a large folio of another order than the file's";
	else if ((folio->index | folio->pfn) & (nr - 1))
		bad = "a huge folio not aligned in the file or in memory";
	else
		bad = pool_state(w, folio->pfn, folio->order);
	if (bad) {
		folio_violation(out, inode, folio, bad);
		return;
	}
	for (u64 i = 0; i < nr; i++) {
		if (!gms_physmem_page(&w->physmem, folio->pfn + i)->mapcount)
			continue;
		folio_violation(out, inode, folio,
				"the host maps a page of a large folio");
		return;
	}
}

/* an order-0 piece of a split huge page: it and its huge page agree */
static void check_piece(struct gms_world *w, const struct gms_gmem_inode *inode,
			const struct gms_folio *folio, GPtrArray *out)
{
	u64 nr = 1ULL << inode->page_order;
	u64 offset = folio->index & (nr - 1);
	const char *bad;

	if (folio->huge_order != inode->page_order) {
		folio_violation(
			out, inode, folio,
			"an order-0 folio that is no piece of a huge page");
		return;
	}
	/* the piece at offset i of its huge page is the huge page's pfn i */
	if ((folio->pfn - offset) & (nr - 1)) {
		folio_violation(out, inode, folio,
				"a piece at another offset of its huge page");
		return;
	}
	bad = pool_state(w, folio->pfn - offset, folio->huge_order);
	if (bad)
		folio_violation(out, inode, folio, bad);
}

static void check_inode(struct gms_world *w, const struct gms_gmem_inode *inode,
			GPtrArray *out)
{
	struct gms_folio *folio;

	if (inode->freed || !inode->page_order)
		return;
	if (inode->restructured_referenced) {
		struct gms_violation *v = gms_violation_add(
			out, "folio-state",
			"inode #%u: a huge page was split or merged while index %" G_GUINT64_FORMAT
			" was referenced",
			inode->id, inode->restructured_index);

		gms_violation_object(v, "inode #%u", inode->id);
	}
	gms_page_cache_for_each(&inode->pages, folio, 0, G_MAXUINT64) {
		if (folio->order)
			check_whole(w, inode, folio, out);
		else
			check_piece(w, inode, folio, out);
	}
}

/* the pool's free huge pages hold no page still in use */
static void check_pool(struct gms_world *w, GPtrArray *out)
{
	const struct gms_hugetlb_pool *pool = &w->hugetlb;

	for (guint i = 0; i < pool->free->len; i++) {
		u64 base = g_array_index(pool->free, u64, i);
		u64 nr = 1ULL << g_array_index(pool->free_order, u8, i);

		for (u64 pfn = base; pfn < base + nr; pfn++) {
			struct gms_violation *v;

			if (gms_physmem_page(&w->physmem, pfn)->use ==
			    GMS_PAGE_FREE)
				continue;
			v = gms_violation_add(
				out, "folio-state",
				"the huge page at pfn %" G_GUINT64_FORMAT
				" is back in the hugetlb pool while its pfn %" G_GUINT64_FORMAT
				" is still in use",
				base, pfn);
			gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, pfn);
			break;
		}
	}
}

/*
 * The leaf-level half (huge-hw): a private huge leaf (stage-2, NPT, the
 * TDX mirror) maps only the pages of one folio of at least its order, at
 * the pfns the folio holds, all of whose indices are private, in the file
 * and in the VM's attributes. Whether the S-EPT and the RMP agree with the
 * leaf's level is stale-mapping's T11 / S6 (src/check/mapping.c).
 */
static void check_leaf(struct gms_kvm *kvm, const struct gms_spte *spte,
		       GPtrArray *out)
{
	u64 n = GMS_LEVEL_PAGES(spte->level);
	const struct gms_folio *folio;
	const char *bad = NULL;
	struct gms_violation *v;

	folio = gms_page_cache_lookup(&spte->inode->pages, spte->index);
	if (!folio || gms_folio_nr_pages(folio) < n)
		bad = "maps no folio of at least its order";
	else if (gms_folio_file_pfn(folio, spte->index) != spte->pfn)
		bad = "maps other pages than the folio's";
	else if (!gms_gmem_range_is_private(spte->inode, spte->index,
					    spte->index + n))
		bad = "maps a range with a shared index";
	for (u64 g = spte->gfn; !bad && g < spte->gfn + n; g++)
		if (!gms_kvm_mem_is_private(kvm, g))
			bad = "maps a gfn whose attribute is shared";
	if (!bad)
		return;
	v = gms_violation_add(out, "folio-state",
			      "a %s private leaf at gfn %#" G_GINT64_MODIFIER
			      "x (pfn %" G_GUINT64_FORMAT ") %s",
			      spte->level == GMS_PG_1G ? "1G" : "2M", spte->gfn,
			      spte->pfn, bad);
	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, spte->pfn);
}

static void check_vm_leaves(struct gms_kvm *kvm, GPtrArray *out)
{
	GTreeNode *n;

	for (n = g_tree_node_first(kvm->sptes); n; n = g_tree_node_next(n)) {
		const struct gms_spte *spte = g_tree_node_value(n);

		if (spte->level > GMS_PG_4K && spte->private &&
		    spte->source == GMS_SPTE_GMEM)
			check_leaf(kvm, spte, out);
	}
}

/* only hugetlb=allowed makes huge folios, so only it makes huge leaves */
static void check_leaves(struct gms_world *w, const struct gms_scope *sc,
			 GPtrArray *out)
{
	if (w->policy.hugetlb != GMS_HUGETLB_ALLOWED)
		return;
	if (!sc) {
		for (GList *l = w->vms; l; l = l->next)
			check_vm_leaves(l->data, out);
		return;
	}
	for (guint i = 0; i < sc->kvms->len; i++)
		check_vm_leaves(g_ptr_array_index(sc->kvms, i), out);
}

static void add_inode(GHashTable *seen, GPtrArray *order,
		      struct gms_gmem_inode *inode)
{
	if (inode->link && g_hash_table_add(seen, inode))
		g_ptr_array_add(order, inode);
}

static gint newest_first(gconstpointer a, gconstpointer b)
{
	u32 x = (*(struct gms_gmem_inode *const *)a)->id;
	u32 y = (*(struct gms_gmem_inode *const *)b)->id;

	return x < y ? 1 : x > y ? -1 : 0;
}

void gms_check_folio_state_in(struct gms_world *w, const struct gms_scope *sc,
			      GPtrArray *out)
{
	GHashTable *seen = g_hash_table_new(NULL, NULL);
	GPtrArray *order = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;

	/* the touched files' inodes and the inodes the step changed */
	for (guint i = 0; i < sc->files->len; i++)
		add_inode(seen, order,
			  ((struct gms_gmem_file *)g_ptr_array_index(sc->files,
								     i))
				  ->inode);
	gms_hw_table_iter_init(&it, w->dirty.inodes);
	while (gms_hw_table_iter_next(&it, w->dirty.inodes, &k, NULL))
		add_inode(seen, order, k);
	/* in the full walk's order: w->inodes is newest first */
	g_ptr_array_sort(order, newest_first);
	for (guint i = 0; i < order->len; i++)
		check_inode(w, g_ptr_array_index(order, i), out);
	g_ptr_array_unref(order);
	g_hash_table_unref(seen);
	check_pool(w, out);
	check_leaves(w, sc, out);
}

void gms_check_folio_state(struct gms_world *w, GPtrArray *out)
{
	for (GList *l = w->inodes; l; l = l->next)
		check_inode(w, l->data, out);
	check_pool(w, out);
	check_leaves(w, NULL, out);
}
