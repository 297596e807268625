// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: virt/kvm/kvm_main.c (v7.2): the MMU notifier's invalidation
 * sequence, struct kvm's lifetime, memslots (KVM_SET_USER_MEMORY_REGION2)
 * and memory attributes (KVM_SET_MEMORY_ATTRIBUTES), in that file's order,
 * then the memslot lookups of include/linux/kvm_host.h. The page tables
 * themselves are arch/x86/kvm/mmu's (src/model/mmu.c).
 *
 * Calls that come back: kvm_free_memslot() and the memslot code call
 * guest_memfd.c (bind, unbind), which calls the MMU back through
 * gms_kvm_mmu_invalidate_begin()/_end(), as in the kernel.
 */
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

/* x86 kvm_mmu_max_gfn() with 52 physical address bits */
#define GMS_MAX_GFN ((1ULL << (52 - GMS_PAGE_SHIFT)) - 1)

enum kvm_mr_change {
	KVM_MR_CREATE,
	KVM_MR_DELETE,
	KVM_MR_MOVE,
	KVM_MR_FLAGS_ONLY
};

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
	/* KVM_BUG_ON(kvm->mmu_invalidate_in_progress < 0, kvm) */
	if (GMS_WARN_ON(kvm->w, !kvm->mmu_invalidate_in_progress))
		return;
	kvm->mmu_invalidate_in_progress--;
}

/* mirrors: mmu_invalidate_retry_gfn() */
bool gms_kvm_mmu_invalidate_retry(const struct gms_kvm *kvm, u64 mmu_seq)
{
	return kvm->mmu_invalidate_in_progress ||
	       kvm->mmu_invalidate_seq != mmu_seq;
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

		if (!hva_in_memslots(kvm, start, end))
			continue;
		gms_kvm_mmu_invalidate_begin(kvm);
		gms_kvm_unmap_hva_range(kvm, start, end);
		gms_kvm_mmu_invalidate_end(kvm);
	}
}

/* mirrors: kvm_free_memslot() */
static void kvm_free_memslot(struct gms_world *w, struct gms_memslot *slot)
{
	if (slot->flags & KVM_MEM_GUEST_MEMFD)
		gms_gmem_unbind(w, slot);
	slot->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, slot);
}

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

/* mirrors: kvm_get_kvm() */
void gms_kvm_get(struct gms_kvm *kvm)
{
	kvm->users_count++;
}

/* mirrors: kvm_put_kvm() */
void gms_kvm_put(struct gms_world *w, struct gms_kvm *kvm)
{
	if (kvm->freed || !kvm->users_count) {
		gms_world_model_bug(w, "kvm_put_kvm() on a dead VM");
		return;
	}
	if (--kvm->users_count == 0)
		kvm_destroy_vm(w, kvm);
}

/* mirrors: check_memory_region_flags() */
static int
check_memory_region_flags(struct gms_kvm *kvm,
			  const struct gms_userspace_memory_region2 *mem)
{
	u32 valid_flags = KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_GUEST_MEMFD;

	/* Dirty logging private memory is not currently supported. */
	if (mem->flags & KVM_MEM_GUEST_MEMFD)
		valid_flags &= ~KVM_MEM_LOG_DIRTY_PAGES;
	/* GUEST_MEMFD is incompatible with read-only memslots. */
	if (kvm->arch->has_readonly_mem && !(mem->flags & KVM_MEM_GUEST_MEMFD))
		valid_flags |= KVM_MEM_READONLY;
	if (mem->flags & ~valid_flags)
		return -EINVAL;
	return 0;
}

/*
 * mirrors: the synchronize_srcu_expedited() of kvm_swap_active_memslots():
 * a fault in flight (an SRCU reader) finishes before the slot is zapped.
 * Simplification: the kernel marks the slot invalid before it waits; the
 * model does both once the wait is over.
 */
int gms_kvm_synchronize_srcu(struct gms_world *w, struct gms_lock_ctx *ctx,
			     struct gms_kvm *kvm)
{
	if (!gms_lock_try(w, ctx, GMS_LOCK_SRCU, kvm, GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	gms_lock_release(w, ctx, GMS_LOCK_SRCU, kvm);
	return 0;
}

/*
 * mirrors: kvm_arch_prepare_memory_region(): x86 bounds the gfn; arm64
 * refuses a guest_memfd slot whose file lacks GUEST_MEMFD_FLAG_MMAP.
 */
static int kvm_arch_prepare_memory_region(struct gms_kvm *kvm,
					  struct gms_memslot *new)
{
	if (new->base_gfn + new->npages - 1 > GMS_MAX_GFN)
		return -EINVAL;
	if (kvm->arch->gmem_needs_mmap && (new->flags &KVM_MEM_GUEST_MEMFD) &&
	    !(new->flags &KVM_MEMSLOT_GMEM_ONLY))
		return -EINVAL;
	return 0;
}

/*
 * mirrors: kvm_arch_prepare_memory_region() on arm64 for KVM_MR_DELETE and
 * KVM_MR_MOVE of a protected VM: "Memslot configuration is fixed once a VM
 * has started running, with subsequent move or deletion requests being
 * rejected with -EPERM" (Documentation/virt/kvm/arm/pkvm.rst). Where arm64
 * checks it is UNVERIFIED: the model refuses before the slot is invalidated
 * (the kernel's prepare runs after kvm_invalidate_memslot() and reverts it).
 */
int gms_kvm_arch_prepare_move_delete(const struct gms_kvm *kvm)
{
	return kvm->arch->memslots_fixed_after_run && kvm->has_run ? -EPERM : 0;
}

/*
 * mirrors: kvm_invalidate_memslot(): install the INVALID copy, then zap.
 * No mmu_invalidate_begin/end here: a racing fault notices the memslot
 * generation change instead, modelled as the slot's invalid flag.
 */
static void kvm_invalidate_memslot(struct gms_kvm *kvm,
				   struct gms_memslot *slot)
{
	/* snp_zap=: what the proposal keeps mapped (kvm_snp_zap.c) */
	unsigned int filter = gms_kvm_memslot_zap_filter(kvm);

	slot->invalid = true;
	/* kvm_arch_flush_shadow_memslot() */
	gms_kvm_unmap_gfn_range(kvm, slot->base_gfn,
				slot->base_gfn + slot->npages, filter);
}

static struct gms_memslot *
alloc_memslot(struct gms_world *w, struct gms_kvm *kvm, u16 as_id, u16 id,
	      const struct gms_userspace_memory_region2 *mem)
{
	struct gms_memslot *s = g_new0(struct gms_memslot, 1);

	s->uid = gms_world_next_id(w);
	s->id = id;
	s->as_id = as_id;
	s->kvm = kvm;
	s->base_gfn = mem->guest_phys_addr >> GMS_PAGE_SHIFT;
	s->npages = mem->memory_size >> GMS_PAGE_SHIFT;
	s->userspace_addr = mem->userspace_addr;
	s->flags = mem->flags;
	return s;
}

static void free_unpublished(struct gms_world *w, struct gms_memslot *s)
{
	s->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, s);
}

/* mirrors: kvm_set_memslot(KVM_MR_CREATE) after a successful bind */
static int kvm_create_memslot(struct gms_world *w, struct gms_kvm *kvm,
			      struct gms_memslot *new)
{
	bool two_phase = gms_gmem_in_place_conversion(w) &&
			 (new->flags &KVM_MEM_GUEST_MEMFD);
	int r = kvm_arch_prepare_memory_region(kvm, new);

	if (r) {
		/* out_unbind: kvm_gmem_unbind(new); the series bound nothing yet */
		if (two_phase)
			gms_memslot_set_gmem_file(new, NULL);
		else if (new->flags & KVM_MEM_GUEST_MEMFD)
			gms_gmem_unbind(w, new);
		free_unpublished(w, new);
		return r;
	}
	/* the series: kvm_gmem_commit_memory_region() once the slot is ready */
	r = two_phase ? gms_gmem_commit_memory_region(w, kvm, new) : 0;
	if (r) {
		free_unpublished(w, new);
		return r;
	}
	g_ptr_array_add(kvm->memslots[new->as_id], new);
	kvm->nr_memslot_pages += new->npages;
	return 0;
}

/* mirrors: kvm_set_memslot(KVM_MR_DELETE) up to kvm_invalidate_memslot() */
void gms_kvm_delete_memslot_begin(struct gms_kvm *kvm, struct gms_memslot *old)
{
	kvm_invalidate_memslot(kvm, old);
}

/* mirrors: kvm_commit_memory_region(KVM_MR_DELETE) -> kvm_free_memslot() */
void gms_kvm_delete_memslot_commit(struct gms_world *w, struct gms_kvm *kvm,
				   struct gms_memslot *old)
{
	g_ptr_array_remove(kvm->memslots[old->as_id], old);
	kvm->nr_memslot_pages -= old->npages;
	/* kvm_free_memslot() */
	if (old->flags & KVM_MEM_GUEST_MEMFD)
		gms_gmem_unbind(w, old);
	old->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, old);
}

/*
 * The whole delete at once. Simplification: the invalidate lock that
 * kvm_gmem_unbind() takes is taken up front, so that an operation outside
 * a task is blocked before it changes anything, not half-way.
 */
static int kvm_delete_memslot(struct gms_world *w, struct gms_kvm *kvm,
			      struct gms_memslot *old)
{
	struct gms_gmem_inode *inode = gms_gmem_unbind_lock_target(old);

	if (gms_kvm_synchronize_srcu(w, &w->sync, kvm))
		return -GMS_EBLOCKED;
	if (inode && !gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, inode,
				   GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	gms_kvm_delete_memslot_begin(kvm, old);
	gms_kvm_delete_memslot_commit(w, kvm, old);
	if (inode)
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
	return 0;
}

/*
 * mirrors: kvm_set_memslot(KVM_MR_FLAGS_ONLY) with kvm_copy_memslot() and
 * the plain kfree(old) of kvm_commit_memory_region(): no kvm_gmem_unbind().
 */
static int kvm_flags_only_copy(struct gms_world *w, struct gms_kvm *kvm,
			       struct gms_memslot *old, u32 flags)
{
	struct gms_memslot *new = g_memdup2(old, sizeof(*old));

	new->uid = gms_world_next_id(w);
	gms_dirty_slot_copy(new); /* it points at the old slot's file too */
	new->flags = (old->flags & KVM_MEMSLOT_GMEM_ONLY) | flags;
	g_ptr_array_remove(kvm->memslots[old->as_id], old);
	g_ptr_array_add(kvm->memslots[new->as_id], new);
	old->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, old);
	return 0; /* the copy */
}

/*
 * mirrors: kvm_set_memslot(KVM_MR_MOVE / KVM_MR_FLAGS_ONLY). Simplification:
 * the kernel installs a copy and frees the old slot; the model updates it in
 * place, which nothing can tell apart while the binding's slot stays bound.
 * Only a cleared KVM_MEM_GUEST_MEMFD (mutant=toggle-gmem-flag) makes the
 * copy visible, so that path copies as the kernel does.
 */
static int kvm_modify_memslot(struct gms_world *w, struct gms_kvm *kvm,
			      struct gms_memslot *old,
			      enum kvm_mr_change change, u64 base_gfn,
			      u32 flags)
{
	if (change == KVM_MR_FLAGS_ONLY &&
	    ((old->flags ^ flags) & KVM_MEM_GUEST_MEMFD))
		return kvm_flags_only_copy(w, kvm, old, flags);
	if (change == KVM_MR_MOVE) {
		if (gms_kvm_synchronize_srcu(w, &w->sync, kvm))
			return -GMS_EBLOCKED;
		kvm_invalidate_memslot(kvm, old);
		old->base_gfn = base_gfn;
		old->invalid = false;
	}
	old->flags = (old->flags & KVM_MEMSLOT_GMEM_ONLY) | flags;
	return 0;
}

/* mirrors: kvm_check_memslot_overlap() */
static bool kvm_check_memslot_overlap(struct gms_kvm *kvm, u16 as_id, u16 id,
				      u64 start, u64 end)
{
	GPtrArray *slots = kvm->memslots[as_id];

	for (guint i = 0; i < slots->len; i++) {
		struct gms_memslot *s = g_ptr_array_index(slots, i);

		if (s->id == id)
			continue;
		if (start < s->base_gfn + s->npages && end > s->base_gfn)
			return true;
	}
	return false;
}

static bool access_ok(u64 addr, u64 size)
{
	return size <= GMS_TASK_SIZE_MAX && addr <= GMS_TASK_SIZE_MAX - size;
}

/* mirrors: the "general sanity checks" of kvm_set_memory_region() */
static int check_region(struct gms_kvm *kvm,
			const struct gms_userspace_memory_region2 *mem)
{
	u16 as_id = mem->slot >> 16, id = (u16)mem->slot;

	if (mem->memory_size & (GMS_PAGE_SIZE - 1))
		return -EINVAL;
	if (mem->guest_phys_addr & (GMS_PAGE_SIZE - 1))
		return -EINVAL;
	/* userspace_addr: aligned, untagged, access_ok() */
	if ((mem->userspace_addr & (GMS_PAGE_SIZE - 1)) ||
	    !access_ok(mem->userspace_addr, mem->memory_size))
		return -EINVAL;
	if ((mem->flags & KVM_MEM_GUEST_MEMFD) &&
	    ((mem->guest_memfd_offset & (GMS_PAGE_SIZE - 1)) ||
	     mem->guest_memfd_offset + mem->memory_size <
		     mem->guest_memfd_offset))
		return -EINVAL;
	if (as_id >= GMS_ADDRESS_SPACE_NUM || id >= KVM_MEM_SLOTS_NUM)
		return -EINVAL;
	if (mem->guest_phys_addr + mem->memory_size < mem->guest_phys_addr)
		return -EINVAL;
	if ((mem->memory_size >> GMS_PAGE_SHIFT) > KVM_MEM_MAX_NR_PAGES)
		return -EINVAL;
	(void)kvm;
	return 0;
}

/*
 * mirrors: the modify branch of kvm_set_memory_region();
 * mutant=toggle-gmem-flag leaves KVM_MEM_GUEST_MEMFD out of the flags that
 * may not change, so the flag can be cleared under a live binding.
 */
static int classify_modify(struct gms_kvm *kvm, const struct gms_memslot *old,
			   const struct gms_userspace_memory_region2 *mem,
			   enum kvm_mr_change *change)
{
	u64 base_gfn = mem->guest_phys_addr >> GMS_PAGE_SHIFT;
	u64 npages = mem->memory_size >> GMS_PAGE_SHIFT;
	u32 old_flags = old->flags & ~KVM_MEMSLOT_GMEM_ONLY;
	u32 fixed = KVM_MEM_READONLY | KVM_MEM_GUEST_MEMFD;

	if (gms_mutant(kvm->w, GMS_MUTANT_TOGGLE_GMEM_FLAG))
		fixed &= ~KVM_MEM_GUEST_MEMFD;

	/* Private memslots are immutable, they can only be deleted. */
	if (mem->flags & KVM_MEM_GUEST_MEMFD)
		return -EINVAL;
	if (mem->userspace_addr != old->userspace_addr ||
	    npages != old->npages || ((mem->flags ^ old_flags) & fixed))
		return -EINVAL;
	if (base_gfn != old->base_gfn)
		*change = KVM_MR_MOVE;
	else if (mem->flags != old_flags)
		*change = KVM_MR_FLAGS_ONLY;
	else
		return 1; /* nothing to change */
	return 0;
}

/* mirrors: kvm_set_memory_region() */
static int
__kvm_set_memory_region(struct gms_world *w, struct gms_kvm *kvm,
			const struct gms_userspace_memory_region2 *mem)
{
	u16 as_id = mem->slot >> 16, id = (u16)mem->slot;
	u64 base_gfn, npages;
	enum kvm_mr_change change = KVM_MR_CREATE;
	struct gms_memslot *old, *new;
	int r;

	if ((u16)mem->slot >= KVM_USER_MEM_SLOTS)
		return -EINVAL;
	r = check_memory_region_flags(kvm, mem);
	if (r)
		return r;
	r = check_region(kvm, mem);
	if (r)
		return r;

	old = gms_kvm_id_to_memslot(kvm, as_id, id);
	if (!mem->memory_size) {
		if (!old || !old->npages)
			return -EINVAL;
		r = gms_kvm_arch_prepare_move_delete(kvm);
		if (r)
			return r;
		return kvm_delete_memslot(w, kvm, old);
	}

	base_gfn = mem->guest_phys_addr >> GMS_PAGE_SHIFT;
	npages = mem->memory_size >> GMS_PAGE_SHIFT;
	if (!old) {
		if (kvm->nr_memslot_pages + npages < kvm->nr_memslot_pages)
			return -EINVAL;
	} else {
		r = classify_modify(kvm, old, mem, &change);
		if (r)
			return r < 0 ? r : 0;
	}

	if ((change == KVM_MR_CREATE || change == KVM_MR_MOVE) &&
	    kvm_check_memslot_overlap(kvm, as_id, id, base_gfn,
				      base_gfn + npages))
		return -EEXIST;

	if (change == KVM_MR_MOVE) {
		r = gms_kvm_arch_prepare_move_delete(kvm);
		if (r)
			return r;
	}
	if (change != KVM_MR_CREATE)
		return kvm_modify_memslot(w, kvm, old, change, base_gfn,
					  mem->flags);

	new = alloc_memslot(w, kvm, as_id, id, mem);
	if (mem->flags & KVM_MEM_GUEST_MEMFD) {
		/* the series binds in two phases, around the arch's prepare */
		r = gms_gmem_in_place_conversion(w) ?
			    gms_gmem_prepare_memory_region(
				    w, kvm, new, mem->guest_memfd,
				    (s64)mem->guest_memfd_offset) :
			    gms_gmem_bind(w, kvm, new, mem->guest_memfd,
					  (s64)mem->guest_memfd_offset);
		if (r) {
			free_unpublished(w, new);
			return r;
		}
	}
	return kvm_create_memslot(w, kvm, new);
}

/* mirrors: kvm_vm_ioctl_set_memory_region(): all of it under slots_lock */
int gms_kvm_set_memory_region(struct gms_world *w, struct gms_kvm *kvm,
			      const struct gms_userspace_memory_region2 *mem)
{
	int r;

	gms_dirty_kvm(w, kvm); /* what the invariants judge: its memslots */
	if (!gms_lock_try(w, &w->sync, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	r = __kvm_set_memory_region(w, kvm, mem);
	gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
	return r;
}

/* mirrors: kvm_supported_mem_attributes(); @kvm NULL: asked on /dev/kvm */
u64 gms_kvm_supported_mem_attributes(struct gms_world *w,
				     const struct gms_kvm *kvm)
{
	/* the series: kvm_supported_vm_mem_attributes(), none when in place */
	if (gms_gmem_in_place_conversion(w))
		return 0;
	return !kvm || kvm->arch->has_private_mem ?
		       KVM_MEMORY_ATTRIBUTE_PRIVATE :
		       0;
}

/* mirrors: kvm_mem_is_private() */
bool gms_kvm_mem_is_private(const struct gms_kvm *kvm, u64 gfn)
{
	bool is_private;

	/* convert=in-place-*: guest_memfd tracks the state of its own pages */
	if (gms_gmem_mem_is_private(kvm, gfn, &is_private))
		return is_private;
	return gms_range_map_load(&kvm->mem_attr, gfn) &
	       KVM_MEMORY_ATTRIBUTE_PRIVATE;
}

/*
 * kvm_vm_set_mem_attributes() in three steps, for tasks. begin: nothing to
 * do when the range has the attributes already (false); else
 * kvm_handle_gfn_range(kvm_mmu_invalidate_begin + pre_set: x86 zaps
 * private-capable VMs). The kernel's xa_reserve() pass can fail with
 * -ENOMEM; a range map cannot, so that error is not modelled.
 */
bool gms_kvm_set_mem_attributes_begin(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes)
{
	if (gms_range_map_all(&kvm->mem_attr, start, end, attributes))
		return false;
	gms_kvm_mmu_invalidate_begin(kvm);
	if (kvm->arch->has_private_mem)
		gms_kvm_unmap_gfn_range(kvm, start, end,
					GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	return true;
}

/* the xa_store() loop */
void gms_kvm_set_mem_attributes_store(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes)
{
	gms_dirty_kvm(kvm->w, kvm);
	gms_range_map_store(&kvm->mem_attr, start, end, attributes);
}

/* kvm_handle_gfn_range(kvm_mmu_invalidate_end) */
void gms_kvm_set_mem_attributes_end(struct gms_kvm *kvm)
{
	gms_kvm_mmu_invalidate_end(kvm);
}

/* mirrors: kvm_vm_set_mem_attributes(), under slots_lock */
static int kvm_vm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
				     u64 start, u64 end, u64 attributes)
{
	int r;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	/* mmap=all-or-nothing: no conversion to private while mapped or pinned */
	r = attributes & KVM_MEMORY_ATTRIBUTE_PRIVATE ?
		    gms_gmem_restricted_convert(w, kvm, start, end) :
		    0;
	if (r) {
		gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
		return r;
	}
	if (gms_kvm_set_mem_attributes_begin(kvm, start, end, attributes)) {
		gms_kvm_set_mem_attributes_store(kvm, start, end, attributes);
		gms_kvm_set_mem_attributes_end(kvm);
	}
	gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
	return 0;
}

/* mirrors: the checks of kvm_vm_ioctl_set_mem_attributes(), in its order */
int gms_kvm_check_mem_attributes(const struct gms_kvm *kvm,
				 const struct gms_memory_attributes *attrs)
{
	if (attrs->flags)
		return -EINVAL;
	if (attrs->attributes & ~gms_kvm_supported_mem_attributes(kvm->w, kvm))
		return -EINVAL;
	if (attrs->size == 0 || attrs->address + attrs->size < attrs->address)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(attrs->address) || !GMS_PAGE_ALIGNED(attrs->size))
		return -EINVAL;
	return 0;
}

/* mirrors: kvm_vm_ioctl_set_mem_attributes() */
int gms_kvm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
			       const struct gms_memory_attributes *attrs)
{
	int r = gms_kvm_check_mem_attributes(kvm, attrs);

	if (r)
		return r;
	return kvm_vm_set_mem_attributes(
		w, kvm, attrs->address >> GMS_PAGE_SHIFT,
		(attrs->address + attrs->size) >> GMS_PAGE_SHIFT,
		attrs->attributes);
}

/* mirrors: kvm_slot_has_gmem() */
bool gms_kvm_slot_has_gmem(const struct gms_memslot *slot)
{
	return slot && (slot->flags & KVM_MEM_GUEST_MEMFD);
}

/* mirrors: id_to_memslot() */
struct gms_memslot *gms_kvm_id_to_memslot(struct gms_kvm *kvm, u16 as_id,
					  u16 id)
{
	GPtrArray *slots = kvm->memslots[as_id];

	for (guint i = 0; i < slots->len; i++) {
		struct gms_memslot *s = g_ptr_array_index(slots, i);

		if (s->id == id)
			return s;
	}
	return NULL;
}

/* mirrors: __gfn_to_memslot(); invalid slots included */
struct gms_memslot *gms_kvm_gfn_to_memslot(struct gms_kvm *kvm, u16 as_id,
					   u64 gfn)
{
	GPtrArray *slots = kvm->memslots[as_id];

	for (guint i = 0; i < slots->len; i++) {
		struct gms_memslot *s = g_ptr_array_index(slots, i);

		if (gfn >= s->base_gfn && gfn < s->base_gfn + s->npages)
			return s;
	}
	return NULL;
}

/* the key a VM's memory is encrypted with (ASID, HKID; 0: none) */
u32 gms_kvm_key(const struct gms_kvm *kvm)
{
	return kvm->arch->key ? kvm->arch->key(kvm) : 0;
}
