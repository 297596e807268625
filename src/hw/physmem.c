// SPDX-License-Identifier: GPL-2.0
/* Host page frames and the page allocator (mm/page_alloc.c, much reduced). */
#include <gmemsim/hw_table.h>
#include <gmemsim/physmem.h>

void gms_physmem_init(struct gms_physmem *pm)
{
	pm->pages = g_array_new(FALSE, TRUE, sizeof(struct gms_page));
	pm->free_list = g_array_new(FALSE, FALSE, sizeof(u64));
	pm->nr_allocated = 0;
	pm->max_pages = GMS_PHYSMEM_DEFAULT_PAGES;
	pm->touched = NULL; /* from the first page handed out */
	pm->untracked = false;
	gms_physmem_set_nodes(pm, 1);
}

/* @nr_nodes: 1, 2 or 4, as the numa_nodes= knob allows */
void gms_physmem_set_nodes(struct gms_physmem *pm, unsigned int nr_nodes)
{
	u64 chunk;

	pm->nr_nodes = nr_nodes;
	/* each node's first chunk at or after the last pfn handed out */
	chunk = (pm->pages->len + (1ULL << GMS_NODE_CHUNK_SHIFT) - 1) >>
		GMS_NODE_CHUNK_SHIFT;
	for (unsigned int n = 0; n < GMS_MAX_NUMNODES; n++) {
		u64 c = chunk + (n + nr_nodes - chunk % nr_nodes) % nr_nodes;

		pm->node_next[n] = nr_nodes == 1 ? pm->pages->len :
						   c << GMS_NODE_CHUNK_SHIFT;
		pm->node_allocated[n] = 0;
	}
	for (guint pfn = 0; pfn < pm->pages->len; pfn++)
		if (g_array_index(pm->pages, struct gms_page, pfn).use !=
		    GMS_PAGE_FREE)
			pm->node_allocated[gms_physmem_pfn_to_nid(pm, pfn)]++;
}

int gms_physmem_pfn_to_nid(const struct gms_physmem *pm, u64 pfn)
{
	return (int)((pfn >> GMS_NODE_CHUNK_SHIFT) % pm->nr_nodes);
}

/* a never-used pfn of @nid: the node's next one, skipping other nodes' chunks */
static u64 node_fresh_pfn(struct gms_physmem *pm, int nid)
{
	u64 pfn = pm->node_next[nid];

	while (gms_physmem_pfn_to_nid(pm, pfn) != nid)
		pfn = ((pfn >> GMS_NODE_CHUNK_SHIFT) + 1)
		      << GMS_NODE_CHUNK_SHIFT;
	pm->node_next[nid] = pfn + 1;
	if (pfn >= pm->pages->len)
		g_array_set_size(pm->pages, pfn + 1);
	return pfn;
}

/* rmqueue() from @nid's free list (the most recently freed first), or a fresh pfn */
static int node_take(struct gms_physmem *pm, int nid, u64 *pfnp)
{
	if (pm->node_allocated[nid] >= pm->max_pages / pm->nr_nodes)
		return -ENOMEM;
	for (guint i = pm->free_list->len; i-- > 0;) {
		u64 pfn = g_array_index(pm->free_list, u64, i);

		if (gms_physmem_pfn_to_nid(pm, pfn) != nid)
			continue;
		g_array_remove_index(pm->free_list, i);
		*pfnp = pfn;
		return 0;
	}
	*pfnp = node_fresh_pfn(pm, nid);
	return 0;
}

void gms_physmem_destroy(struct gms_physmem *pm)
{
	g_array_unref(pm->pages);
	g_array_unref(pm->free_list);
	gms_hw_table_free(&pm->touched);
	pm->pages = NULL;
	pm->free_list = NULL;
}

struct gms_page *gms_physmem_page(struct gms_physmem *pm, u64 pfn)
{
	if (pfn >= pm->pages->len)
		return NULL;
	if (!pm->untracked)
		g_hash_table_add(gms_hw_table(&pm->touched, NULL),
				 GSIZE_TO_POINTER(pfn));
	return &g_array_index(pm->pages, struct gms_page, pfn);
}

int gms_physmem_alloc(struct gms_physmem *pm, enum gms_page_use use, u64 *pfnp)
{
	return gms_physmem_alloc_node(pm, use, GMS_NUMA_NO_NODE, 0, pfnp);
}

int gms_physmem_alloc_node(struct gms_physmem *pm, enum gms_page_use use,
			   int nid, u32 nodemask, u64 *pfnp)
{
	u32 online = (1U << pm->nr_nodes) - 1;
	u32 allowed = nodemask ? nodemask & online : online;
	int first = nid >= 0 && (unsigned int)nid < pm->nr_nodes ? nid : 0;
	struct gms_page *p;
	u64 pfn = 0;
	unsigned int i;

	if (pm->nr_allocated + pm->reserved >= pm->max_pages)
		return -ENOMEM;
	/* the zonelist: the preferred node, then the others (equidistant) */
	for (i = 0; i < pm->nr_nodes; i++) {
		int n = (int)((first + i) % pm->nr_nodes);

		if ((allowed & (1U << n)) && !node_take(pm, n, &pfn))
			break;
	}
	if (i == pm->nr_nodes)
		return -ENOMEM;
	pm->node_allocated[gms_physmem_pfn_to_nid(pm, pfn)]++;
	p = gms_physmem_page(pm, pfn);
	/* The content (tag, writer, private_data) is left as it was. */
	p->use = use;
	p->refcount = 1;
	p->mapcount = 0;
	p->pincount = 0;
	p->direct_map = true;
	pm->nr_allocated++;
	*pfnp = pfn;
	return 0;
}

void gms_physmem_alloc_range(struct gms_physmem *pm, enum gms_page_use use,
			     unsigned int order, u64 *pfnp)
{
	u64 nr = 1ULL << order;
	u64 base = (pm->pages->len + nr - 1) & ~(nr - 1);

	/* the pfns skipped to align it are fresh free pages */
	for (u64 pfn = pm->pages->len; pfn < base; pfn++)
		g_array_append_val(pm->free_list, pfn);
	g_array_set_size(pm->pages, base + nr);
	for (unsigned int n = 0; n < GMS_MAX_NUMNODES; n++)
		pm->node_next[n] = MAX(pm->node_next[n], base + nr);
	for (u64 pfn = base; pfn < base + nr; pfn++) {
		struct gms_page *p = gms_physmem_page(pm, pfn);

		p->use = use;
		p->refcount = 1;
		p->direct_map = true;
		p->huge_order = order;
		pm->node_allocated[gms_physmem_pfn_to_nid(pm, pfn)]++;
	}
	pm->nr_allocated += nr;
	*pfnp = base;
}

void gms_physmem_get(struct gms_physmem *pm, u64 pfn)
{
	gms_physmem_page(pm, pfn)->refcount++;
}

void gms_physmem_put(struct gms_physmem *pm, u64 pfn)
{
	struct gms_page *p = gms_physmem_page(pm, pfn);

	if (!p || p->use == GMS_PAGE_FREE || !p->refcount)
		return;
	if (--p->refcount)
		return;
	if (p->huge_order && pm->free_huge_page) {
		pm->free_huge_page(pm->free_huge_data, pfn);
		return;
	}
	p->use = GMS_PAGE_FREE;
	g_array_append_val(pm->free_list, pfn);
	pm->nr_allocated--;
	pm->node_allocated[gms_physmem_pfn_to_nid(pm, pfn)]--;
}

void gms_physmem_clear(struct gms_physmem *pm, u64 pfn)
{
	gms_physmem_write(pm, pfn, 0, GMS_PRINCIPAL_HOST, false);
}

void gms_physmem_write(struct gms_physmem *pm, u64 pfn, u64 tag, u32 writer,
		       bool private_data)
{
	gms_physmem_write_key(pm, pfn, tag, writer, private_data, 0);
}

void gms_physmem_write_key(struct gms_physmem *pm, u64 pfn, u64 tag, u32 writer,
			   bool private_data, u32 key)
{
	struct gms_page *p = gms_physmem_page(pm, pfn);

	p->tag = tag;
	p->writer = writer;
	p->private_data = private_data && tag;
	p->measured = false;
	p->key = key;
}

u64 gms_physmem_read(struct gms_physmem *pm, u64 pfn, u32 key)
{
	const struct gms_page *p = gms_physmem_page(pm, pfn);

	return p->key == key ? p->tag : GMS_TAG_SCRAMBLED;
}
