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
	struct gms_page *p;
	u64 pfn;

	if (pm->nr_allocated >= pm->max_pages)
		return -ENOMEM;
	if (pm->free_list->len) {
		pfn = g_array_index(pm->free_list, u64, pm->free_list->len - 1);
		g_array_set_size(pm->free_list, pm->free_list->len - 1);
	} else {
		pfn = pm->pages->len;
		g_array_set_size(pm->pages, pfn + 1);
	}
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
	p->use = GMS_PAGE_FREE;
	g_array_append_val(pm->free_list, pfn);
	pm->nr_allocated--;
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
