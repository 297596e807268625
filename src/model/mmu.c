// SPDX-License-Identifier: GPL-2.0
/*
 * The SPTEs of a VM (arch/x86/kvm/mmu/: kvm_mmu_unmap_gfn_range() and the
 * hooks of TDX's mirror root, reduced to one tree of leaves per VM).
 * Simplification: one table for all roots, each SPTE tagged private or
 * shared; the root of a zap is chosen by that tag. A leaf has a level (4K,
 * 2M, 1G) and is keyed by its first gfn; intermediate tables are implicit.
 */
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

struct zap_ctx {
	u64 start, end;
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
	/* a huge leaf that starts before the range but reaches into it */
	if (spte->gfn + GMS_LEVEL_PAGES(spte->level) <= c->start)
		return FALSE;
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
	struct zap_ctx c = { .start = start, .end = end, .filter = filter };
	/* the leaves that may cover @start begin at most 1G below it */
	u64 from = start & ~(GMS_LEVEL_PAGES(GMS_PG_1G) - 1);
	GTreeNode *n;
	bool flush;

	/* a memslot's invalidation comes here, even with nothing mapped */
	gms_dirty_kvm(kvm->w, kvm);
	if (!kvm->arch->has_mirrored_tdp && !(filter & GMS_FILTER_EXACT) &&
	    !gms_mutant(kvm->w, GMS_MUTANT_SHARED_NOT_ZAPPED))
		c.filter = GMS_FILTER_SHARED | GMS_FILTER_PRIVATE;
	c.victims = g_array_new(FALSE, FALSE, sizeof(u64));
	/*
	 * a huge leaf goes whole (tdp_mmu_zap_leafs() zaps the leaf it finds):
	 * exact zaps of private memory split it first
	 */
	n = g_tree_lower_bound(kvm->sptes, &from);
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

bool gms_kvm_range_has_spte(struct gms_kvm *kvm, u64 start, u64 end)
{
	GTreeNode *n = g_tree_lower_bound(kvm->sptes, &start);

	return n && ((struct gms_spte *)g_tree_node_value(n))->gfn < end;
}

/* the leaf that maps @gfn: a 4K one at it, or a 2M / 1G one at its base */
struct gms_spte *gms_kvm_lookup_spte(struct gms_kvm *kvm, u64 gfn)
{
	for (int level = GMS_PG_4K; level <= GMS_PG_1G; level++) {
		u64 base = gfn & ~(GMS_LEVEL_PAGES(level) - 1);
		struct gms_spte *s = g_tree_lookup(kvm->sptes, &base);

		if (s && gfn < s->gfn + GMS_LEVEL_PAGES(s->level))
			return s;
	}
	return NULL;
}

/*
 * mirrors: tdp_mmu_split_huge_page() (and, for the mirror root,
 * split_external_spte() -> tdx_sept_split_private_spte()): the leaf
 * covering @gfn becomes 512 leaves one level down mapping the same pages,
 * under write mmu_lock. The hardware goes first: on its failure the leaf
 * stays and the error is returned (KVM_BUG_ON in the kernel).
 */
int gms_kvm_split_leaf(struct gms_kvm *kvm, u64 gfn)
{
	struct gms_spte *spte = gms_kvm_lookup_spte(kvm, gfn), copy;
	u64 n;
	int r;

	if (!spte || spte->level == GMS_PG_4K)
		return 0;
	copy = *spte;
	if (copy.private && kvm->arch->split_private) {
		r = kvm->arch->split_private(kvm->w, kvm, &copy);
		if (r)
			return r;
	}
	gms_dirty_spte(kvm->w, kvm, spte, -1); /* the split leaf */
	g_tree_remove(kvm->sptes, &copy.gfn);
	copy.level--;
	n = GMS_LEVEL_PAGES(copy.level);
	for (u64 i = 0; i < 512; i++) {
		struct gms_spte child = copy;

		child.gfn = copy.gfn + i * n;
		child.pfn = copy.pfn + i * n;
		/* only private leaves split: they map guest_memfd, not an hva */
		child.index = copy.index + i * n;
		gms_kvm_install_spte(kvm, &child);
	}
	/* a 1G leaf splits to 2M ones; the one covering @gfn goes on to 4K */
	return gms_kvm_split_leaf(kvm, gfn);
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

/* a private huge leaf covering @gfn that also reaches outside [start, end) */
static bool crosses(struct gms_kvm *kvm, u64 gfn, u64 start, u64 end)
{
	struct gms_spte *s = gms_kvm_lookup_spte(kvm, gfn);

	return s && s->private && s->level > GMS_PG_4K &&
	       (s->gfn < start || s->gfn + GMS_LEVEL_PAGES(s->level) > end);
}

/*
 * mirrors: kvm_split_cross_boundary_leafs() (the TDX huge page series v3,
 * 11/24; Sean's objection to "cross boundary" aside, it splits the head
 * and tail leaves only): the private huge leaves containing start_gfn and
 * end_gfn - 1 that cross the range's edges are split down to 4K, so the
 * zap that follows is exact. Shared leaves are zapped whole, as ever.
 */
int gms_kvm_split_cross_boundary_leafs(struct gms_kvm *kvm, u64 start_gfn,
				       u64 end_gfn)
{
	int r = 0;

	if (end_gfn <= start_gfn)
		return 0;
	if (crosses(kvm, start_gfn, start_gfn, end_gfn))
		r = gms_kvm_split_leaf(kvm, start_gfn);
	if (!r && crosses(kvm, end_gfn - 1, start_gfn, end_gfn))
		r = gms_kvm_split_leaf(kvm, end_gfn - 1);
	return r;
}
