// SPDX-License-Identifier: GPL-2.0
/*
 * Punch hole, memslot delete and guest_memfd close as tasks, split where the
 * kernel takes or drops the locks that order them against each other.
 */
#include <gmemsim/fingerprint.h>
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/task.h>
#include <gmemsim/uapi.h>
#include <gmemsim/world.h>

/* --- KVM_SET_MEMORY_ATTRIBUTES: begin, store, end under slots_lock */

struct attr_task {
	int vm_fd;
	struct gms_memory_attributes attrs;
	struct gms_kvm *kvm; /* counted: the ioctl holds the VM file */
	u64 start, end;
};

enum { A_BEGIN, A_STORE, A_END };
static const char *const attr_steps[] = { "begin", "store", "end", NULL };

static enum gms_task_status attr_done(struct gms_world *w, struct gms_task *t,
				      int r)
{
	struct attr_task *at = t->ctx;

	gms_lock_release_all(w, &t->lock);
	if (at->kvm)
		gms_kvm_put(w, at->kvm);
	t->ret = r;
	return GMS_TASK_DONE;
}

/* mirrors: kvm_vm_ioctl_set_mem_attributes() to kvm_handle_gfn_range(begin) */
static enum gms_task_status attr_begin(struct gms_world *w, struct gms_task *t)
{
	struct attr_task *at = t->ctx;
	struct gms_fd *e = gms_fd_get(w, at->vm_fd);
	struct gms_kvm *kvm;
	int r;

	if (!e)
		return attr_done(w, t, -EBADF);
	if (e->kind != GMS_FD_VM)
		return attr_done(w, t, -ENOTTY);
	kvm = e->obj;
	r = gms_kvm_check_mem_attributes(kvm, &at->attrs);
	if (r)
		return attr_done(w, t, r);
	if (!gms_lock_try(w, &t->lock, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return GMS_TASK_BLOCKED;
	gms_kvm_get(kvm);
	at->kvm = kvm;
	at->start = at->attrs.address >> GMS_PAGE_SHIFT;
	at->end = (at->attrs.address + at->attrs.size) >> GMS_PAGE_SHIFT;
	if (!gms_kvm_set_mem_attributes_begin(kvm, at->start, at->end,
					      at->attrs.attributes))
		return attr_done(w, t, 0);
	t->step = A_STORE;
	return GMS_TASK_RAN;
}

static enum gms_task_status attr_step(struct gms_world *w, struct gms_task *t)
{
	struct attr_task *at = t->ctx;

	switch (t->step) {
	case A_BEGIN:
		return attr_begin(w, t);
	case A_STORE:
		gms_kvm_set_mem_attributes_store(at->kvm, at->start, at->end,
						 at->attrs.attributes);
		t->step = A_END;
		return GMS_TASK_RAN;
	default:
		gms_kvm_set_mem_attributes_end(at->kvm);
		return attr_done(w, t, 0);
	}
}

static void attr_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct attr_task *at = t->ctx;

	gms_fp_fd(fp, at->vm_fd);
	gms_fp_u64(fp, at->attrs.address);
	gms_fp_u64(fp, at->attrs.size);
	gms_fp_u64(fp, at->attrs.attributes);
	gms_fp_u64(fp, at->attrs.flags);
	gms_fp_obj(fp, GMS_OBJ_KVM, at->kvm);
	gms_fp_u64(fp, at->start);
	gms_fp_u64(fp, at->end);
}

static const struct gms_task_ops attr_task_ops = {
	.what = "set memory attributes",
	.steps = attr_steps,
	.step = attr_step,
	.fingerprint = attr_fingerprint,
};

struct gms_task *gms_task_set_attributes(struct gms_world *w, int vm_fd,
					 const struct gms_memory_attributes *a)
{
	struct attr_task *at = g_new0(struct attr_task, 1);

	at->vm_fd = vm_fd;
	at->attrs = *a;
	return gms_task_new(w, &attr_task_ops, at);
}

/* --- the last fput() of a guest_memfd: __fput() as steps of its task */

struct last_fput {
	struct gms_gmem_file *f;
	struct gms_gmem_inode *inode;
	enum gms_lock_class order[2];
	const void *objs[2];
	int stage; /* the first lock; the second and release; iput */
};

static void fput_fingerprint(struct gms_fp *fp, const struct last_fput *lf)
{
	gms_fp_obj(fp, GMS_OBJ_FILE, lf->f);
	gms_fp_obj(fp, GMS_OBJ_INODE, lf->inode);
	gms_fp_lock_obj(fp, lf->order[0], lf->objs[0]);
	gms_fp_lock_obj(fp, lf->order[1], lf->objs[1]);
	gms_fp_u64(fp, lf->stage);
}

/* mirrors: fput(): true when this was the last reference */
static bool fput_last(struct gms_world *w, struct last_fput *lf,
		      struct gms_gmem_file *f)
{
	if (--f->f_count)
		return false;
	f->dying = true; /* get_file_active() fails from here on */
	lf->f = f;
	lf->inode = f->inode;
	lf->stage = 0;
	gms_gmem_release_lock_order(w, lf->order, lf->objs, f);
	return true;
}

/*
 * mirrors: __fput() (task_work at the return to user space):
 * kvm_gmem_release() under its two locks, then iput() evicts the inode.
 */
static enum gms_task_status fput_step(struct gms_world *w, struct gms_task *t,
				      struct last_fput *lf)
{
	switch (lf->stage) {
	case 0:
		t->ran = gms_lock_class_name(lf->order[0]);
		if (!gms_lock_try(w, &t->lock, lf->order[0], lf->objs[0],
				  GMS_LOCK_EXCLUSIVE))
			return GMS_TASK_BLOCKED;
		lf->stage = 1;
		return GMS_TASK_RAN;
	case 1:
		/* with the first lock held, it takes the second itself */
		if (gms_gmem_release(w, &t->lock, lf->f))
			return GMS_TASK_BLOCKED;
		t->ran = "release: kvm_gmem_release()";
		lf->stage = 2;
		return GMS_TASK_RAN;
	default:
		t->ran = "iput";
		gms_gmem_iput(w, lf->inode);
		t->ret = 0;
		return GMS_TASK_DONE;
	}
}

/* --- kvm_gmem_punch_hole(): begin, truncate, end under the invalidate lock */

struct punch_task {
	int fd;
	s64 offset, len;
	struct gms_gmem_file *f; /* counted while the syscall runs */
	u64 start, end;
	int ret; /* merge_truncate_range()'s */
	struct last_fput lf; /* when the fd was closed meanwhile */
};

enum { P_BEGIN, P_TRUNCATE, P_END, P_LAST };
static const char *const punch_steps[] = { "begin", "truncate", "end", "__fput",
					   NULL };

/* mirrors: vfs_fallocate() + kvm_gmem_fallocate() to kvm_gmem_invalidate_begin() */
static enum gms_task_status punch_begin(struct gms_world *w, struct gms_task *t)
{
	struct punch_task *pt = t->ctx;
	struct gms_gmem_file *f;
	int r = gms_sys_fallocate_check(
		w, pt->fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE,
		pt->offset, pt->len, &f);

	if (r || !f) {
		t->ret = r;
		return GMS_TASK_DONE;
	}
	if (!gms_lock_try(w, &t->lock, GMS_LOCK_INVALIDATE, f->inode,
			  GMS_LOCK_EXCLUSIVE))
		return GMS_TASK_BLOCKED;
	gms_gmem_file_get(f);
	pt->f = f;
	pt->start = (u64)pt->offset >> GMS_PAGE_SHIFT;
	pt->end = (u64)(pt->offset + pt->len) >> GMS_PAGE_SHIFT;
	/*
	 * hugetlb=allowed: the HT code's kvm_gmem_split_private(). Nothing in
	 * the model splits here: a punch is aligned to the file's page size
	 * (gms_gmem_fallocate_check()) and a huge leaf to its folio
	 * (level_fits()), so no leaf crosses the punch's edges. The error
	 * path stays in the series' order for a model where one can.
	 */
	r = gms_gmem_split_private(f->inode, pt->start, pt->end);
	if (r) {
		gms_lock_release(w, &t->lock, GMS_LOCK_INVALIDATE, f->inode);
		gms_gmem_file_put(w, f);
		t->ret = r; /* the split's error */
		return GMS_TASK_DONE;
	}
	gms_gmem_invalidate_begin(w, f->inode, pt->start, pt->end);
	t->step = P_TRUNCATE;
	return GMS_TASK_RAN;
}

static enum gms_task_status punch_step(struct gms_world *w, struct gms_task *t)
{
	struct punch_task *pt = t->ctx;
	struct gms_gmem_inode *inode;

	switch (t->step) {
	case P_BEGIN:
		return punch_begin(w, t);
	case P_TRUNCATE:
		/*
		 * the HT code's merge_truncate_range(require_merge): a HugeTLB
		 * file merges each huge page back first, -EAGAIN when a piece
		 * is referenced (nothing truncated); else truncate_range
		 */
		pt->ret = gms_gmem_merge_truncate_range(
			w, pt->f->inode, pt->start, pt->end, true);
		t->step = P_END;
		return GMS_TASK_RAN;
	case P_END:
		inode = pt->f->inode;
		gms_gmem_invalidate_end(inode, pt->start, pt->end);
		gms_lock_release(w, &t->lock, GMS_LOCK_INVALIDATE, inode);
		t->ret = pt->ret;
		if (!fput_last(w, &pt->lf, pt->f))
			return GMS_TASK_DONE;
		t->step = P_LAST;
		return GMS_TASK_RAN;
	default:
		return fput_step(w, t, &pt->lf);
	}
}

static void punch_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct punch_task *pt = t->ctx;

	gms_fp_fd(fp, pt->fd);
	gms_fp_u64(fp, pt->offset);
	gms_fp_u64(fp, pt->len);
	gms_fp_obj(fp, GMS_OBJ_FILE, pt->f);
	gms_fp_u64(fp, pt->start);
	gms_fp_u64(fp, pt->end);
	gms_fp_u64(fp, (u64)pt->ret);
	fput_fingerprint(fp, &pt->lf);
}

static const struct gms_task_ops punch_task_ops = {
	.what = "punch hole",
	.steps = punch_steps,
	.step = punch_step,
	.fingerprint = punch_fingerprint,
};

struct gms_task *gms_task_punch_hole(struct gms_world *w, int fd, s64 offset,
				     s64 len)
{
	struct punch_task *pt = g_new0(struct punch_task, 1);

	pt->fd = fd;
	pt->offset = offset;
	pt->len = len;
	return gms_task_new(w, &punch_task_ops, pt);
}

/* --- KVM_MR_DELETE: invalidate, then commit, all under slots_lock */

struct delete_task {
	int vm_fd;
	u32 slot;
	struct gms_kvm *kvm; /* counted: the ioctl holds the VM file */
	struct gms_memslot *old;
};

enum { D_INVALIDATE, D_COMMIT };
static const char *const delete_steps[] = { "invalidate", "commit", NULL };

static enum gms_task_status delete_done(struct gms_world *w, struct gms_task *t,
					int r)
{
	struct delete_task *dt = t->ctx;

	gms_lock_release_all(w, &t->lock);
	if (dt->kvm)
		gms_kvm_put(w, dt->kvm);
	t->ret = r;
	return GMS_TASK_DONE;
}

/* mirrors: kvm_set_memory_region() for a delete, to kvm_invalidate_memslot() */
/* slots_lock and the slot: once, however long synchronize_srcu() waits */
static enum gms_task_status delete_lookup(struct gms_world *w,
					  struct gms_task *t)
{
	struct delete_task *dt = t->ctx;
	struct gms_fd *e = gms_fd_get(w, dt->vm_fd);
	u16 as_id = dt->slot >> 16, id = (u16)dt->slot;
	struct gms_kvm *kvm;

	if (!e)
		return delete_done(w, t, -EBADF);
	if (e->kind != GMS_FD_VM)
		return delete_done(w, t, -ENOTTY);
	kvm = e->obj;
	if (!gms_lock_try(w, &t->lock, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return GMS_TASK_BLOCKED;
	gms_kvm_get(kvm);
	dt->kvm = kvm;
	if (id >= KVM_USER_MEM_SLOTS || as_id >= GMS_ADDRESS_SPACE_NUM)
		return delete_done(w, t, -EINVAL);
	dt->old = gms_kvm_id_to_memslot(kvm, as_id, id);
	if (!dt->old || !dt->old->npages)
		return delete_done(w, t, -EINVAL);
	if (gms_kvm_arch_prepare_move_delete(kvm))
		return delete_done(w, t, -EPERM);
	return GMS_TASK_RAN;
}

/* mirrors: kvm_set_memory_region() for a delete, to kvm_invalidate_memslot() */
static enum gms_task_status delete_invalidate(struct gms_world *w,
					      struct gms_task *t)
{
	struct delete_task *dt = t->ctx;
	enum gms_task_status st;

	if (!dt->kvm) {
		st = delete_lookup(w, t);
		if (st != GMS_TASK_RAN)
			return st;
	}
	/* slots_lock stays held while synchronize_srcu() waits */
	if (gms_kvm_synchronize_srcu(w, &t->lock, dt->kvm))
		return GMS_TASK_BLOCKED;
	gms_kvm_delete_memslot_begin(dt->kvm, dt->old);
	t->step = D_COMMIT;
	return GMS_TASK_RAN;
}

/* mirrors: kvm_commit_memory_region() -> kvm_free_memslot() -> kvm_gmem_unbind() */
static enum gms_task_status delete_commit(struct gms_world *w,
					  struct gms_task *t)
{
	struct delete_task *dt = t->ctx;
	struct gms_gmem_inode *inode = gms_gmem_unbind_lock_target(dt->old);

	if (inode && !gms_lock_try(w, &t->lock, GMS_LOCK_INVALIDATE, inode,
				   GMS_LOCK_EXCLUSIVE))
		return GMS_TASK_BLOCKED;
	gms_kvm_delete_memslot_commit(w, dt->kvm, dt->old);
	return delete_done(w, t, 0);
}

static enum gms_task_status delete_step(struct gms_world *w, struct gms_task *t)
{
	return t->step == D_INVALIDATE ? delete_invalidate(w, t) :
					 delete_commit(w, t);
}

static void delete_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct delete_task *dt = t->ctx;

	gms_fp_fd(fp, dt->vm_fd);
	gms_fp_u64(fp, dt->slot);
	gms_fp_obj(fp, GMS_OBJ_KVM, dt->kvm);
	gms_fp_obj(fp, GMS_OBJ_SLOT, dt->old);
}

static const struct gms_task_ops delete_task_ops = {
	.what = "memslot delete",
	.steps = delete_steps,
	.step = delete_step,
	.fingerprint = delete_fingerprint,
};

struct gms_task *gms_task_memslot_delete(struct gms_world *w, int vm_fd,
					 u32 slot)
{
	struct delete_task *dt = g_new0(struct delete_task, 1);

	dt->vm_fd = vm_fd;
	dt->slot = slot;
	return gms_task_new(w, &delete_task_ops, dt);
}

/* --- close(): the last fput() runs __fput(), which may wait for locks */

struct close_task {
	int fd;
	struct last_fput lf;
};

enum { C_FPUT, C_LAST };
static const char *const close_steps[] = { "fput", "__fput", NULL };

/* mirrors: close_fd() + fput(): f_count drops; the last one makes it dying */
static enum gms_task_status close_fput(struct gms_world *w, struct gms_task *t)
{
	struct close_task *ct = t->ctx;
	struct gms_fd *e = gms_fd_get(w, ct->fd);
	struct gms_gmem_file *f;

	if (!e || e->kind != GMS_FD_GMEM) {
		/* a VM fd or a bad one: nothing to race, close it whole */
		t->ret = gms_sys_close(w, ct->fd);
		return GMS_TASK_DONE;
	}
	f = e->obj;
	e->kind = GMS_FD_CLOSED;
	e->obj = NULL;
	if (!fput_last(w, &ct->lf, f)) {
		t->ret = 0;
		return GMS_TASK_DONE;
	}
	t->step = C_LAST;
	return GMS_TASK_RAN;
}

static enum gms_task_status close_step(struct gms_world *w, struct gms_task *t)
{
	struct close_task *ct = t->ctx;

	if (t->step == C_FPUT)
		return close_fput(w, t);
	return fput_step(w, t, &ct->lf);
}

static void close_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct close_task *ct = t->ctx;

	gms_fp_fd(fp, ct->fd);
	fput_fingerprint(fp, &ct->lf);
}

static const struct gms_task_ops close_task_ops = {
	.what = "guest_memfd close",
	.steps = close_steps,
	.step = close_step,
	.fingerprint = close_fingerprint,
};

struct gms_task *gms_task_close(struct gms_world *w, int fd)
{
	struct close_task *ct = g_new0(struct close_task, 1);

	ct->fd = fd;
	return gms_task_new(w, &close_task_ops, ct);
}

/*
 * --- KVM_SET_MEMORY_ATTRIBUTES2 (convert=in-place): __kvm_gmem_set_attributes()
 * in the steps where the series lets others in: begin (the invalidate lock,
 * the checks, to-private's unmap and reference check, invalidate_start),
 * store (make_shared and the attribute, faults meanwhile see the
 * invalidation in progress), end (invalidate_end, the unlock)
 */

struct convert_task {
	int fd;
	u64 offset, len;
	bool to_private;
	struct gms_gmem_file *f; /* counted while the ioctl runs */
	u64 start, end; /* the batch (hugetlb=allowed: one huge page) */
	u64 final_end;
	struct last_fput lf; /* when the fd was closed meanwhile */
};

/*
 * A HugeTLB file converts one huge page a batch, each batch begin,
 * restructure (the split or merge, after the zap), store, end; an order-0
 * file skips restructure and has one batch.
 */
enum { CV_BEGIN, CV_STORE, CV_END, CV_LAST, CV_RESTRUCTURE };
static const char *const convert_steps[] = { "begin",  "store",	      "end",
					     "__fput", "restructure", NULL };

static enum gms_task_status convert_done(struct gms_world *w,
					 struct gms_task *t, int r);

/* the HT code's next batch: the next huge page, from begin */
static enum gms_task_status convert_next_batch(struct gms_world *w,
					       struct gms_task *t)
{
	struct convert_task *ct = t->ctx;

	(void)w;
	ct->start = ct->end;
	ct->end = gms_gmem_hugetlb_batch_end(ct->f->inode, ct->start,
					     ct->final_end);
	t->step = CV_BEGIN;
	return GMS_TASK_RAN;
}

static enum gms_task_status convert_done(struct gms_world *w,
					 struct gms_task *t, int r)
{
	struct convert_task *ct = t->ctx;

	t->ret = r;
	if (!ct->f || !fput_last(w, &ct->lf, ct->f))
		return GMS_TASK_DONE;
	t->step = CV_LAST;
	return GMS_TASK_RAN;
}

/* mirrors: kvm_gmem_ioctl() -> kvm_gmem_set_attributes() to the window */
static enum gms_task_status convert_begin(struct gms_world *w,
					  struct gms_task *t)
{
	struct convert_task *ct = t->ctx;
	struct gms_gmem_file *f = ct->f;
	u64 err_index = 0;
	int r;

	if (!f) {
		f = gms_fdget_obj(w, ct->fd, GMS_FD_GMEM, -ENOTTY, &r);
		if (!f) {
			t->ret = r;
			return GMS_TASK_DONE;
		}
		r = gms_gmem_set_attributes_check(w, f, ct->offset, ct->len);
		if (r) {
			t->ret = r;
			return GMS_TASK_DONE;
		}
		ct->start = ct->offset >> GMS_PAGE_SHIFT;
		ct->final_end = (ct->offset + ct->len) >> GMS_PAGE_SHIFT;
		ct->end = gms_gmem_hugetlb_batch_end(f->inode, ct->start,
						     ct->final_end);
	}
	r = gms_gmem_set_attributes_begin(w, &t->lock, f, ct->start, ct->end,
					  ct->to_private, &err_index);
	if (r == -GMS_EBLOCKED)
		return GMS_TASK_BLOCKED;
	if (r > 0 && ct->end < ct->final_end)
		return convert_next_batch(w, t); /* this huge page is done */
	if (r == -EAGAIN) {
		t->has_offset = true;
		t->offset = err_index << GMS_PAGE_SHIFT;
	}
	if (r) {
		t->ran = r > 0 ? "begin: nothing to change" : "begin";
		return convert_done(w, t, r > 0 ? 0 : r);
	}
	if (!ct->f)
		gms_gmem_file_get(f);
	ct->f = f;
	t->step = f->inode->page_order ? CV_RESTRUCTURE : CV_STORE;
	return GMS_TASK_RAN;
}

/* hugetlb=allowed: kvm_gmem_restructure() of the batch, after the zap */
static enum gms_task_status convert_restructure(struct gms_world *w,
						struct gms_task *t)
{
	struct convert_task *ct = t->ctx;
	u64 err_index = 0;
	int r = gms_gmem_set_attributes_restructure(w, &t->lock, ct->f,
						    ct->start, ct->end,
						    ct->to_private, &err_index);

	if (r) {
		t->has_offset = true;
		t->offset = err_index << GMS_PAGE_SHIFT;
		return convert_done(w, t, r);
	}
	t->step = CV_STORE;
	return GMS_TASK_RAN;
}

static enum gms_task_status convert_step(struct gms_world *w,
					 struct gms_task *t)
{
	struct convert_task *ct = t->ctx;

	switch (t->step) {
	case CV_BEGIN:
		return convert_begin(w, t);
	case CV_RESTRUCTURE:
		return convert_restructure(w, t);
	case CV_STORE:
		gms_gmem_set_attributes_store(w, ct->f, ct->start, ct->end,
					      ct->to_private);
		t->step = CV_END;
		return GMS_TASK_RAN;
	case CV_END:
		gms_gmem_set_attributes_end(w, &t->lock, ct->f, ct->start,
					    ct->end, ct->to_private);
		if (ct->end < ct->final_end)
			return convert_next_batch(w, t);
		return convert_done(w, t, 0);
	default:
		return fput_step(w, t, &ct->lf);
	}
}

static void convert_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct convert_task *ct = t->ctx;

	gms_fp_fd(fp, ct->fd);
	gms_fp_u64(fp, ct->offset);
	gms_fp_u64(fp, ct->len);
	gms_fp_u64(fp, ct->to_private);
	gms_fp_obj(fp, GMS_OBJ_FILE, ct->f);
	gms_fp_u64(fp, ct->start);
	gms_fp_u64(fp, ct->end);
	gms_fp_u64(fp, ct->final_end);
	gms_fp_u64(fp, t->has_offset ? t->offset + 1 : 0);
	fput_fingerprint(fp, &ct->lf); /* the conversion's */
}

static const struct gms_task_ops convert_task_ops = {
	.what = "in-place conversion",
	.steps = convert_steps,
	.step = convert_step,
	.fingerprint = convert_fingerprint,
};

struct gms_task *gms_task_gmem_convert(struct gms_world *w, int gmem_fd,
				       u64 offset, u64 len, bool to_private)
{
	struct convert_task *ct = g_new0(struct convert_task, 1);

	ct->fd = gmem_fd;
	ct->offset = offset;
	ct->len = len;
	ct->to_private = to_private;
	return gms_task_new(w, &convert_task_ops, ct);
}
