// SPDX-License-Identifier: GPL-2.0
/* Memslots: KVM_SET_USER_MEMORY_REGION2 (virt/kvm/kvm_main.c). */
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

bool gms_kvm_slot_has_gmem(const struct gms_memslot *slot)
{
	return slot && (slot->flags & KVM_MEM_GUEST_MEMFD);
}

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
	int r = kvm_arch_prepare_memory_region(kvm, new);

	if (r) {
		/* out_unbind: kvm_gmem_unbind(new) */
		if (new->flags & KVM_MEM_GUEST_MEMFD)
			gms_gmem_unbind(w, new);
		free_unpublished(w, new);
		return r;
	}
	g_ptr_array_add(kvm->memslots[new->as_id], new);
	kvm->nr_memslot_pages += new->npages;
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
	new->flags = (old->flags & KVM_MEMSLOT_GMEM_ONLY) | flags;
	g_ptr_array_remove(kvm->memslots[old->as_id], old);
	g_ptr_array_add(kvm->memslots[new->as_id], new);
	old->freed = true;
	gms_world_bury(w, GMS_OBJ_SLOT, old);
	return 0;
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

	if (change != KVM_MR_CREATE)
		return kvm_modify_memslot(w, kvm, old, change, base_gfn,
					  mem->flags);

	new = alloc_memslot(w, kvm, as_id, id, mem);
	if (mem->flags & KVM_MEM_GUEST_MEMFD) {
		r = gms_gmem_bind(w, kvm, new, mem->guest_memfd,
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

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	r = __kvm_set_memory_region(w, kvm, mem);
	gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
	return r;
}
