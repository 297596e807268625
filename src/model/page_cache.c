// SPDX-License-Identifier: GPL-2.0
/* The page cache of a guest_memfd inode: xarray nodes of 64 folios. */
#include <gmemsim/page_cache.h>
#include <gmemsim/range_map.h>

void gms_page_cache_init(struct gms_page_cache *pc)
{
	pc->nodes = NULL;
	pc->hint = NULL;
	pc->nr_folios = 0;
}

void gms_page_cache_destroy(struct gms_page_cache *pc)
{
	if (pc->nodes)
		g_tree_destroy(pc->nodes);
	gms_page_cache_init(pc);
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
		return NULL;
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

void gms_page_cache_delete(struct gms_page_cache *pc, struct gms_folio *folio)
{
	struct gms_pc_node *node = node_of(pc, folio->index);

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

struct gms_folio *gms_page_cache_find(const struct gms_page_cache *pc,
				      u64 start, u64 end)
{
	struct gms_pc_node *node;
	struct gms_folio *folio;
	GTreeNode *n;
	u64 base;

	if (start >= end || !pc->nr_folios)
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
