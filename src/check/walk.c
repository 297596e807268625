// SPDX-License-Identifier: GPL-2.0
/* Walkers over the mappings the predicates judge: the world, or a scope. */
#include "check_internal.h"

void gms_for_each_kvm(struct gms_world *w, const struct gms_scope *sc,
		      gms_kvm_fn fn, GPtrArray *out)
{
	if (sc) {
		for (guint i = 0; i < sc->kvms->len; i++)
			fn(w, sc->kvms->pdata[i], out);
		return;
	}
	for (GList *l = w->vms; l; l = l->next)
		fn(w, l->data, out);
}

static void kvm_sptes(struct gms_world *w, struct gms_kvm *kvm, gms_spte_fn fn,
		      GPtrArray *out)
{
	for (GTreeNode *n = g_tree_node_first(kvm->sptes); n;
	     n = g_tree_node_next(n))
		fn(w, kvm, g_tree_node_value(n), out);
}

void gms_for_each_spte(struct gms_world *w, const struct gms_scope *sc,
		       gms_spte_fn fn, GPtrArray *out)
{
	if (sc) {
		for (guint i = 0; i < sc->kvms->len; i++)
			kvm_sptes(w, sc->kvms->pdata[i], fn, out);
		return;
	}
	for (GList *l = w->vms; l; l = l->next)
		kvm_sptes(w, l->data, fn, out);
}

static void vma_ptes(struct gms_world *w, struct gms_vma *vma, gms_pte_fn fn,
		     GPtrArray *out)
{
	for (GTreeNode *n = g_tree_node_first(vma->ptes); n;
	     n = g_tree_node_next(n))
		fn(w, vma, g_tree_node_value(n), out);
}

void gms_for_each_pte(struct gms_world *w, const struct gms_scope *sc,
		      gms_pte_fn fn, GPtrArray *out)
{
	GTreeNode *v;

	if (sc) {
		for (guint i = 0; i < sc->vmas->len; i++)
			vma_ptes(w, sc->vmas->pdata[i], fn, out);
		return;
	}
	for (v = g_tree_node_first(w->mm.vmas); v; v = g_tree_node_next(v))
		vma_ptes(w, g_tree_node_value(v), fn, out);
}
