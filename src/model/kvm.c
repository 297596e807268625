// SPDX-License-Identifier: GPL-2.0
/* struct kvm lifetime (virt/kvm/kvm_main.c). */
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

/* mirrors: kvm_create_vm() */
struct gms_kvm *gms_kvm_create(struct gms_world *w,
			       const struct gms_arch_ops *arch, int *err)
{
	struct gms_kvm *kvm = g_new0(struct gms_kvm, 1);

	kvm->id = gms_world_next_id(w);
	kvm->guest = kvm->id;
	kvm->w = w;
	kvm->arch = arch;
	kvm->users_count = 1;
	kvm->state = GMS_KVM_CREATED;
	for (int i = 0; i < GMS_ADDRESS_SPACE_NUM; i++)
		kvm->memslots[i] = g_ptr_array_new();
	gms_range_map_init(&kvm->mem_attr);
	kvm->sptes = g_tree_new_full(gms_u64_cmp, NULL, NULL, g_free);
	*err = arch->vm_init ? arch->vm_init(w, kvm) : 0;
	if (*err) {
		gms_world_bury(w, GMS_OBJ_KVM, kvm);
		kvm->freed = true;
		return NULL;
	}
	/* list_add(&kvm->vm_list, &vm_list): the node is kept for list_del() */
	w->vms = g_list_prepend(w->vms, kvm);
	kvm->vm_list = w->vms;
	return kvm;
}

void gms_kvm_get(struct gms_kvm *kvm)
{
	kvm->users_count++;
}

/* mirrors: kvm_free_memslot() */
static void kvm_free_memslot(struct gms_world *w, struct gms_memslot *slot)
{
	if (slot->flags & KVM_MEM_GUEST_MEMFD)
		gms_gmem_unbind(w, slot);
	slot->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, slot);
}

/* mirrors: kvm_destroy_vm() */
static void kvm_destroy_vm(struct gms_world *w, struct gms_kvm *kvm)
{
	kvm->state = GMS_KVM_DYING;
	/* kvm_arch_destroy_vm() tears down the MMU before the memslots go. */
	gms_kvm_unmap_gfn_range(kvm, 0, G_MAXUINT64,
				GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	if (kvm->arch->vm_destroy)
		kvm->arch->vm_destroy(w, kvm);
	for (int i = 0; i < GMS_ADDRESS_SPACE_NUM; i++) {
		for (guint j = 0; j < kvm->memslots[i]->len; j++)
			kvm_free_memslot(w, g_ptr_array_index(kvm->memslots[i],
							      j));
		g_ptr_array_set_size(kvm->memslots[i], 0);
	}
	kvm->nr_memslot_pages = 0;
	gms_range_map_store(&kvm->mem_attr, 0, G_MAXUINT64, 0);
	kvm->state = GMS_KVM_DEAD;
	kvm->freed = true;
	w->vms = g_list_delete_link(w->vms, kvm->vm_list);
	kvm->vm_list = NULL;
	gms_world_bury(w, GMS_OBJ_KVM, kvm);
}

void gms_kvm_put(struct gms_world *w, struct gms_kvm *kvm)
{
	if (kvm->freed || !kvm->users_count) {
		gms_world_model_bug(w, "kvm_put_kvm() on a dead VM");
		return;
	}
	if (--kvm->users_count == 0)
		kvm_destroy_vm(w, kvm);
}

/* mirrors: kvm_mmu_invalidate_begin() */
void gms_kvm_mmu_invalidate_begin(struct gms_kvm *kvm)
{
	kvm->mmu_invalidate_in_progress++;
}

/* mirrors: kvm_mmu_invalidate_end() */
void gms_kvm_mmu_invalidate_end(struct gms_kvm *kvm)
{
	/* The seq moves first so a fault that snapshotted it retries. */
	kvm->mmu_invalidate_seq++;
	if (kvm->mmu_invalidate_in_progress)
		kvm->mmu_invalidate_in_progress--;
}

/* mirrors: mmu_invalidate_retry_gfn() */
bool gms_kvm_mmu_invalidate_retry(const struct gms_kvm *kvm, u64 mmu_seq)
{
	return kvm->mmu_invalidate_in_progress ||
	       kvm->mmu_invalidate_seq != mmu_seq;
}

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

	*s = *spte;
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

/* kvm_for_each_memslot_in_hva_range(): does any memslot map [start, end)? */
static bool hva_in_memslots(struct gms_kvm *kvm, u64 start, u64 end)
{
	for (int as = 0; as < GMS_ADDRESS_SPACE_NUM; as++) {
		GPtrArray *slots = kvm->memslots[as];

		for (guint i = 0; slots && i < slots->len; i++) {
			struct gms_memslot *s = slots->pdata[i];
			u64 hva_end = s->userspace_addr +
				      (s->npages << GMS_PAGE_SHIFT);

			if (s->userspace_addr < end && start < hva_end)
				return true;
		}
	}
	return false;
}

/*
 * mirrors: kvm_mmu_notifier_invalidate_range_start()/_end(): the sequence
 * moves whenever a memslot maps the range (kvm_handle_hva_range()'s
 * on_lock), mapped or not, so a fault that looked the page up retries.
 */
void gms_kvm_mmu_notifier_invalidate(struct gms_world *w, u64 start, u64 end)
{
	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;
		struct hva_zap z = { .start = start, .end = end };

		if (!hva_in_memslots(kvm, start, end))
			continue;
		z.victims = g_array_new(FALSE, FALSE, sizeof(u64));
		g_tree_foreach(kvm->sptes, collect_hva, &z);
		gms_kvm_mmu_invalidate_begin(kvm);
		for (guint i = 0; i < z.victims->len; i++)
			zap_spte(kvm, g_array_index(z.victims, u64, i));
		gms_kvm_mmu_invalidate_end(kvm);
		g_array_unref(z.victims);
	}
}
