// SPDX-License-Identifier: GPL-2.0
/* Multi-index xarray entries as a tree of non-overlapping ranges. */
#include <gmemsim/range_map.h>

gint gms_u64_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	(void)unused;
	return x < y ? -1 : x > y;
}

/* xa_init(): an empty xarray allocates nothing; the tree comes with a range */
void gms_range_map_init(struct gms_range_map *m)
{
	m->tree = NULL;
}

void gms_range_map_destroy(struct gms_range_map *m)
{
	if (m->tree)
		g_tree_destroy(m->tree);
	m->tree = NULL;
}

static struct gms_range *node_range(GTreeNode *n)
{
	return n ? g_tree_node_value(n) : NULL;
}

/* The first range whose end lies after @index. */
static GTreeNode *first_ending_after(const struct gms_range_map *m, u64 index)
{
	GTreeNode *n, *prev;

	if (!m->tree)
		return NULL;
	n = g_tree_upper_bound(m->tree, &index);
	prev = n ? g_tree_node_previous(n) : g_tree_node_last(m->tree);
	if (prev && node_range(prev)->end > index)
		return prev;
	return n;
}

const struct gms_range *gms_range_map_find(const struct gms_range_map *m,
					   u64 start, u64 end)
{
	struct gms_range *r;

	if (start >= end)
		return NULL;
	r = node_range(first_ending_after(m, start));
	return r && r->start < end ? r : NULL;
}

uintptr_t gms_range_map_load(const struct gms_range_map *m, u64 index)
{
	const struct gms_range *r = gms_range_map_find(m, index, index + 1);

	return r ? r->val : 0;
}

const struct gms_range *gms_range_map_next(const struct gms_range_map *m,
					   const struct gms_range *r)
{
	GTreeNode *n;

	if (!m->tree)
		return NULL;
	if (!r)
		return node_range(g_tree_node_first(m->tree));
	n = g_tree_lookup_node(m->tree, &r->start);
	return n ? node_range(g_tree_node_next(n)) : NULL;
}

static void insert(struct gms_range_map *m, u64 start, u64 end, uintptr_t val)
{
	struct gms_range *r = g_new(struct gms_range, 1);

	if (!m->tree)
		m->tree = g_tree_new_full(gms_u64_cmp, NULL, NULL, g_free);
	r->start = start;
	r->end = end;
	r->val = val;
	g_tree_insert(m->tree, &r->start, r);
}

/* Join @r with its neighbours when they hold the same value. */
static void merge(struct gms_range_map *m, u64 start)
{
	GTreeNode *n = g_tree_lookup_node(m->tree, &start);
	struct gms_range *r = node_range(n), *prev, *next;
	u64 s, e;

	prev = node_range(g_tree_node_previous(n));
	next = node_range(g_tree_node_next(n));
	s = r->start;
	e = r->end;
	if (prev && prev->end == s && prev->val == r->val) {
		s = prev->start;
		g_tree_remove(m->tree, &prev->start);
	}
	if (next && next->start == e && next->val == r->val) {
		e = next->end;
		g_tree_remove(m->tree, &next->start);
	}
	if (s == r->start && e == r->end)
		return;
	r->end = e;
	if (s != r->start) {
		uintptr_t val = r->val;

		g_tree_remove(m->tree, &r->start);
		insert(m, s, e, val);
	}
}

void gms_range_map_store(struct gms_range_map *m, u64 start, u64 end,
			 uintptr_t val)
{
	struct gms_range *r;

	if (start >= end)
		return;
	while ((r = node_range(first_ending_after(m, start))) &&
	       r->start < end) {
		struct gms_range old = *r;

		g_tree_remove(m->tree, &r->start);
		if (old.start < start)
			insert(m, old.start, start, old.val);
		if (old.end > end)
			insert(m, end, old.end, old.val);
	}
	if (!val)
		return;
	insert(m, start, end, val);
	merge(m, start);
}

bool gms_range_map_all(const struct gms_range_map *m, u64 start, u64 end,
		       uintptr_t val)
{
	const struct gms_range *r = gms_range_map_find(m, start, end);
	u64 pos = start;

	if (!val)
		return r == NULL;
	for (; r && r->start < end; r = gms_range_map_next(m, r)) {
		if (r->start > pos || r->val != val)
			return false;
		pos = r->end;
		if (pos >= end)
			return true;
	}
	return pos >= end;
}

bool gms_range_map_empty(const struct gms_range_map *m)
{
	return !m->tree || g_tree_nnodes(m->tree) == 0;
}

guint gms_range_map_count(const struct gms_range_map *m)
{
	return m->tree ? g_tree_nnodes(m->tree) : 0;
}
