// SPDX-License-Identifier: GPL-2.0
/*
 * The SPTEs of a VM (arch/x86/kvm/mmu/: kvm_mmu_unmap_gfn_range() and the
 * hooks of TDX's mirror root, reduced to one tree of leaves per VM).
 * Simplification: one table for all roots, each SPTE tagged private or
 * shared; the root of a zap is chosen by that tag.
 */
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

struct zap_ctx {
	u64 end;
	unsigned int filter;
	GArray *victims;
};

static gboolean collect_zap(gpointer key, gpointer value, gpointer data)
{
	struct gms_spte *spte = value;
	struct zap_ctx *c = data;
	unsigned int type = spte->private ? GMS_FILTER_PRIVATE :
					    GMS_FILTER_SHARED;

	if (spte->gfn >= c->end)
		return TRUE;
	if (c->filter & type)
		g_array_append_val(c->victims, spte->gfn);
	(void)key;
	return FALSE;
}

/* Drop one SPTE, and tell the hardware (remove_external_spte & co). */
static void zap_spte(struct gms_kvm *kvm, u64 gfn)
{
	struct gms_spte *spte = g_tree_lookup(kvm->sptes, &gfn);
	struct gms_spte copy;

	if (!spte)
		return;
	copy = *spte;
	gms_dirty_spte(kvm->w, kvm, spte, -1);
	g_tree_remove(kvm->sptes, &gfn);
	if (kvm->arch->unmap)
		kvm->arch->unmap(kvm->w, kvm, &copy);
}

/*
 * mirrors: kvm_mmu_unmap_gfn_range(). The filter only selects roots on VMs
 * with mirrored TDP (TDX); everywhere else every SPTE in the range goes, as
 * kvm_gfn_range_filter_to_root_types() returns KVM_ALL_ROOTS. That net
 * hides a wrong filter on every VM that may have INIT_SHARED memory in 6.18,
 * so mutant=shared-not-zapped drops it too: its bug is the filter as it
 * would bite a VM with both private roots and shared guest_memfd memory.
 */
bool gms_kvm_unmap_gfn_range(struct gms_kvm *kvm, u64 start, u64 end,
			     unsigned int filter)
{
	struct zap_ctx c = { .end = end, .filter = filter };
	GTreeNode *n;
	bool flush;

	/* a memslot's invalidation comes here, even with nothing mapped */
	gms_dirty_kvm(kvm->w, kvm);
	if (!kvm->arch->has_mirrored_tdp && !(filter & GMS_FILTER_EXACT) &&
	    !gms_mutant(kvm->w, GMS_MUTANT_SHARED_NOT_ZAPPED))
		c.filter = GMS_FILTER_SHARED | GMS_FILTER_PRIVATE;
	c.victims = g_array_new(FALSE, FALSE, sizeof(u64));
	n = g_tree_lower_bound(kvm->sptes, &start);
	for (; n; n = g_tree_node_next(n))
		if (collect_zap(g_tree_node_key(n), g_tree_node_value(n), &c))
			break;
	for (guint i = 0; i < c.victims->len; i++)
		zap_spte(kvm, g_array_index(c.victims, u64, i));
	flush = c.victims->len > 0;
	g_array_unref(c.victims);
	return flush;
}

void gms_kvm_install_spte(struct gms_kvm *kvm, const struct gms_spte *spte)
{
	struct gms_spte *s = g_new(struct gms_spte, 1);
	struct gms_spte *old = g_tree_lookup(kvm->sptes, &spte->gfn);

	if (old)
		gms_dirty_spte(kvm->w, kvm, old, -1);
	*s = *spte;
	gms_dirty_spte(kvm->w, kvm, s, 1);
	g_tree_replace(kvm->sptes, &s->gfn, s);
}

struct gms_spte *gms_kvm_lookup_spte(struct gms_kvm *kvm, u64 gfn)
{
	return g_tree_lookup(kvm->sptes, &gfn);
}

struct hva_zap {
	u64 start, end;
	GArray *victims;
};

static gboolean collect_hva(gpointer key, gpointer value, gpointer data)
{
	struct gms_spte *spte = value;
	struct hva_zap *z = data;

	(void)key;
	if (spte->source == GMS_SPTE_HVA && spte->hva >= z->start &&
	    spte->hva < z->end)
		g_array_append_val(z->victims, spte->gfn);
	return FALSE;
}

/*
 * mirrors: kvm_unmap_gfn_range() for the MMU notifier: the SPTEs that map
 * host virtual addresses in [start, end) (memslots without guest_memfd).
 */
void gms_kvm_unmap_hva_range(struct gms_kvm *kvm, u64 start, u64 end)
{
	struct hva_zap z = { .start = start, .end = end };

	z.victims = g_array_new(FALSE, FALSE, sizeof(u64));
	g_tree_foreach(kvm->sptes, collect_hva, &z);
	for (guint i = 0; i < z.victims->len; i++)
		zap_spte(kvm, g_array_index(z.victims, u64, i));
	g_array_unref(z.victims);
}

/*
 * A stub until the huge-hw branch: every leaf is 4 KiB here, so none
 * crosses an edge and there is nothing to split.
 */
int gms_kvm_split_cross_boundary_leafs(struct gms_kvm *kvm, u64 start_gfn,
				       u64 end_gfn)
{
	(void)kvm;
	(void)start_gfn;
	(void)end_gfn;
	return 0;
}
