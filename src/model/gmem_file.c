// SPDX-License-Identifier: GPL-2.0
/* The guest_memfd file: one VM's view, its bindings and release (virt/kvm/guest_memfd.c). */
#include "gmem_internal.h"

/* mirrors: __kvm_gmem_create() */
struct gms_gmem_file *gms_gmem_create(struct gms_world *w, struct gms_kvm *kvm,
				      u64 size, u64 flags)
{
	struct gms_gmem_file *f = g_new0(struct gms_gmem_file, 1);

	f->id = gms_world_next_id(w);
	f->inode = gmem_inode_new(w, kvm->arch, size, flags);
	f->inode->i_count = 1;
	f->inode->files = g_list_prepend(f->inode->files, f);
	f->f_count = 1;
	gms_gmem_owner_init(w, f, kvm);
	gms_range_map_init(&f->bindings);
	return f;
}

/*
 * gmem.link: a second file on @inode for @kvm, the "linking" seed 004 and
 * intra-host migration (seed 003: "KVM allows a single ASID to be bound to
 * multiple struct kvm instances") call for. No upstream uAPI; the file is
 * made as __kvm_gmem_create() makes one, on the existing inode.
 */
struct gms_gmem_file *gms_gmem_link(struct gms_world *w,
				    struct gms_gmem_inode *inode,
				    struct gms_kvm *kvm)
{
	struct gms_gmem_file *f = g_new0(struct gms_gmem_file, 1);

	f->id = gms_world_next_id(w);
	f->inode = inode;
	inode->i_count++;
	inode->files = g_list_prepend(inode->files, f);
	f->f_count = 1;
	gms_gmem_owner_init(w, f, kvm);
	gms_range_map_init(&f->bindings);
	return f;
}

void gms_gmem_file_get(struct gms_gmem_file *f)
{
	f->f_count++;
}

/* kvm_gmem_release() outside a task, taking its locks for lockdep */
static void release_locked(struct gms_world *w, struct gms_gmem_file *f)
{
	enum gms_lock_class order[2];
	const void *objs[2];
	int taken = 0;

	gms_gmem_release_lock_order(w, order, objs, f);
	for (; taken < 2; taken++)
		if (!gms_lock_try(w, &w->sync, order[taken], objs[taken],
				  GMS_LOCK_EXCLUSIVE))
			break;
	if (taken < 2)
		gms_world_model_bug(w,
				    "kvm_gmem_release() would wait for a task");
	while (taken-- > 0)
		gms_lock_release(w, &w->sync, order[taken], objs[taken]);
	gms_gmem_release(w, f);
}

/* mirrors: fput() outside a task: the last reference runs __fput() at once */
void gms_gmem_file_put(struct gms_world *w, struct gms_gmem_file *f)
{
	struct gms_gmem_inode *inode;

	if (f->freed || !f->f_count) {
		gms_world_model_bug(w, "fput() on a released guest_memfd file");
		return;
	}
	if (--f->f_count)
		return;
	/* __fput(): ->release first, then the inode (evicted with its last file) */
	f->dying = true;
	inode = f->inode;
	release_locked(w, f);
	gmem_inode_put(w, inode);
}

/* mirrors: the mutex_lock(slots_lock) + filemap_invalidate_lock() of kvm_gmem_release() */
void gms_gmem_release_lock_order(struct gms_world *w,
				 enum gms_lock_class order[2],
				 const void *objs[2], struct gms_gmem_file *f)
{
	/* mutant release-lock-order: the invalidate lock first */
	bool inverted = w->policy.mutant == GMS_MUTANT_RELEASE_LOCK_ORDER;

	order[inverted] = GMS_LOCK_SLOTS;
	objs[inverted] = f->kvm;
	order[!inverted] = GMS_LOCK_INVALIDATE;
	objs[!inverted] = f->inode;
}

/* mirrors: the iput() at the end of __fput() */
void gms_gmem_iput(struct gms_world *w, struct gms_gmem_inode *inode)
{
	gmem_inode_put(w, inode);
}

/* the two locks __fput() -> kvm_gmem_release() would wait for, if this is the last fput() */
bool gms_gmem_put_would_block(struct gms_world *w, struct gms_gmem_file *f)
{
	return f->f_count == 1 &&
	       (gms_lock_holder(w, GMS_LOCK_SLOTS, f->kvm) ||
		gms_lock_holder(w, GMS_LOCK_INVALIDATE, f->inode));
}

struct slot_walk {
	struct gms_memslot *last;
};

/* mirrors: kvm_gmem_release() */
void gms_gmem_release(struct gms_world *w, struct gms_gmem_file *f)
{
	struct gms_gmem_inode *inode = f->inode;
	const struct gms_range *r;

	/* mutex_lock(&kvm->slots_lock); filemap_invalidate_lock(inode) */
	for (r = gms_range_map_next(&f->bindings, NULL); r;
	     r = gms_range_map_next(&f->bindings, r))
		((struct gms_memslot *)r->val)->gmem.file = NULL;
	/*
	 * Zap all SPTEs pointed at by this file. Do not free the backing
	 * memory: its lifetime is the inode's, not the file's.
	 */
	gmem_file_invalidate_begin(f, 0, G_MAXUINT64, 0);
	gmem_file_invalidate_end(f, 0, G_MAXUINT64);
	inode->files = g_list_remove(inode->files, f);
	/* unlock; xa_destroy(); kfree(f) */
	gms_range_map_store(&f->bindings, 0, G_MAXUINT64, 0);
	f->freed = true;
	gms_world_bury(w, GMS_OBJ_FILE, f);
	/*
	 * kvm_put_kvm() ends ->release, so the VM may be destroyed (its ASID
	 * freed) before __fput() evicts the inode and frees the folios.
	 */
	gms_gmem_owner_release(w, f);
}

/*
 * mirrors: the offset checks of kvm_gmem_bind(); abi=6.18 adds in loff_t,
 * and so does mutant=signed-offset on any abi.
 */
static bool bind_range_ok(struct gms_world *w, s64 offset, u64 size, u64 i_size)
{
	if (w->policy.abi == GMS_ABI_6_18 ||
	    w->policy.mutant == GMS_MUTANT_SIGNED_OFFSET) {
		/* signed overflow wraps on the kernel's -fno-strict-overflow */
		s64 end = (s64)((u64)offset + size);

		return !(offset < 0 || !GMS_PAGE_ALIGNED((u64)offset) ||
			 end > (s64)i_size);
	}
	return !(offset < 0 || !GMS_PAGE_ALIGNED((u64)offset) ||
		 (u64)offset + size > i_size);
}

/* mirrors: kvm_gmem_bind() */
int gms_gmem_bind(struct gms_world *w, struct gms_kvm *kvm,
		  struct gms_memslot *slot, int fd, s64 offset)
{
	u64 size = slot->npages << GMS_PAGE_SHIFT;
	struct gms_fd *file = gms_fd_get(w, fd);
	struct gms_gmem_file *f;
	u64 start, end;
	int r;

	if (!file)
		return -EBADF;
	if (file->kind != GMS_FD_GMEM)
		return -EINVAL;
	f = file->obj;
	if (f->kvm != kvm && f->kvm && w->policy.bind == GMS_BIND_SINGLE_VM)
		return -EINVAL;
	if (!bind_range_ok(w, offset, size, f->inode->size))
		return -EINVAL;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	start = (u64)offset >> GMS_PAGE_SHIFT;
	end = start + slot->npages;
	if (gms_range_map_find(&f->bindings, start, end)) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode);
		return w->policy.abi == GMS_ABI_7_2 ? -EEXIST : -EINVAL;
	}
	/* the design knobs' owner change (bind=, pin=); upstream: no-op */
	r = gms_gmem_owner_bind(w, f, kvm);
	if (r) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode);
		return r;
	}
	slot->gmem.file = f;
	slot->gmem.pgoff = start;
	if (gms_gmem_supports_mmap(f->inode))
		slot->flags |= KVM_MEMSLOT_GMEM_ONLY;
	gms_range_map_store(&f->bindings, start, end, (uintptr_t)slot);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode);
	return 0;
}

/* mirrors: __kvm_gmem_unbind() */
static void __kvm_gmem_unbind(struct gms_memslot *slot, struct gms_gmem_file *f)
{
	u64 start = slot->gmem.pgoff;

	gms_range_map_store(&f->bindings, start, start + slot->npages, 0);
	slot->gmem.file = NULL;
}

/* mirrors: kvm_gmem_unbind() */
void gms_gmem_unbind(struct gms_world *w, struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;

	/* Nothing to do if the file was already closed: release nulled it. */
	if (!f)
		return;
	if (f->freed) {
		gms_world_model_bug(w, "memslot points at a freed gmem file");
		return;
	}
	/*
	 * mutant release-uaf: before ae431059e75d a NULL get_file_active()
	 * returned here, leaving the binding to the slot about to be freed.
	 */
	if (f->dying && w->policy.mutant == GMS_MUTANT_RELEASE_UAF)
		return;
	/*
	 * get_file_active() fails for a dying file, but the bindings must
	 * go anyway (ae431059e75d); both paths end in __kvm_gmem_unbind().
	 */
	__kvm_gmem_unbind(slot, f);
	gms_gmem_owner_unbound(w, f);
}

/* mirrors: the CLASS(gmem_get_file) branch of kvm_gmem_unbind() */
struct gms_gmem_inode *gms_gmem_unbind_lock_target(struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;

	/* a dying file is unbound without the lock: release waits on slots_lock */
	if (!f || f->freed || f->dying || !f->f_count)
		return NULL;
	return f->inode;
}

u64 gms_gmem_get_index(const struct gms_memslot *slot, u64 gfn)
{
	return gfn - slot->base_gfn + slot->gmem.pgoff;
}

/* mirrors: get_file_active(&slot->gmem.file) */
static struct gms_gmem_file *kvm_gmem_get_file(struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;

	if (!f || f->freed || f->dying || !f->f_count)
		return NULL;
	return f;
}

/* mirrors: __kvm_gmem_get_pfn() */
static int __kvm_gmem_get_pfn(struct gms_world *w, struct gms_gmem_file *f,
			      struct gms_memslot *slot, u64 index,
			      struct gms_folio **foliop)
{
	struct gms_folio *folio;

	if (f != slot->gmem.file)
		return -EFAULT;
	if (gms_range_map_load(&f->bindings, index) != (uintptr_t)slot)
		return -EIO;
	folio = gms_gmem_get_folio(w, f->inode, index);
	if (!folio)
		return -ENOMEM;
	if (folio->hwpoison)
		return -EHWPOISON;
	*foliop = folio;
	return 0;
}

/* mirrors: kvm_gmem_get_pfn() */
int gms_gmem_get_pfn(struct gms_world *w, struct gms_kvm *kvm,
		     struct gms_memslot *slot, u64 gfn, u64 *pfn)
{
	u64 index = gms_gmem_get_index(slot, gfn);
	struct gms_gmem_file *f = kvm_gmem_get_file(slot);
	struct gms_folio *folio;
	int r;

	if (!f)
		return -EFAULT;
	r = gms_gmem_restricted_get_pfn(w, f->inode);
	if (r)
		return r;
	r = __kvm_gmem_get_pfn(w, f, slot, index, &folio);
	if (r)
		return r;
	if (!folio->uptodate) {
		/* mutant no-scrub: the folio keeps what its last owner left */
		if (w->policy.mutant != GMS_MUTANT_NO_SCRUB)
			gms_physmem_clear(&w->physmem, folio->pfn);
		folio->uptodate = true;
	}
	/* kvm_gmem_prepare_folio(): every time since "Remove preparation tracking" */
	if (kvm->arch->gmem_prepare) {
		r = kvm->arch->gmem_prepare(w, kvm, gfn, folio->pfn);
		if (r)
			return r;
	}
	*pfn = folio->pfn;
	return 0;
}

/* kvm_gmem_punch_hole() in three steps, for tasks: invalidate_begin */
void gms_gmem_punch_begin(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	gmem_invalidate_begin(inode, start, end);
}

/* truncate_inode_pages_range() */
void gms_gmem_punch_truncate(struct gms_world *w, struct gms_gmem_inode *inode,
			     u64 start, u64 end)
{
	gmem_truncate_range(w, inode, start, end);
}

/* invalidate_end */
void gms_gmem_punch_end(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	gmem_invalidate_end(inode, start, end);
}

/* mirrors: kvm_gmem_punch_hole() */
static int kvm_gmem_punch_hole(struct gms_world *w,
			       struct gms_gmem_inode *inode, u64 offset,
			       u64 len)
{
	u64 start = offset >> GMS_PAGE_SHIFT;
	u64 end = (offset + len) >> GMS_PAGE_SHIFT;

	/* filemap_invalidate_lock(): bindings are stable across begin/end */
	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	gms_gmem_punch_begin(inode, start, end);
	gms_gmem_punch_truncate(w, inode, start, end);
	gms_gmem_punch_end(inode, start, end);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
	return 0;
}

/* mirrors: kvm_gmem_allocate() */
static int kvm_gmem_allocate(struct gms_world *w, struct gms_gmem_inode *inode,
			     u64 offset, u64 len)
{
	u64 start, end;

	/* Dedicated guest is immutable by default. */
	if (offset + len > inode->size)
		return -EINVAL;
	start = offset >> GMS_PAGE_SHIFT;
	end = (offset + len) >> GMS_PAGE_SHIFT;
	for (u64 index = start; index < end; index++)
		if (!gms_gmem_get_folio(w, inode, index))
			return -ENOMEM;
	return 0;
}

/* mirrors: the mode and alignment checks of kvm_gmem_fallocate() */
int gms_gmem_fallocate_check(int mode, s64 offset, s64 len)
{
	if (!(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (!GMS_PAGE_ALIGNED((u64)offset) || !GMS_PAGE_ALIGNED((u64)len))
		return -EINVAL;
	return 0;
}

/* mirrors: kvm_gmem_fallocate() */
int gms_gmem_fallocate(struct gms_world *w, struct gms_gmem_file *f, int mode,
		       s64 offset, s64 len)
{
	int r = gms_gmem_fallocate_check(mode, offset, len);

	if (r)
		return r;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return kvm_gmem_punch_hole(w, f->inode, offset, len);
	return kvm_gmem_allocate(w, f->inode, offset, len);
}
