// SPDX-License-Identifier: GPL-2.0
/*
 * The world's record of what changed since the last check (dirty.h). Not
 * kernel code: the bookkeeping behind check=incremental, called from the
 * few leaf points where the model changes what an invariant reads.
 */
#include <gmemsim/dirty.h>
#include <gmemsim/gmem.h>
#include <gmemsim/hw_table.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mm.h>
#include <gmemsim/world.h>

/*
 * The tables exist from their first entry, as the hardware's do: the
 * explorer makes a world per path, and most record little.
 */
static GHashTable *set(GHashTable **t)
{
	return gms_hw_table(t, NULL);
}

static GHashTable *map(GHashTable **t)
{
	return gms_hw_table(t, (GDestroyNotify)g_hash_table_unref);
}

void gms_dirty_init(struct gms_dirty *d)
{
	*d = (struct gms_dirty){ .all = true };
}

void gms_dirty_destroy(struct gms_dirty *d)
{
	GHashTable **t[] = { &d->kvms,	    &d->files,	    &d->vmas,
			     &d->inodes,    &d->fds,	    &d->pfn_kvms,
			     &d->pfn_vmas,  &d->inode_kvms, &d->file_slots,
			     &d->kvm_files, &d->obj_fds };

	for (guint i = 0; i < G_N_ELEMENTS(t); i++)
		gms_hw_table_free(t[i]);
}

void gms_dirty_disable(struct gms_world *w)
{
	w->dirty.off = true;
	w->physmem.untracked = true;
}

void gms_dirty_clear(struct gms_world *w, bool quiet)
{
	struct gms_dirty *d = &w->dirty;

	GHashTable *t[] = { d->kvms,   d->files, d->vmas,
			    d->inodes, d->fds,	 w->physmem.touched };

	for (guint i = 0; i < G_N_ELEMENTS(t); i++)
		if (t[i])
			g_hash_table_remove_all(t[i]);
	d->all = false;
	d->quiet = quiet;
}

/* @key's set in @m, made on first use */
static GHashTable *set_of(GHashTable **m, gconstpointer key)
{
	GHashTable *s = g_hash_table_lookup(map(m), key);

	if (!s) {
		s = g_hash_table_new(g_direct_hash, g_direct_equal);
		g_hash_table_insert(*m, (gpointer)key, s);
	}
	return s;
}

/* count @dep in @key's multiset by @delta */
static void count(GHashTable **m, gconstpointer key, gpointer dep, int delta)
{
	GHashTable *s = set_of(m, key);
	int n = GPOINTER_TO_INT(g_hash_table_lookup(s, dep)) + delta;

	if (n > 0)
		g_hash_table_insert(s, dep, GINT_TO_POINTER(n));
	else
		g_hash_table_remove(s, dep);
	if (!g_hash_table_size(s))
		g_hash_table_remove(*m, key);
}

void gms_dirty_kvm(struct gms_world *w, struct gms_kvm *kvm)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.kvms), kvm);
}

void gms_dirty_inode(struct gms_world *w, struct gms_gmem_inode *inode)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.inodes), inode);
}

void gms_dirty_spte(struct gms_world *w, struct gms_kvm *kvm,
		    const struct gms_spte *spte, int delta)
{
	if (w->dirty.off)
		return;
	gms_dirty_kvm(w, kvm);
	count(&w->dirty.pfn_kvms, GSIZE_TO_POINTER(spte->pfn), kvm, delta);
	if (spte->source == GMS_SPTE_GMEM)
		count(&w->dirty.inode_kvms, spte->inode, kvm, delta);
}

void gms_dirty_pte(struct gms_world *w, struct gms_vma *vma, u64 pfn, int delta)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.vmas), vma);
	count(&w->dirty.pfn_vmas, GSIZE_TO_POINTER(pfn), vma, delta);
}

void gms_dirty_file(struct gms_world *w, struct gms_gmem_file *f)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.files), f);
}

void gms_memslot_set_gmem_file(struct gms_memslot *slot,
			       struct gms_gmem_file *f)
{
	struct gms_world *w = slot->kvm->w;
	struct gms_gmem_file *old = slot->gmem.file;

	slot->gmem.file = f;
	if (w->dirty.off)
		return;
	if (old) {
		count(&w->dirty.file_slots, old, slot, -1);
		g_hash_table_add(set(&w->dirty.files), old);
	}
	if (f) {
		count(&w->dirty.file_slots, f, slot, 1);
		g_hash_table_add(set(&w->dirty.files), f);
	}
	gms_dirty_kvm(w, slot->kvm);
}

void gms_dirty_slot_copy(struct gms_memslot *slot)
{
	struct gms_world *w = slot->kvm->w;

	if (w->dirty.off) /* the copy's marks */
		return;
	gms_dirty_kvm(w, slot->kvm);
	if (!slot->gmem.file)
		return;
	count(&w->dirty.file_slots, slot->gmem.file, slot, 1);
	g_hash_table_add(set(&w->dirty.files), slot->gmem.file);
}

void gms_dirty_file_kvm(struct gms_world *w, struct gms_gmem_file *f)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.files), f);
	if (f->kvm)
		g_hash_table_add(set_of(&w->dirty.kvm_files, f->kvm), f);
}

void gms_dirty_fd(struct gms_world *w, int fd, void *obj)
{
	if (w->dirty.off)
		return;
	g_hash_table_add(set(&w->dirty.fds), GINT_TO_POINTER(fd + 1));
	if (obj)
		g_hash_table_add(set_of(&w->dirty.obj_fds, obj),
				 GINT_TO_POINTER(fd + 1));
}

/*
 * Touch everything in @key's set of @map into @into; with @slot_kvms, the
 * set holds memslots and their VMs are touched.
 */
static void touch_all(GHashTable *m, gconstpointer key, GHashTable **into,
		      bool slot_kvms)
{
	GHashTable *s = gms_hw_table_lookup(m, key);
	GHashTableIter it;
	gpointer k;

	if (!s)
		return;
	g_hash_table_iter_init(&it, s);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_hash_table_add(set(into),
				 slot_kvms ? ((struct gms_memslot *)k)->kvm :
					     k);
}

void gms_dirty_bury(struct gms_world *w, int kind, void *obj)
{
	struct gms_dirty *d = &w->dirty;

	if (d->off)
		return;
	touch_all(d->obj_fds, obj, &d->fds, false);
	switch (kind) {
	case GMS_OBJ_KVM:
		gms_dirty_kvm(w, obj);
		touch_all(d->kvm_files, obj, &d->files, false);
		break;
	case GMS_OBJ_FILE:
		g_hash_table_add(set(&d->files), obj);
		/* the VMs of the memslots that point at it */
		touch_all(d->file_slots, obj, &d->kvms, true);
		break;
	case GMS_OBJ_SLOT:
		gms_dirty_kvm(w, ((struct gms_memslot *)obj)->kvm);
		if (((struct gms_memslot *)obj)->gmem.file)
			gms_dirty_file(w,
				       ((struct gms_memslot *)obj)->gmem.file);
		break;
	case GMS_OBJ_INODE:
		gms_dirty_inode(w, obj);
		break;
	case GMS_OBJ_VMA:
		g_hash_table_add(set(&d->vmas), obj);
		break;
	}
}
