// SPDX-License-Identifier: GPL-2.0
/*
 * check=incremental: what the invariants judge after a step, from the
 * world's record of what changed (dirty.h). A unit (a VM's SPTEs and
 * memslots, a host mapping's ptes, a file on an inode, a file's bindings, an
 * fd) is judged again when anything it reads was touched; every other unit
 * reads what it read at the last check, which found no violation, so it
 * finds none now. The scope lists its units in the order of the full walk,
 * so both modes report the same violations in the same order.
 */
#include <stdlib.h>

#include <gmemsim/hw_table.h>

#include "check_internal.h"

static void add_set(GHashTable *into, GHashTable *set)
{
	GHashTableIter it;
	gpointer k;

	gms_hw_table_iter_init(&it, set);
	while (gms_hw_table_iter_next(&it, set, &k, NULL))
		g_hash_table_add(into, k);
}

static GHashTable *copy_set(GHashTable *set)
{
	GHashTable *s = g_hash_table_new(g_direct_hash, g_direct_equal);

	add_set(s, set);
	return s;
}

/* w->vms is newest first: ids count down */
static gint kvm_order(gconstpointer a, gconstpointer b)
{
	const struct gms_kvm *x = *(struct gms_kvm *const *)a;
	const struct gms_kvm *y = *(struct gms_kvm *const *)b;

	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* w->mm.vmas is ordered by start address */
static gint vma_order(gconstpointer a, gconstpointer b)
{
	const struct gms_vma *x = *(struct gms_vma *const *)a;
	const struct gms_vma *y = *(struct gms_vma *const *)b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* w->inodes is newest first too */
static gint inode_order(gconstpointer a, gconstpointer b)
{
	const struct gms_gmem_inode *x = *(struct gms_gmem_inode *const *)a;
	const struct gms_gmem_inode *y = *(struct gms_gmem_inode *const *)b;

	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0; /* inodes */
}

static gint fd_order(gconstpointer a, gconstpointer b)
{
	return *(const int *)a - *(const int *)b;
}

static bool kvm_live(gconstpointer kvm)
{
	return ((const struct gms_kvm *)kvm)->vm_list;
}

static bool vma_live(gconstpointer vma)
{
	return !((const struct gms_vma *)vma)->freed;
}

/* the live members of @set, in the full walk's @order */
static GPtrArray *live_sorted(GHashTable *set, bool (*live)(gconstpointer),
			      GCompareFunc order)
{
	GPtrArray *a = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, set);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (live(k))
			g_ptr_array_add(a, k);
	g_ptr_array_sort(a, order);
	return a;
}

/*
 * The touched files on live inodes, in the order of the full walk: inodes
 * newest first (w->inodes), each inode's files in its list's order.
 */
static GPtrArray *listed_files(GHashTable *files)
{
	GHashTable *inodes = g_hash_table_new(g_direct_hash, g_direct_equal);
	GPtrArray *order = g_ptr_array_new(), *a = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;

	gms_hw_table_iter_init(&it, files);
	while (gms_hw_table_iter_next(&it, files, &k, NULL)) {
		struct gms_gmem_inode *inode =
			((struct gms_gmem_file *)k)->inode;

		if (inode->link && g_hash_table_add(inodes, inode))
			g_ptr_array_add(order, inode);
	}
	g_ptr_array_sort(order, inode_order);
	for (guint i = 0; i < order->len; i++)
		for (GList *f =
			     ((struct gms_gmem_inode *)order->pdata[i])->files;
		     f; f = f->next)
			if (gms_hw_table_contains(files, f->data))
				g_ptr_array_add(a, f->data);
	g_ptr_array_unref(order);
	g_hash_table_unref(inodes);
	return a;
}

static GArray *touched_fds(GHashTable *fds)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
	GHashTableIter it;
	gpointer k;

	gms_hw_table_iter_init(&it, fds);
	while (gms_hw_table_iter_next(&it, fds, &k, NULL)) {
		int fd = GPOINTER_TO_INT(k) - 1;

		g_array_append_val(a, fd);
	}
	g_array_sort(a, fd_order);
	return a;
}

struct gms_scope *gms_scope_new(struct gms_world *w)
{
	struct gms_dirty *d = &w->dirty;
	struct gms_scope *sc = g_new0(struct gms_scope, 1);
	GHashTable *kvms = copy_set(d->kvms), *vmas = copy_set(d->vmas);
	GHashTableIter it;
	gpointer k;

	/* a changed page: every VM and host mapping that maps it */
	gms_hw_table_iter_init(&it, w->physmem.touched);
	while (gms_hw_table_iter_next(&it, w->physmem.touched, &k, NULL)) {
		add_set(kvms, gms_hw_table_lookup(d->pfn_kvms, k));
		add_set(vmas, gms_hw_table_lookup(d->pfn_vmas, k));
	}
	/* a changed inode: every VM with SPTEs from it */
	gms_hw_table_iter_init(&it, d->inodes);
	while (gms_hw_table_iter_next(&it, d->inodes, &k, NULL))
		add_set(kvms, gms_hw_table_lookup(d->inode_kvms, k));
	sc->kvms = live_sorted(kvms, kvm_live, kvm_order);
	sc->vmas = live_sorted(vmas, vma_live, vma_order);
	sc->files = listed_files(d->files);
	sc->fds = touched_fds(d->fds);
	sc->claim_files = d->files;
	g_hash_table_unref(kvms);
	g_hash_table_unref(vmas);
	return sc;
}

void gms_scope_free(struct gms_scope *sc)
{
	if (!sc)
		return;
	g_ptr_array_unref(sc->kvms);
	g_ptr_array_unref(sc->vmas);
	g_ptr_array_unref(sc->files);
	g_array_unref(sc->fds);
	g_free(sc);
}
