// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: virt/kvm/guest_memfd.c (v7.2, f8479adb), function by function and
 * in its order. A kernel-static function keeps its kernel name here; one the
 * rest of the model calls is gms_gmem_<suffix> for kvm_gmem_<suffix>.
 *
 * The file-level differences, each repeated where it happens:
 * - locks are gms_lock_try() on a context (@ctx): a lock held by a task does
 *   not wait, the caller gets -GMS_EBLOCKED and nothing changed. A task that
 *   already took a lock in an earlier step passes its own context, and the
 *   function does not take it again (lockdep_assert_held()).
 * - folios are order 0 (kvm_gmem_get_folio() WARNs on others, so does this).
 * - no signals: the -EINTR exits of the loops cannot happen.
 * - design proposals and re-injected bugs enter through named hooks:
 *   gms_gmem_owner_*() (bind=, pin=), gms_gmem_restricted_*() (mmap=),
 *   gms_gmem_is_shared() (convert=), gms_gmem_direct_map_*() (direct_map=),
 *   gms_abi_*() (the kernel version) and gms_mutant() (mutant=).
 *
 * Calls out of this file that come back into it, all as in the kernel
 * (the build's model library has no other call loop):
 * - mm.c: truncation unmaps host mappings (truncate_inode_pages_range()
 *   does), mm's fault handler is gms_gmem_fault_user_mapping() (vm_ops), and
 *   munmap()'s fput() (file_table.c) runs kvm_gmem_release();
 * - kvm_main.c: the memslot code calls bind, unbind and get_pfn, this file
 *   calls the MMU's invalidation back (and mmu.c's zap);
 * - the proposals' files (gmem_owner.c, gmem_convert.c, gmem_restricted.c)
 *   are entered through their hooks and call the invalidation and
 *   truncation helpers exported here, as a kernel patch adding them to this
 *   file would; gmem_convert.c is also kvm_mem_is_private()'s hook, as the
 *   in-place conversion series makes guest_memfd the attributes' owner.
 */
#include "gmem_internal.h"

#define kvm_gmem_for_each_file(f, inode)                       \
	for (GList *__l = (inode)->files;                      \
	     __l && ((f) = (struct gms_gmem_file *)__l->data); \
	     __l = __l->next)

/* mirrors: kvm_gmem_get_index() */
u64 gms_gmem_get_index(const struct gms_memslot *slot, u64 gfn)
{
	return gfn - slot->base_gfn + slot->gmem.pgoff;
}

/* mirrors: kvm_gmem_prepare_folio() and __kvm_gmem_prepare_folio() */
static int kvm_gmem_prepare_folio(struct gms_world *w, struct gms_kvm *kvm,
				  struct gms_memslot *slot, u64 gfn,
				  struct gms_folio *folio)
{
	u64 index = gms_gmem_get_index(slot, gfn);

	if (!kvm->arch->gmem_prepare)
		return 0;
	/*
	 * The HT code prepares the whole folio from ALIGN_DOWN(index, nr) at
	 * folio_order(); the arch hooks here take one 4 KiB page: the page
	 * of @gfn (huge folios' hardware side is the huge-hw branch's)
	 */
	return kvm->arch->gmem_prepare(w, kvm, gfn,
				       gms_folio_file_pfn(folio, index));
}

/*
 * mirrors: clear_highpage() of the folio before folio_mark_uptodate().
 * The HT code clears folio_page(folio, 0) alone; the model clears every
 * page of a huge folio (hugetlb pages come back from the pool holding
 * what they held).
 */
static void kvm_gmem_clear_folio(struct gms_world *w, struct gms_folio *folio)
{
	for (u64 i = 0; i < gms_folio_nr_pages(folio); i++)
		gms_physmem_clear(&w->physmem, folio->pfn + i);
}

/* mirrors: filemap_lock_folio(): the fast path of kvm_gmem_get_folio() */
struct gms_folio *gms_gmem_lookup_folio(struct gms_gmem_inode *inode, u64 index)
{
	return gms_page_cache_lookup(&inode->pages, index);
}

/*
 * mirrors: kvm_gmem_get_folio(). The new folio holds whatever the page
 * allocator hands out; it is not uptodate, so its first user zeroes it.
 * NULL when host memory is exhausted (-ENOMEM).
 */
struct gms_folio *gms_gmem_get_folio(struct gms_world *w,
				     struct gms_gmem_inode *inode, u64 index)
{
	struct gms_folio *folio = gms_gmem_lookup_folio(inode, index);
	uintptr_t policy;
	u64 pfn, ilx;

	if (folio)
		return folio;
	/*
	 * mpol_shared_policy_lookup() (6.19+; 6.18's filemap_grab_folio()
	 * took the task's policy) and __filemap_get_folio_mpol()
	 */
	policy = gms_abi_gmem_has_mempolicy(w) ?
			 gms_gmem_get_policy(w, inode, index, &ilx) :
			 0;
	/* the HT code: a HugeTLB inode allocates from its subpool */
	if (inode->flags & GUEST_MEMFD_FLAG_HUGETLB) {
		folio = gms_gmem_hugetlb_alloc_folio(w, inode, index);
		if (!folio)
			return NULL;
	} else {
		if (gms_mpol_alloc_page(w, policy, &pfn))
			return NULL;
		folio = gms_page_cache_add(&inode->pages, index);
		folio->pfn = pfn;
		/* direct_map=: the NO_DIRECT_MAP series' allocation-time removal */
		gms_gmem_direct_map_alloc(w, inode, pfn);
	}
	/* hugetlb=allowed: the HT code's inode_add_bytes(folio_size()) */
	gms_gmem_hugetlb_add_bytes(w, inode, folio);
	return gms_gmem_hugetlb_maybe_split_fresh(w, inode, folio, index);
}

/*
 * mirrors: kvm_gmem_get_invalidate_filter(); the series' renamed
 * kvm_gmem_get_all_gfns_filter() zaps both sides when in place (e088c7f86bef)
 */
static unsigned int kvm_gmem_get_invalidate_filter(struct gms_world *w,
						   struct gms_gmem_inode *inode)
{
	if (gms_gmem_in_place_conversion(w))
		return GMS_FILTER_SHARED | GMS_FILTER_PRIVATE;
	/* mutant shared-not-zapped: INIT_SHARED memory forgotten as shared */
	if (gms_mutant(w, GMS_MUTANT_SHARED_NOT_ZAPPED))
		return GMS_FILTER_PRIVATE;
	if (inode->flags & GUEST_MEMFD_FLAG_INIT_SHARED)
		return GMS_FILTER_SHARED;
	return GMS_FILTER_PRIVATE;
}

/* the gfns of @slot's binding that [start, end) of the file covers */
static void binding_gfns(const struct gms_memslot *slot, u64 start, u64 end,
			 u64 *gstart, u64 *gend)
{
	u64 pgoff = slot->gmem.pgoff;

	*gstart = slot->base_gfn + MAX(pgoff, start) - pgoff;
	*gend = slot->base_gfn + MIN(pgoff + slot->npages, end) - pgoff;
}

/* mirrors: __kvm_gmem_invalidate_begin() */
static void __kvm_gmem_invalidate_begin(struct gms_gmem_file *f, u64 start,
					u64 end, unsigned int attr_filter)
{
	const struct gms_range *r =
		gms_range_map_find(&f->bindings, start, end);
	bool found_memslot = false;

	for (; r && r->start < end; r = gms_range_map_next(&f->bindings, r)) {
		struct gms_memslot *slot = (struct gms_memslot *)r->val;
		u64 gstart, gend;

		binding_gfns(slot, start, end, &gstart, &gend);
		if (!found_memslot) {
			found_memslot = true;
			/* KVM_MMU_LOCK(): a step is atomic, the lock is implicit */
			gms_kvm_mmu_invalidate_begin(f->kvm);
		}
		/* f->kvm, not slot->kvm: the kernel assumes they agree */
		gms_kvm_unmap_gfn_range(f->kvm, gstart, gend, attr_filter);
	}
}

/*
 * mirrors: kvm_gmem_invalidate_begin(). Static in the kernel; exported here
 * for the punch-hole task, which runs it as a step of its own.
 */
void gms_gmem_invalidate_begin(struct gms_world *w,
			       struct gms_gmem_inode *inode, u64 start, u64 end)
{
	gms_gmem_invalidate_begin_filter(
		inode, start, end, kvm_gmem_get_invalidate_filter(w, inode));
}

/* kvm_gmem_invalidate_begin() with the caller's filter (conversion's) */
void gms_gmem_invalidate_begin_filter(struct gms_gmem_inode *inode, u64 start,
				      u64 end, unsigned int attr_filter)
{
	struct gms_gmem_file *f;

	kvm_gmem_for_each_file(f, inode)
		__kvm_gmem_invalidate_begin(f, start, end, attr_filter);
}

/* mirrors: __kvm_gmem_invalidate_end() */
static void __kvm_gmem_invalidate_end(struct gms_gmem_file *f, u64 start,
				      u64 end)
{
	if (gms_range_map_find(&f->bindings, start, end))
		gms_kvm_mmu_invalidate_end(f->kvm);
}

/* mirrors: __kvm_gmem_split_private(): the private leaves, under mmu_lock */
static int __kvm_gmem_split_private(struct gms_gmem_file *f, u64 start, u64 end)
{
	const struct gms_range *r =
		gms_range_map_find(&f->bindings, start, end);

	for (; r && r->start < end; r = gms_range_map_next(&f->bindings, r)) {
		u64 gstart, gend;
		int ret;

		binding_gfns((struct gms_memslot *)r->val, start, end, &gstart,
			     &gend);
		ret = gms_kvm_split_cross_boundary_leafs(f->kvm, gstart, gend);

		if (ret)
			return ret;
	}
	return 0;
}

int gms_gmem_split_private(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	struct gms_gmem_file *f;
	int r = 0;

	kvm_gmem_for_each_file(f, inode)
	{
		r = __kvm_gmem_split_private(f, start, end);
		if (r)
			break;
	}
	return r;
}

/* mirrors: kvm_gmem_invalidate_end() (exported for the punch-hole task) */
void gms_gmem_invalidate_end(struct gms_gmem_inode *inode, u64 start, u64 end)
{
	struct gms_gmem_file *f;

	kvm_gmem_for_each_file(f, inode)
		__kvm_gmem_invalidate_end(f, start, end);
}

static void kvm_gmem_free_folio(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 pfn);

/*
 * mirrors: filemap_remove_folio() -> ->free_folio() -> folio_put(), each
 * page of the folio; a HugeTLB page's last put is free_huge_folio()'s
 * (src/model/hugetlb.c)
 */
static void filemap_remove_folio(struct gms_world *w,
				 struct gms_gmem_inode *inode,
				 struct gms_folio *folio)
{
	u64 pfn = folio->pfn, nr = gms_folio_nr_pages(folio);

	gms_page_cache_delete(&inode->pages, folio);
	/* inode_sub_bytes() of kvm_gmem_truncate_range() */
	inode->i_bytes -= MIN(inode->i_bytes, nr << GMS_PAGE_SHIFT);
	for (u64 i = 0; i < nr; i++, pfn++) {
		/* mutant truncate-zeroes: as if AS_INACCESSIBLE had no effect (bug #7) */
		if (gms_mutant(w, GMS_MUTANT_TRUNCATE_ZEROES)) {
			gms_world_host_access(w, pfn, GMS_HOST_KERNEL_WRITE,
					      "truncate zeroing");
			gms_physmem_clear(&w->physmem, pfn);
		}
		kvm_gmem_free_folio(w, inode, pfn);
		gms_physmem_put(&w->physmem, pfn);
	}
}

/*
 * mirrors: truncate_inode_pages_range() on [start, end) page indices, with
 * the unmap_mapping_range() of its callers. AS_INACCESSIBLE: no zeroing,
 * which on SNP would write to a page still assigned in the RMP. Exported
 * for the punch-hole task and eviction.
 */
void gms_gmem_truncate_range(struct gms_world *w, struct gms_gmem_inode *inode,
			     u64 start, u64 end)
{
	struct gms_folio *folio;

	if (start >= end)
		return;
	gms_mm_unmap_mapping_range(w, inode, start, end);
	while ((folio = gms_page_cache_find(&inode->pages, start, end))) {
		start = gms_folio_next_index(folio);
		filemap_remove_folio(w, inode, folio);
		if (!start)
			break; /* the last index of a G_MAXUINT64 range */
	}
}

/* mirrors: merge_folios_in_range() (the HT code) */
static int merge_folios_in_range(struct gms_world *w,
				 struct gms_gmem_inode *inode, u64 start,
				 u64 end)
{
	u64 nr = 1ULL << inode->page_order, err;

	for (u64 index = start; index < end; index += nr) {
		int r = gms_gmem_hugetlb_restructure(w, inode, index,
						     inode->page_order, &err);

		if (r)
			return r;
		if (index + nr < index)
			break;
	}
	return 0;
}

/*
 * mirrors: kvm_gmem_has_safe_refcount() over [start, end): every folio
 * held by the page cache alone (the HT code's nr_pages + 1 with the
 * batch's reference; the model's pages count their own)
 */
static bool kvm_gmem_has_safe_refcount(struct gms_world *w,
				       struct gms_gmem_inode *inode, u64 start,
				       u64 end, u64 *err_index)
{
	struct gms_folio *folio;

	gms_page_cache_for_each(&inode->pages, folio, start, end) {
		for (u64 i = 0; i < gms_folio_nr_pages(folio); i++) {
			const struct gms_page *p =
				gms_physmem_page(&w->physmem, folio->pfn + i);

			if (p->refcount == 1 && !p->pincount && !p->mapcount)
				continue;
			if (err_index)
				*err_index = folio->index;
			return false;
		}
	}
	return true;
}

int gms_gmem_merge_truncate_range(struct gms_world *w,
				  struct gms_gmem_inode *inode, u64 start,
				  u64 end, bool require_merge)
{
	int r;

	if (!(inode->flags & GUEST_MEMFD_FLAG_HUGETLB)) {
		gms_gmem_truncate_range(w, inode, start, end);
		return 0;
	}
	end = MIN(end, inode->size >> GMS_PAGE_SHIFT);
	/* unmap_mapping_pages() */
	gms_mm_unmap_mapping_range(w, inode, start, end);
	if (kvm_gmem_has_safe_refcount(w, inode, start, end, NULL)) {
		r = merge_folios_in_range(w, inode, start, end);
		if (r && require_merge)
			return r;
	} else if (require_merge) {
		return -EAGAIN;
	}
	/* eviction: what did not merge is truncated piece by piece */
	gms_gmem_truncate_range(w, inode, start, end);
	return 0;
}

/* mirrors: kvm_gmem_punch_hole() */
static int kvm_gmem_punch_hole(struct gms_world *w, struct gms_lock_ctx *ctx,
			       struct gms_gmem_inode *inode, u64 offset,
			       u64 len)
{
	u64 start = offset >> GMS_PAGE_SHIFT;
	u64 end = (offset + len) >> GMS_PAGE_SHIFT;
	int r;

	/*
	 * Bindings must be stable across invalidation to ensure the start+end
	 * are balanced.
	 */
	if (!gms_lock_try(w, ctx, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	/*
	 * The HT code splits the private leaves crossing the edges after
	 * invalidate_begin and before the zap; the model's invalidate_begin
	 * zaps too, so the split runs first, in the same atomic step.
	 */
	r = gms_gmem_split_private(inode, start, end);
	if (r)
		goto out;
	gms_gmem_invalidate_begin(w, inode, start, end);
	r = gms_gmem_merge_truncate_range(w, inode, start, end, true);
	gms_gmem_invalidate_end(inode, start, end);
out:
	gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, inode);
	return r;
}

/* mirrors: kvm_gmem_allocate() */
static int kvm_gmem_allocate(struct gms_world *w, struct gms_lock_ctx *ctx,
			     struct gms_gmem_inode *inode, u64 offset, u64 len)
{
	u64 start, end, index;
	int r = 0;

	/* Dedicated guest is immutable by default. */
	if (offset + len > inode->size)
		return -EINVAL;
	/* a punch between invalidate_begin and _end holds it exclusively */
	if (!gms_lock_try(w, ctx, GMS_LOCK_INVALIDATE, inode, GMS_LOCK_SHARED))
		return -GMS_EBLOCKED;
	start = offset >> GMS_PAGE_SHIFT;
	end = (offset + len) >> GMS_PAGE_SHIFT;
	for (index = start; index < end;) {
		struct gms_folio *folio = gms_gmem_get_folio(w, inode, index);

		if (!folio) {
			r = -ENOMEM;
			break;
		}
		index = gms_folio_next_index(folio);
		/* 64-bit only, wrapping the index should be impossible. */
		if (GMS_WARN_ON_ONCE(w, !index))
			break;
	}
	gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, inode);
	return r;
}

/*
 * mirrors: the mode and alignment checks that open kvm_gmem_fallocate();
 * the HT code aligns to PAGE_SIZE << page_order (PAGE_SIZE for order 0)
 */
int gms_gmem_fallocate_check(const struct gms_gmem_inode *inode, int mode,
			     s64 offset, s64 len)
{
	u64 page_size = GMS_PAGE_SIZE << inode->page_order;

	if (!(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (((u64)offset & (page_size - 1)) || ((u64)len & (page_size - 1)))
		return -EINVAL;
	return 0;
}

/* mirrors: kvm_gmem_fallocate() */
int gms_gmem_fallocate(struct gms_world *w, struct gms_lock_ctx *ctx,
		       struct gms_gmem_file *f, int mode, s64 offset, s64 len)
{
	int r = gms_gmem_fallocate_check(f->inode, mode, offset, len);

	if (r)
		return r;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return kvm_gmem_punch_hole(w, ctx, f->inode, offset, len);
	return kvm_gmem_allocate(w, ctx, f->inode, offset, len);
}

/*
 * Take @class on @obj for @ctx unless @ctx holds it already: a task takes
 * kvm_gmem_release()'s locks one step at a time, then runs it.
 */
static bool lock_or_held(struct gms_world *w, struct gms_lock_ctx *ctx,
			 enum gms_lock_class class, const void *obj)
{
	if (gms_lock_held_by(ctx, class, obj))
		return true;
	return gms_lock_try(w, ctx, class, obj, GMS_LOCK_EXCLUSIVE);
}

/*
 * The two locks of kvm_gmem_release() in its order: slots_lock, then the
 * invalidate lock (mutant release-lock-order: the other way round).
 */
void gms_gmem_release_lock_order(struct gms_world *w,
				 enum gms_lock_class order[2],
				 const void *objs[2], struct gms_gmem_file *f)
{
	bool inverted = gms_mutant(w, GMS_MUTANT_RELEASE_LOCK_ORDER);

	order[inverted] = GMS_LOCK_SLOTS;
	objs[inverted] = f->kvm;
	order[!inverted] = GMS_LOCK_INVALIDATE;
	objs[!inverted] = f->inode;
}

/*
 * mirrors: kvm_gmem_release(). -GMS_EBLOCKED (nothing changed) when a lock
 * is held by another context; a lock @ctx took earlier is not taken again.
 */
int gms_gmem_release(struct gms_world *w, struct gms_lock_ctx *ctx,
		     struct gms_gmem_file *f)
{
	struct gms_gmem_inode *inode = f->inode;
	enum gms_lock_class order[2];
	const void *objs[2];
	const struct gms_range *r;
	bool held;

	/* mutex_lock(&kvm->slots_lock); filemap_invalidate_lock() */
	gms_gmem_release_lock_order(w, order, objs, f);
	held = gms_lock_held_by(ctx, order[0], objs[0]);
	if (!held &&
	    !gms_lock_try(w, ctx, order[0], objs[0], GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	if (!lock_or_held(w, ctx, order[1], objs[1])) {
		if (!held)
			gms_lock_release(w, ctx, order[0], objs[0]);
		return -GMS_EBLOCKED;
	}
	for (r = gms_range_map_next(&f->bindings, NULL); r;
	     r = gms_range_map_next(&f->bindings, r))
		gms_memslot_set_gmem_file((struct gms_memslot *)r->val, NULL);
	/*
	 * All in-flight operations are gone and new bindings can be created.
	 * Zap all SPTEs pointed at by this file. Do not free the backing
	 * memory: its lifetime is the inode's, not the file's.
	 */
	__kvm_gmem_invalidate_begin(f, 0, G_MAXUINT64,
				    kvm_gmem_get_invalidate_filter(w, inode));
	__kvm_gmem_invalidate_end(f, 0, G_MAXUINT64);
	inode->files = g_list_remove(inode->files, f);
	gms_lock_release(w, ctx, order[1], objs[1]);
	gms_lock_release(w, ctx, order[0], objs[0]);
	/* xa_destroy(&f->bindings); kfree(f) */
	gms_range_map_store(&f->bindings, 0, G_MAXUINT64, 0);
	f->freed = true;
	gms_world_bury(w, GMS_OBJ_FILE, f);
	/*
	 * kvm_put_kvm() ends ->release, so the VM may be destroyed (its ASID
	 * freed) before __fput() evicts the inode and frees the folios.
	 */
	gms_gmem_owner_release(w, f);
	return 0;
}

/* mirrors: kvm_gmem_get_file(): get_file_active(&slot->gmem.file) */
static struct gms_gmem_file *kvm_gmem_get_file(struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;

	/*
	 * Do not return slot->gmem.file if it has already been closed; there
	 * might be some time between the last fput() and when
	 * kvm_gmem_release() clears slot->gmem.file.
	 */
	if (!f || f->freed || f->dying || !f->f_count)
		return NULL;
	return f;
}

/* mirrors: kvm_gmem_supports_mmap() */
bool gms_gmem_supports_mmap(const struct gms_gmem_inode *inode)
{
	return inode->flags & GUEST_MEMFD_FLAG_MMAP;
}

static int kvm_gmem_fault_user_mapping_locked(struct gms_world *w,
					      struct gms_gmem_inode *inode,
					      u64 pgoff, u64 *pfn);

/*
 * mirrors: kvm_gmem_fault_user_mapping(): the host fault on a guest_memfd
 * mapping. The folio's reference goes to the caller's pte.
 */
int gms_gmem_fault_user_mapping(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 pgoff,
				u64 *pfn)
{
	struct gms_folio *folio;

	if ((pgoff << GMS_PAGE_SHIFT) >= inode->size)
		return -GMS_ESIGBUS;
	/* the series: the attribute is read under the invalidate lock */
	if (gms_gmem_in_place_conversion(w))
		return kvm_gmem_fault_user_mapping_locked(w, inode, pgoff, pfn);
	/* upstream: INIT_SHARED; convert=in-place-*: the page's own state */
	if (!gms_gmem_is_shared(inode, pgoff))
		return -GMS_ESIGBUS;
	folio = gms_gmem_get_folio(w, inode, pgoff);
	if (!folio)
		return -ENOMEM; /* vmf_error(-ENOMEM): VM_FAULT_OOM */
	/* the HT code: WARN_ON_ONCE(folio_test_large(folio)), SIGBUS */
	if (GMS_WARN_ON_ONCE(w, folio->order))
		return -GMS_ESIGBUS;
	if (!folio->uptodate) {
		gms_physmem_clear(&w->physmem, folio->pfn);
		folio->uptodate = true;
	}
	gms_physmem_get(&w->physmem, folio->pfn);
	*pfn = folio->pfn;
	return 0;
}

/*
 * The series' kvm_gmem_fault_user_mapping() after the size check: the
 * attribute and the folio under filemap_invalidate_lock_shared(); a private
 * index is -EACCES, VM_FAULT_SIGBUS. The host's fault is the scenario's
 * own thread: a conversion or punch in progress holds it off (blocked).
 */
static int kvm_gmem_fault_user_mapping_locked(struct gms_world *w,
					      struct gms_gmem_inode *inode,
					      u64 pgoff, u64 *pfn)
{
	struct gms_folio *folio = NULL;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_SHARED))
		return -GMS_EBLOCKED;
	if (gms_gmem_is_shared(inode, pgoff))
		folio = gms_gmem_get_folio(w, inode, pgoff);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
	if (!gms_gmem_is_shared(inode, pgoff))
		return -GMS_ESIGBUS;
	if (!folio)
		return -ENOMEM;
	if (GMS_WARN_ON_ONCE(w, folio->order))
		return -GMS_ESIGBUS;
	if (!folio->uptodate) {
		gms_physmem_clear(&w->physmem, folio->pfn);
		folio->uptodate = true;
	}
	gms_physmem_get(&w->physmem, folio->pfn);
	*pfn = folio->pfn;
	return 0;
}

/* mirrors: kvm_gmem_set_policy() -> mpol_set_shared_policy() (6.19) */
void gms_gmem_set_policy(struct gms_gmem_inode *inode, u64 start, u64 end,
			 uintptr_t pol)
{
	/* shared_policy_replace(): the new range replaces what it overlaps */
	gms_range_map_store(&inode->policy, start, end, pol);
}

/*
 * mirrors: kvm_gmem_get_policy(): the policy at @pgoff or none (NULL: the
 * caller falls back to the default policy, not the task's), and *ilx,
 * which abi= decides (6.19 stored the offset, 7.2 inode->i_ino)
 */
uintptr_t gms_gmem_get_policy(const struct gms_world *w,
			      const struct gms_gmem_inode *inode, u64 pgoff,
			      u64 *ilx)
{
	*ilx = gms_abi_gmem_ilx(w, inode->id, pgoff);
	/* mpol_shared_policy_lookup() */
	return gms_range_map_load(&inode->policy, pgoff);
}

/*
 * mirrors: kvm_gmem_mmap(); @flags are the mapping's MAP_* flags. The
 * restricted-mmap proposal (mmap=all-or-nothing) adds its checks after.
 */
int gms_gmem_mmap(struct gms_world *w, struct gms_gmem_file *f, u32 flags,
		  u64 pgoff, u64 len)
{
	if (!gms_gmem_supports_mmap(f->inode))
		return -ENODEV;
	/* Copy-on-write is not allowed. */
	if (!(flags & GMS_MAP_SHARED))
		return -EINVAL;
	return gms_gmem_restricted_mmap(w, f, pgoff, len);
}

/*
 * The in-place conversion series (convert=in-place): Ackerley Tng and Sean
 * Christopherson, "guest_memfd: In-place conversion support" v13, applied in
 * linux-next next-20260923 (799c9fadc639 "Add base support for
 * KVM_SET_MEMORY_ATTRIBUTES2", dcde2f853ff4 "Ensure pages are not in use
 * before conversion", 6fa1dab756fd "Call arch make_shared callback for
 * to-shared conversion", 856852ef2108 "Return early if range already has
 * requested attributes"). The knob is the series' own module parameter,
 * gmem_in_place_conversion (gms_gmem_in_place_conversion()). The inode's
 * attributes are the range map inode->shared: 1 where shared, none where
 * private (the series' maple tree of PRIVATE/0 values, neighbours merged).
 */

/* mirrors: kvm_gmem_range_has_attributes() */
static bool kvm_gmem_range_has_attributes(struct gms_gmem_inode *inode,
					  u64 start, u64 end, bool to_private)
{
	return gms_range_map_all(&inode->shared, start, end, !to_private);
}

/* mirrors: __folio_has_outstanding_references() */
static bool __folio_has_outstanding_references(struct gms_world *w,
					       struct gms_folio *folio)
{
	struct gms_page *p = gms_physmem_page(&w->physmem, folio->pfn);

	if (p->pincount || p->mapcount)
		return true;
	/* the page cache's own reference: the model holds no batch one */
	return p->refcount != 1;
}

/* mirrors: kvm_gmem_has_outstanding_references(); @err_index: the first */
static bool kvm_gmem_has_outstanding_references(struct gms_world *w,
						struct gms_gmem_inode *inode,
						u64 start, u64 end,
						u64 *err_index)
{
	struct gms_folio *folio;

	/* mutant convert-no-refcount: a pinned or mapped page turns private */
	if (gms_mutant(w, GMS_MUTANT_CONVERT_NO_REFCOUNT))
		return false;
	gms_page_cache_for_each(&inode->pages, folio, start, end) {
		if (__folio_has_outstanding_references(w, folio)) {
			*err_index = MAX(start, folio->index);
			return true;
		}
	}
	return false;
}

/* mirrors: kvm_gmem_make_shared(): the arch hook on every populated folio */
static void kvm_gmem_make_shared(struct gms_world *w,
				 struct gms_gmem_inode *inode, u64 start,
				 u64 end)
{
	struct gms_folio *folio;

	if (!inode->arch->gmem_make_shared)
		return;
	gms_page_cache_for_each(&inode->pages, folio, start, end)
		inode->arch->gmem_make_shared(w, folio->pfn);
}

/*
 * Not kernel code, the model's bookkeeping of content: a page converted to
 * private in place holds what it held (the in-place payload), and the guest
 * that asked for the conversion takes it as its own, so the integrity
 * invariant judges what comes after, not the hand-over itself; what the
 * host put there is no secret of the guest's until the guest writes.
 */
static void gmem_adopt_contents(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 start,
				u64 end, const struct gms_kvm *kvm)
{
	struct gms_folio *folio;

	gms_page_cache_for_each(&inode->pages, folio, start, end) {
		struct gms_page *p = gms_physmem_page(&w->physmem, folio->pfn);

		if (!p->tag)
			continue;
		/* the guest's now (integrity), and no secret (confidentiality) */
		p->writer = kvm->guest;
		p->private_data = false;
	}
}

/*
 * __kvm_gmem_set_attributes() up to the invalidation window: the invalidate
 * lock, the early return (1, the lock dropped), to-private's unmap and
 * reference check (-EAGAIN, the lock dropped), then invalidate_start; 0
 * with the lock held. The conversion task runs it as its first step.
 */
int gms_gmem_set_attributes_begin(struct gms_world *w, struct gms_lock_ctx *ctx,
				  struct gms_gmem_file *f, u64 start, u64 end,
				  bool to_private, u64 *err_index)
{
	struct gms_gmem_inode *inode = f->inode;

	if (!gms_lock_try(w, ctx, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	if (kvm_gmem_range_has_attributes(inode, start, end, to_private))
		goto out_unlock;
	/* kvm_gmem_mas_preallocate(): a range map store cannot fail */
	if (to_private) {
		gms_mm_unmap_mapping_range(w, inode, start, end);
		if (kvm_gmem_has_outstanding_references(w, inode, start, end,
							err_index)) {
			gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, inode);
			return -EAGAIN;
		}
	}
	/*
	 * The HT code: to shared, the private leaves crossing the batch's
	 * edges split before the zap (the model's invalidate_begin zaps, so
	 * in the same step, first); an error aborts the batch unchanged.
	 */
	if (!to_private && gms_gmem_split_private(inode, start, end)) {
		*err_index = start;
		gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, inode);
		return -EAGAIN; /* a failed split */
	}
	/*
	 * From this point on guest_memfd has performed necessary checks and
	 * can proceed to do guest-breaking changes. The filter is the side
	 * being left; mutant convert-no-zap keeps the private mappings.
	 */
	if (to_private || !gms_mutant(w, GMS_MUTANT_CONVERT_NO_ZAP))
		gms_gmem_invalidate_begin_filter(
			inode, start, end,
			to_private ? GMS_FILTER_SHARED : GMS_FILTER_PRIVATE);
	return 0;
out_unlock:
	gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, inode);
	return 1;
}

/*
 * hugetlb=allowed, after the zap: the HT code's kvm_gmem_restructure() of
 * the batch's huge page (split to shared, merge back to private); on
 * -EAGAIN (*@err_index) the batch ends unchanged: invalidate_end, unlock.
 * The conversion task runs it as a step of its own.
 */
int gms_gmem_set_attributes_restructure(struct gms_world *w,
					struct gms_lock_ctx *ctx,
					struct gms_gmem_file *f, u64 start,
					u64 end, bool to_private,
					u64 *err_index)
{
	int r = gms_gmem_hugetlb_convert_restructure(w, f->inode, start, end,
						     to_private, err_index);

	if (r)
		gms_gmem_set_attributes_end(w, ctx, f, start, end, to_private);
	return r;
}

/* inside the window: to-shared's make_shared hook, then the store */
void gms_gmem_set_attributes_store(struct gms_world *w, struct gms_gmem_file *f,
				   u64 start, u64 end, bool to_private)
{
	struct gms_gmem_inode *inode = f->inode;

	if (!to_private)
		kvm_gmem_make_shared(w, inode, start, end);
	gms_gmem_shared_map_init(inode);
	gms_range_map_store(&inode->shared, start, end, !to_private);
	gms_dirty_inode(w, inode); /* kvm_mem_is_private() reads it */
	if (to_private)
		gmem_adopt_contents(w, inode, start, end, f->kvm);
}

/* invalidate_end and the unlock */
void gms_gmem_set_attributes_end(struct gms_world *w, struct gms_lock_ctx *ctx,
				 struct gms_gmem_file *f, u64 start, u64 end,
				 bool to_private)
{
	if (to_private || !gms_mutant(w, GMS_MUTANT_CONVERT_NO_ZAP))
		gms_gmem_invalidate_end(f->inode, start, end);
	gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, f->inode);
}

/* mirrors: __kvm_gmem_set_attributes(); the range in page indices */
/*
 * (the HT code's batches, one huge page at a time, each under the lock;
 * the model drops it between batches, where the HT code holds it across)
 */
static int __kvm_gmem_set_attributes(struct gms_world *w,
				     struct gms_lock_ctx *ctx,
				     struct gms_gmem_file *f, u64 start,
				     u64 end, bool to_private, u64 *err_index)
{
	u64 batch_end;
	int r;

	for (; start < end; start = batch_end) {
		batch_end = gms_gmem_hugetlb_batch_end(f->inode, start, end);
		r = gms_gmem_set_attributes_begin(w, ctx, f, start, batch_end,
						  to_private, err_index);
		if (r > 0)
			continue;
		if (r)
			return r;
		r = gms_gmem_set_attributes_restructure(
			w, ctx, f, start, batch_end, to_private, err_index);
		if (r)
			return r;
		gms_gmem_set_attributes_store(w, f, start, batch_end,
					      to_private);
		gms_gmem_set_attributes_end(w, ctx, f, start, batch_end,
					    to_private);
	}
	return 0;
}

/* mirrors: the argument checks of kvm_gmem_set_attributes(), in its order */
int gms_gmem_set_attributes_check(struct gms_world *w,
				  const struct gms_gmem_file *f, u64 offset,
				  u64 size)
{
	const struct gms_gmem_inode *inode = f->inode;

	if (!gms_gmem_in_place_conversion(w))
		return -ENOTTY;
	/* f->kvm: the VM that created this file (pin=slot-pins-file: none) */
	if (!f->kvm || !f->kvm->arch->has_private_mem)
		return -EINVAL;
	if (size == 0 || offset + size < offset)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(offset) || !GMS_PAGE_ALIGNED(size))
		return -EINVAL;
	if (offset >= inode->size || offset + size > inode->size)
		return -EINVAL;
	return 0;
}

/*
 * mirrors: kvm_gmem_set_attributes(), KVM_SET_MEMORY_ATTRIBUTES2 on the
 * guest_memfd fd (kvm_gmem_ioctl()). @error_offset is written only when the
 * body fails (-EAGAIN). Not modelled: the struct's flags and reserved
 * fields (always 0 here), -EFAULT of copy_from_user(), and -ENOMEM of the
 * maple tree's preallocation.
 */
int gms_gmem_set_attributes(struct gms_world *w, struct gms_lock_ctx *ctx,
			    struct gms_gmem_file *f, u64 offset, u64 size,
			    bool to_private, u64 *error_offset)
{
	u64 err_index = 0;
	int r = gms_gmem_set_attributes_check(w, f, offset, size);

	if (r)
		return r;
	r = __kvm_gmem_set_attributes(w, ctx, f, offset >> GMS_PAGE_SHIFT,
				      (offset + size) >> GMS_PAGE_SHIFT,
				      to_private, &err_index);
	if (r && r != -GMS_EBLOCKED)
		*error_offset = err_index << GMS_PAGE_SHIFT;
	return r;
}

/* mirrors: kvm_gmem_free_folio() -> kvm_arch_gmem_invalidate() */
static void kvm_gmem_free_folio(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 pfn)
{
	if (inode->arch->gmem_invalidate)
		inode->arch->gmem_invalidate(w, pfn);
	/* direct_map=: the NO_DIRECT_MAP series puts the page back */
	gms_gmem_direct_map_free(w, pfn);
}

/*
 * mirrors: kvm_arch_supports_gmem_init_shared(): x86 says !has_private_mem,
 * or gmem_in_place_conversion under the series (b5ed1ee2a7a0); arm64 keeps
 * the __weak default (true).
 */
static bool kvm_arch_supports_gmem_init_shared(const struct gms_kvm *kvm)
{
	return gms_gmem_in_place_conversion(kvm->w) ||
	       !kvm->arch->has_private_mem || kvm->arch->type == GMS_VM_PKVM;
}

/* mirrors: kvm_gmem_alloc_inode() and the inode half of __kvm_gmem_create() */
static struct gms_gmem_inode *kvm_gmem_alloc_inode(struct gms_world *w,
						   const struct gms_kvm *kvm,
						   u64 size, u64 flags)
{
	struct gms_gmem_inode *inode = g_new0(struct gms_gmem_inode, 1);

	inode->id = gms_world_next_id(w);
	inode->size = size;
	inode->flags = flags;
	inode->arch = kvm->arch;
	gms_page_cache_init(&inode->pages);
	/* mpol_shared_policy_init(&info->policy, NULL) */
	gms_range_map_init(&inode->policy);
	/* convert=in-place: kvm_gmem_init_inode()'s attributes */
	if (gms_gmem_in_place_conversion(w))
		gms_gmem_shared_map_init(inode);
	w->inodes = g_list_prepend(w->inodes, inode);
	inode->link = w->inodes; /* O(1) removal: a host may have thousands */
	return inode;
}

/* the gmem_file half of __kvm_gmem_create(), after its kzalloc() */
static void kvm_gmem_file_init(struct gms_world *w, struct gms_gmem_file *f,
			       struct gms_gmem_inode *inode,
			       struct gms_kvm *kvm)
{
	f->inode = inode;
	inode->i_count++;
	f->f_count = 1;
	/* kvm_get_kvm(kvm); f->kvm = kvm (pin=: who the file pins) */
	gms_gmem_owner_init(w, f, kvm);
	gms_range_map_init(&f->bindings);
	inode->files = g_list_prepend(inode->files, f);
}

/* a new view of @inode for @kvm (also the gmem.link proposal's) */
struct gms_gmem_file *gms_gmem_file_new(struct gms_world *w,
					struct gms_gmem_inode *inode,
					struct gms_kvm *kvm)
{
	struct gms_gmem_file *f = g_new0(struct gms_gmem_file, 1);

	f->id = gms_world_next_id(w);
	kvm_gmem_file_init(w, f, inode, kvm);
	return f;
}

/* mirrors: __kvm_gmem_create(): the gmem_file, the inode, the fd */
static int __kvm_gmem_create(struct gms_world *w, struct gms_kvm *kvm, u64 size,
			     u64 flags, u8 page_order)
{
	struct gms_gmem_file *f = g_new0(struct gms_gmem_file, 1);
	struct gms_gmem_inode *inode;
	int r;

	f->id = gms_world_next_id(w);
	inode = kvm_gmem_alloc_inode(w, kvm, size, flags);
	/* kvm_gmem_init_inode() -> gmem_hugetlb_init(): the reservation */
	r = gms_gmem_hugetlb_init(w, inode, flags, size, page_order);
	if (r) {
		/* err_inode: iput() of an inode nobody saw */
		w->inodes = g_list_delete_link(w->inodes, inode->link);
		gms_page_cache_destroy(&inode->pages);
		gms_range_map_destroy(&inode->policy);
		gms_range_map_destroy(&inode->shared);
		g_free(inode);
		g_free(f); /* err_gmem */
		return r;
	}
	kvm_gmem_file_init(w, f, inode, kvm);
	return gms_fd_install(w, GMS_FD_GMEM, f);
}

/*
 * mirrors: kvm_gmem_get_supported_flags() (kvm_host.h); @kvm NULL is
 * KVM_CHECK_EXTENSION on /dev/kvm. mmap=none is the kernel before
 * GUEST_MEMFD_FLAG_MMAP; direct_map=remove adds the series' NO_DIRECT_MAP.
 */
u64 gms_gmem_get_supported_flags(struct gms_world *w, const struct gms_kvm *kvm)
{
	u64 flags = gms_gmem_mmap_flag_supported(w);

	if (flags && (!kvm || kvm_arch_supports_gmem_init_shared(kvm)))
		flags |= GUEST_MEMFD_FLAG_INIT_SHARED |
			 gms_gmem_write_flag_supported(w);
	if (gms_gmem_direct_map_flag_supported(w, kvm))
		flags |= GUEST_MEMFD_FLAG_NO_DIRECT_MAP;
	/* hugetlb=allowed: the HugeTLB guest_memfd series */
	if (w->policy.hugetlb == GMS_HUGETLB_ALLOWED)
		flags |= GUEST_MEMFD_FLAG_HUGETLB;
	return flags;
}

/* mirrors: kvm_gmem_create(); the fd, or -errno */
int gms_gmem_create(struct gms_world *w, struct gms_kvm *kvm, u64 size,
		    u64 flags)
{
	return gms_gmem_create_order(w, kvm, size, flags, 0);
}

/*
 * mirrors: the HT code's kvm_gmem_create(), args->page_order and all; in
 * mainline (hugetlb=refused) HUGETLB is no supported flag and a non-zero
 * page_order (there, the first reserved word) is EINVAL as the HT code's
 * first check makes it. The model takes the field as a u64: an order
 * beyond a u8 is no valid order either.
 */
int gms_gmem_create_order(struct gms_world *w, struct gms_kvm *kvm, u64 size,
			  u64 flags, u64 page_order)
{
	u8 order = 0;

	if (flags & ~gms_gmem_get_supported_flags(w, kvm))
		return -EINVAL;
	if (page_order && !(flags & GUEST_MEMFD_FLAG_HUGETLB))
		return -EINVAL;
	if (flags & GUEST_MEMFD_FLAG_HUGETLB) {
		if (flags & GUEST_MEMFD_FLAG_INIT_SHARED)
			return -EINVAL;
		if (page_order > G_MAXUINT8 ||
		    !gms_gmem_hugetlb_valid_order((u8)page_order))
			return -EINVAL;
		order = (u8)page_order;
	}
	/* size is a loff_t */
	if ((s64)size <= 0 || (size & ((GMS_PAGE_SIZE << order) - 1)))
		return -EINVAL;
	return __kvm_gmem_create(w, kvm, size, flags, order);
}

/* mirrors: kvm_gmem_bind() */
int gms_gmem_bind(struct gms_world *w, struct gms_kvm *kvm,
		  struct gms_memslot *slot, int fd, s64 offset)
{
	u64 size = slot->npages << GMS_PAGE_SHIFT;
	struct gms_gmem_inode *inode;
	struct gms_gmem_file *f;
	u64 start, end;
	int r;

	f = gms_fdget_obj(w, fd, GMS_FD_GMEM, -EINVAL, &r);
	if (!f)
		return r;
	/* bind=: upstream refuses another VM's file here */
	r = gms_gmem_owner_check(w, f, kvm);
	if (r)
		return r;
	inode = f->inode;
	/* the offset checks; abi=6.18 adds in loff_t */
	if (!gms_abi_bind_range_ok(w, offset, size, inode->size))
		return -EINVAL;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	start = (u64)offset >> GMS_PAGE_SHIFT;
	end = start + slot->npages;
	if (gms_range_map_find(&f->bindings, start, end)) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
		return gms_abi_bind_overlap_errno(w);
	}
	/* bind=, pin=: who owns the file once @kvm binds it; upstream: no-op */
	r = gms_gmem_owner_bind(w, f, kvm);
	if (r) {
		gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
		return r;
	}
	/*
	 * memslots of flag KVM_MEM_GUEST_MEMFD are immutable to change, so
	 * kvm_gmem_bind() must occur on a new memslot. Because the memslot
	 * is not visible yet, kvm_gmem_get_pfn() is guaranteed to see the file.
	 */
	gms_memslot_set_gmem_file(slot, f);
	slot->gmem.pgoff = start;
	/* the series: every slot faults from guest_memfd (2e646bcfcf90) */
	if (gms_gmem_in_place_conversion(w) || gms_gmem_supports_mmap(inode))
		slot->flags |= KVM_MEMSLOT_GMEM_ONLY;
	gms_range_map_store(&f->bindings, start, end, (uintptr_t)slot);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, inode);
	return 0;
}

/*
 * The series' bind in two phases (83411f32b8ad "Split bind() into
 * prepare()+commit() phases", 3fe5d2944e5a "Establish memslot<=>guest_memfd
 * bindings *after* memslot is ready"; convert=in-place): prepare checks and
 * points the new slot at its file, nothing on the file changes; after the
 * arch's prepare, commit publishes the binding under the invalidate lock,
 * -EEXIST there (the slot's file pointer undone).
 */
int gms_gmem_prepare_memory_region(struct gms_world *w, struct gms_kvm *kvm,
				   struct gms_memslot *slot, int fd, s64 offset)
{
	u64 size = slot->npages << GMS_PAGE_SHIFT;
	struct gms_gmem_file *f;
	int r;

	f = gms_fdget_obj(w, fd, GMS_FD_GMEM, -EINVAL, &r);
	if (!f)
		return r;
	r = gms_gmem_owner_check(w, f, kvm);
	if (r)
		return r;
	if (!gms_abi_bind_range_ok(w, offset, size, f->inode->size))
		return -EINVAL;
	gms_memslot_set_gmem_file(slot, f);
	slot->gmem.pgoff = (u64)offset >> GMS_PAGE_SHIFT;
	slot->flags |= KVM_MEMSLOT_GMEM_ONLY; /* gmem_in_place_conversion */
	return 0;
}

/* mirrors: kvm_gmem_commit_memory_region() of the series */
int gms_gmem_commit_memory_region(struct gms_world *w, struct gms_kvm *kvm,
				  struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;
	u64 start = slot->gmem.pgoff, end = start + slot->npages;
	int r = 0;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	if (gms_range_map_find(&f->bindings, start, end))
		r = -EEXIST;
	else
		r = gms_gmem_owner_bind(w, f, kvm);
	if (r)
		gms_memslot_set_gmem_file(slot, NULL);
	else
		gms_range_map_store(&f->bindings, start, end, (uintptr_t)slot);
	gms_dirty_file(w, f);
	gms_lock_release(w, &w->sync, GMS_LOCK_INVALIDATE, f->inode);
	return r;
}

/* mirrors: __kvm_gmem_unbind() */
static void __kvm_gmem_unbind(struct gms_memslot *slot, struct gms_gmem_file *f)
{
	u64 start = slot->gmem.pgoff;

	gms_range_map_store(&f->bindings, start, start + slot->npages, 0);
	/*
	 * synchronize_srcu(&kvm->srcu) ensured that kvm_gmem_get_pfn()
	 * cannot see this memslot.
	 */
	gms_memslot_set_gmem_file(slot, NULL);
}

/*
 * The invalidate lock kvm_gmem_unbind() takes, or NULL for a dying or
 * closed file. A memslot delete takes it before it changes anything, so a
 * delete outside a task is blocked whole (a simplification: the kernel
 * takes it in kvm_gmem_unbind(), after the memslot is already gone).
 */
struct gms_gmem_inode *gms_gmem_unbind_lock_target(struct gms_memslot *slot)
{
	struct gms_gmem_file *f = kvm_gmem_get_file(slot);

	return f ? f->inode : NULL;
}

/*
 * mirrors: kvm_gmem_unbind(). Simplification: the filemap_invalidate_lock()
 * it takes around __kvm_gmem_unbind() is the caller's, taken before the
 * memslot changes (see above); VM teardown, which takes it in the kernel,
 * runs between steps, so no task can be inside the lock then.
 */
void gms_gmem_unbind(struct gms_world *w, struct gms_memslot *slot)
{
	struct gms_gmem_file *f = slot->gmem.file;

	/*
	 * Nothing to do if the underlying file was _already_ closed, as
	 * kvm_gmem_release() invalidates and nullifies all bindings.
	 */
	if (!f)
		return;
	if (GMS_WARN_ON(w, f->freed))
		return;
	/*
	 * However, if the file is _being_ closed, then the bindings need to
	 * be removed as kvm_gmem_release() might not run until after the
	 * memslot is freed (ae431059e75d). mutant release-uaf: the return
	 * before that commit, leaving the binding to a freed memslot.
	 */
	if (!kvm_gmem_get_file(slot) && f->dying &&
	    gms_mutant(w, GMS_MUTANT_RELEASE_UAF))
		return;
	__kvm_gmem_unbind(slot, f);
	/* bind=, pin=: what the proposals do when a binding goes */
	gms_gmem_owner_unbound(w, f);
}

/* mirrors: __kvm_gmem_get_pfn() */
static int __kvm_gmem_get_pfn(struct gms_world *w, struct gms_gmem_file *f,
			      struct gms_memslot *slot, u64 index,
			      struct gms_folio **foliop)
{
	struct gms_gmem_file *slot_file = slot->gmem.file;
	struct gms_folio *folio;

	if (f != slot_file) {
		GMS_WARN_ON_ONCE(w, slot_file);
		return -EFAULT;
	}
	if (gms_range_map_load(&f->bindings, index) != (uintptr_t)slot) {
		GMS_WARN_ON_ONCE(w, gms_range_map_load(&f->bindings, index));
		return -EIO;
	}
	folio = gms_gmem_get_folio(w, f->inode, index);
	if (!folio)
		return -ENOMEM;
	if (folio->hwpoison)
		return -EHWPOISON;
	/* the series zeroes here, so populate does too (cb0544296a33) */
	if (gms_gmem_in_place_conversion(w) && !folio->uptodate) {
		if (!gms_mutant(w, GMS_MUTANT_NO_SCRUB))
			kvm_gmem_clear_folio(w, folio);
		folio->uptodate = true;
	}
	*foliop = folio;
	return 0;
}

/*
 * The body of kvm_gmem_get_pfn() between the file lookup and the put: under
 * the series, inside filemap_invalidate_lock_shared().
 */
static int kvm_gmem_get_pfn_locked(struct gms_world *w, struct gms_kvm *kvm,
				   struct gms_gmem_file *f,
				   struct gms_memslot *slot, u64 gfn, u64 *pfn,
				   int *max_order)
{
	u64 index = gms_gmem_get_index(slot, gfn);
	struct gms_folio *folio;
	int r;

	/* mmap=all-or-nothing: no get_pfn() while the file is mapped */
	r = gms_gmem_restricted_get_pfn(w, f->inode);
	if (r)
		return r;
	r = __kvm_gmem_get_pfn(w, f, slot, index, &folio);
	if (r)
		return r;
	if (!folio->uptodate) {
		/* mutant no-scrub: the folio keeps what its last owner left */
		if (!gms_mutant(w, GMS_MUTANT_NO_SCRUB))
			kvm_gmem_clear_folio(w, folio);
		folio->uptodate = true;
	}
	/*
	 * every time since "Remove preparation tracking"; under the series
	 * only for a private index (kvm_arch_gmem_make_private(), 3df611b5a04e)
	 */
	if (gms_gmem_in_place_conversion(w) &&
	    gms_gmem_is_shared(f->inode, index))
		r = 0;
	else
		r = kvm_gmem_prepare_folio(w, kvm, slot, gfn, folio);
	if (r)
		return r;
	*pfn = gms_folio_file_pfn(folio, index);
	if (max_order)
		*max_order = folio->order;
	return 0;
}

/*
 * mirrors: kvm_gmem_get_pfn(); returns 0 and the pfn, or -errno. Under the
 * series the whole body holds the invalidate lock shared, so it waits for a
 * conversion or a punch in progress (@ctx: the fault's context).
 */
int gms_gmem_get_pfn(struct gms_world *w, struct gms_lock_ctx *ctx,
		     struct gms_kvm *kvm, struct gms_memslot *slot, u64 gfn,
		     u64 *pfn)
{
	return gms_gmem_get_pfn_order(w, ctx, kvm, slot, gfn, pfn, NULL);
}

int gms_gmem_get_pfn_order(struct gms_world *w, struct gms_lock_ctx *ctx,
			   struct gms_kvm *kvm, struct gms_memslot *slot,
			   u64 gfn, u64 *pfn, int *max_order)
{
	struct gms_gmem_file *f = kvm_gmem_get_file(slot);
	bool locked;
	int r;

	if (!f)
		return -EFAULT;
	locked = gms_gmem_in_place_conversion(w);
	if (locked && !gms_lock_try(w, ctx, GMS_LOCK_INVALIDATE, f->inode,
				    GMS_LOCK_SHARED))
		return -GMS_EBLOCKED;
	r = kvm_gmem_get_pfn_locked(w, kvm, f, slot, gfn, pfn, max_order);
	if (locked)
		gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, f->inode);
	return r;
}

/* mirrors: __kvm_gmem_populate(): one page, under the invalidate lock */
static int __kvm_gmem_populate(struct gms_world *w, struct gms_lock_ctx *ctx,
			       struct gms_kvm *kvm, struct gms_memslot *slot,
			       struct gms_gmem_file *f, u64 gfn, const u64 *src)
{
	u64 index = gms_gmem_get_index(slot, gfn);
	struct gms_folio *folio;
	int r;

	if (!gms_lock_try(w, ctx, GMS_LOCK_INVALIDATE, f->inode,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	/* no zeroing and no prepare: post_populate() writes the page */
	r = __kvm_gmem_get_pfn(w, f, slot, index, &folio);
	if (r)
		goto out_unlock;
	if (!gms_kvm_mem_is_private(kvm, gfn)) {
		r = -EINVAL;
		goto out_unlock;
	}
	r = kvm->arch->post_populate(w, kvm, gfn,
				     gms_folio_file_pfn(folio, index), src);
	if (!r)
		folio->uptodate = true;
out_unlock:
	gms_lock_release(w, ctx, GMS_LOCK_INVALIDATE, f->inode);
	return r;
}

/*
 * mirrors: kvm_gmem_populate() for one page, under the launch ioctl's
 * slots_lock (held by @ctx). The model names the page by its offset in
 * @f (the gfn is where a memslot binds it), where the kernel takes a gfn
 * and a source page: @src is the source's content, NULL for none.
 */
int gms_gmem_populate(struct gms_world *w, struct gms_lock_ctx *ctx,
		      struct gms_gmem_file *f, u64 index, const u64 *src)
{
	struct gms_kvm *kvm = f->kvm;
	struct gms_memslot *slot;

	/* lockdep_assert_held(&kvm->slots_lock) */
	GMS_WARN_ON(w, !gms_lock_held_by(ctx, GMS_LOCK_SLOTS, kvm));
	slot = (struct gms_memslot *)gms_range_map_load(&f->bindings, index);
	if (!slot)
		return -EINVAL; /* !kvm_slot_has_gmem(slot) */
	return __kvm_gmem_populate(w, ctx, kvm, slot, f,
				   slot->base_gfn + index - slot->gmem.pgoff,
				   src);
}

/*
 * mirrors: iput() of a guest_memfd inode: the last file is gone, evict()
 * truncates the page cache (truncate_inode_pages_final()) and
 * kvm_gmem_destroy_inode()/kvm_gmem_free_inode() free it.
 */
void gms_gmem_iput(struct gms_world *w, struct gms_gmem_inode *inode)
{
	if (--inode->i_count)
		return;
	/* kvm_gmem_evict_inode(): merge if it can, truncate regardless */
	gms_gmem_merge_truncate_range(w, inode, 0, G_MAXUINT64, false);
	gms_gmem_hugetlb_teardown(w, inode);
	/* kvm_gmem_destroy_inode(): mpol_free_shared_policy() */
	gms_range_map_destroy(&inode->policy);
	inode->freed = true;
	w->inodes = g_list_delete_link(w->inodes, inode->link);
	inode->link = NULL;
	gms_world_bury(w, GMS_OBJ_INODE, inode);
}
