// SPDX-License-Identifier: GPL-2.0
/* The page cache of a guest_memfd inode: xarray nodes of 64 folios. */
#include <gmemsim/page_cache.h>
#include <gmemsim/range_map.h>

void gms_page_cache_init(struct gms_page_cache *pc)
{
	pc->nodes = NULL;
	pc->hint = NULL;
	pc->nr_folios = 0;
	pc->huge = NULL;
	pc->nr_huge = 0;
}

void gms_page_cache_destroy(struct gms_page_cache *pc)
{
	if (pc->nodes)
		g_tree_destroy(pc->nodes);
	if (pc->huge)
		g_tree_destroy(pc->huge);
	gms_page_cache_init(pc);
}

/* g_tree_search(): 0 when the huge folio keyed @key covers *@data */
static gint huge_covers(gconstpointer key, gconstpointer data)
{
	const struct gms_folio *folio = key; /* index is its first member */
	u64 index = *(const u64 *)data;

	if (index < folio->index)
		return -1;
	return index < gms_folio_next_index(folio) ? 0 : 1;
}

/* the huge folio whose range holds @index, or NULL */
static struct gms_folio *huge_lookup(const struct gms_page_cache *pc, u64 index)
{
	if (!pc->nr_huge)
		return NULL;
	return g_tree_search(pc->huge, huge_covers, &index);
}

/* the first huge folio that ends after @start and begins before @end */
static struct gms_folio *huge_find(const struct gms_page_cache *pc, u64 start,
				   u64 end)
{
	struct gms_folio *folio = huge_lookup(pc, start);
	GTreeNode *n;

	if (folio || !pc->nr_huge)
		return folio;
	n = g_tree_lower_bound(pc->huge, &start);
	if (!n)
		return NULL;
	folio = g_tree_node_value(n);
	return folio->index < end ? folio : NULL;
}

static u64 chunk_base(u64 index)
{
	return index & ~(u64)(GMS_PC_CHUNK_SIZE - 1);
}

static unsigned int slot_of(u64 index)
{
	return index & (GMS_PC_CHUNK_SIZE - 1);
}

static void set_hint(const struct gms_page_cache *pc, struct gms_pc_node *node)
{
	((struct gms_page_cache *)pc)->hint = node;
}

/* the node holding @index's slot, NULL if no folio of its chunk is cached */
static struct gms_pc_node *node_of(const struct gms_page_cache *pc, u64 index)
{
	u64 base = chunk_base(index);
	struct gms_pc_node *node;

	if (pc->hint && pc->hint->base == base)
		return pc->hint;
	if (!pc->nodes)
		return NULL;
	node = g_tree_lookup(pc->nodes, &base);
	if (node)
		set_hint(pc, node);
	return node;
}

struct gms_folio *gms_page_cache_lookup(const struct gms_page_cache *pc,
					u64 index)
{
	struct gms_pc_node *node = node_of(pc, index);
	unsigned int slot = slot_of(index);

	if (!node || !(node->present & (1ull << slot)))
		return huge_lookup(pc, index);
	return &node->folios[slot];
}

struct gms_folio *gms_page_cache_add(struct gms_page_cache *pc, u64 index)
{
	struct gms_pc_node *node = node_of(pc, index);
	unsigned int slot = slot_of(index);
	struct gms_folio *folio;

	if (!node) {
		if (!pc->nodes)
			pc->nodes = g_tree_new_full(gms_u64_cmp, NULL, NULL,
						    g_free);
		node = g_new(struct gms_pc_node, 1);
		node->base = chunk_base(index);
		node->present = 0;
		g_tree_insert(pc->nodes, &node->base, node);
		pc->hint = node;
	}
	g_assert(!(node->present & (1ull << slot)));
	node->present |= 1ull << slot;
	pc->nr_folios++;
	folio = &node->folios[slot];
	*folio = (struct gms_folio){ .index = index };
	return folio;
}

struct gms_folio *gms_page_cache_add_order(struct gms_page_cache *pc, u64 index,
					   unsigned int order)
{
	struct gms_folio *folio;

	if (!order)
		return gms_page_cache_add(pc, index);
	g_assert(!(index & ((1ULL << order) - 1)));
	g_assert(!gms_page_cache_find(pc, index, index + (1ULL << order)));
	if (!pc->huge)
		pc->huge = g_tree_new_full(gms_u64_cmp, NULL, NULL, g_free);
	folio = g_new(struct gms_folio, 1);
	*folio = (struct gms_folio){ .index = index, .order = order };
	g_tree_insert(pc->huge, &folio->index, folio);
	pc->nr_huge++;
	pc->nr_folios++;
	return folio;
}

struct gms_folio *gms_page_cache_split(struct gms_page_cache *pc,
				       struct gms_folio *folio)
{
	struct gms_folio whole = *folio;
	struct gms_folio *piece;

	g_assert(whole.order);
	gms_page_cache_delete(pc, folio);
	for (u64 i = 0; i < gms_folio_nr_pages(&whole); i++) {
		piece = gms_page_cache_add(pc, whole.index + i);
		piece->pfn = whole.pfn + i;
		piece->uptodate = whole.uptodate;
		piece->hwpoison = whole.hwpoison;
		piece->huge_order = whole.order;
	}
	return gms_page_cache_lookup(pc, whole.index);
}

/* is the folio at @index an order-0 piece of an @order huge page, at @pfn? */
static bool piece_of(const struct gms_page_cache *pc, u64 index,
		     unsigned int order, u64 pfn, struct gms_folio *out)
{
	struct gms_folio *piece = gms_page_cache_lookup(pc, index);

	if (!piece || piece->order || piece->huge_order != order ||
	    piece->pfn != pfn)
		return false;
	*out = *piece;
	return true;
}

struct gms_folio *gms_page_cache_merge(struct gms_page_cache *pc, u64 index,
				       unsigned int order)
{
	struct gms_folio first, piece, *folio;
	u64 nr = 1ULL << order;
	bool uptodate = true, hwpoison = false;

	folio = gms_page_cache_lookup(pc, index);
	if (!order || !folio || folio->order || folio->huge_order != order)
		return NULL;
	first = *folio;
	for (u64 i = 0; i < nr; i++) {
		if (!piece_of(pc, index + i, order, first.pfn + i, &piece))
			return NULL;
		uptodate &= piece.uptodate;
		hwpoison |= piece.hwpoison;
	}
	for (u64 i = 0; i < nr; i++)
		gms_page_cache_delete(pc, gms_page_cache_lookup(pc, index + i));
	folio = gms_page_cache_add_order(pc, index, order);
	folio->pfn = first.pfn;
	folio->uptodate = uptodate;
	folio->hwpoison = hwpoison;
	return folio;
}

void gms_page_cache_delete(struct gms_page_cache *pc, struct gms_folio *folio)
{
	struct gms_pc_node *node;

	if (folio->order) {
		g_assert(g_tree_lookup(pc->huge, &folio->index) == folio);
		pc->nr_huge--;
		pc->nr_folios--;
		g_tree_remove(pc->huge, &folio->index);
		return;
	}
	node = node_of(pc, folio->index);

	g_assert(node && &node->folios[slot_of(folio->index)] == folio);
	node->present &= ~(1ull << slot_of(folio->index));
	pc->nr_folios--;
	if (node->present)
		return;
	/* an empty node goes, as xas_delete_node() frees it */
	if (pc->hint == node)
		pc->hint = NULL;
	g_tree_remove(pc->nodes, &node->base);
}

/* the first present slot of @node at or after @index and before @end */
static struct gms_folio *node_find(struct gms_pc_node *node, u64 index, u64 end)
{
	u64 bits = node->present;
	struct gms_folio *folio;

	if (index > node->base)
		bits &= ~0ull << slot_of(index);
	if (!bits)
		return NULL;
	folio = &node->folios[__builtin_ctzll(bits)];
	return folio->index < end ? folio : NULL;
}

static struct gms_folio *chunk_find(const struct gms_page_cache *pc, u64 start,
				    u64 end);

static struct gms_folio *first_of(struct gms_folio *a, struct gms_folio *b)
{
	if (!a || !b)
		return a ? a : b;
	return a->index < b->index ? a : b;
}

struct gms_folio *gms_page_cache_find(const struct gms_page_cache *pc,
				      u64 start, u64 end)
{
	if (start >= end || !pc->nr_folios)
		return NULL;
	if (pc->nr_huge)
		return first_of(chunk_find(pc, start, end),
				huge_find(pc, start, end));
	return chunk_find(pc, start, end);
}

/* the order-0 folio of [start, end) with the lowest index, or NULL */
static struct gms_folio *chunk_find(const struct gms_page_cache *pc, u64 start,
				    u64 end)
{
	struct gms_pc_node *node;
	struct gms_folio *folio;
	GTreeNode *n;
	u64 base;

	if (!pc->nodes)
		return NULL;
	node = node_of(pc, start);
	base = chunk_base(start);
	if (node) {
		folio = node_find(node, start, end);
		base += GMS_PC_CHUNK_SIZE;
		if (folio || !base || base >= end)
			return folio;
	}
	/* nodes are never empty: the first one at or after @base decides */
	n = g_tree_lower_bound(pc->nodes, &base);
	if (!n)
		return NULL;
	node = g_tree_node_value(n);
	set_hint(pc, node);
	return node_find(node, start, end);
}
