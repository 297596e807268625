// SPDX-License-Identifier: GPL-2.0
/* Walkers over the mappings the predicates judge. */
#include "check_internal.h"

void gms_for_each_spte(struct gms_world *w, gms_spte_fn fn, GPtrArray *out)
{
	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;
		GTreeNode *n;

		for (n = g_tree_node_first(kvm->sptes); n;
		     n = g_tree_node_next(n))
			fn(w, kvm, g_tree_node_value(n), out);
	}
}

void gms_for_each_pte(struct gms_world *w, gms_pte_fn fn, GPtrArray *out)
{
	GTreeNode *v, *n;

	for (v = g_tree_node_first(w->mm.vmas); v; v = g_tree_node_next(v)) {
		struct gms_vma *vma = g_tree_node_value(v);

		for (n = g_tree_node_first(vma->ptes); n;
		     n = g_tree_node_next(n))
			fn(w, vma, g_tree_node_value(n), out);
	}
}
