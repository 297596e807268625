// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: fs/file_table.c for guest_memfd files: get_file(), fput() and
 * __fput(), which runs ->release (kvm_gmem_release()) and then iput(); and
 * task_work_run() (kernel/task_work.c), which runs the fput()s a syscall
 * deferred.
 */
#include "gmem_internal.h"

/* mirrors: get_file() */
void gms_gmem_file_get(struct gms_gmem_file *f)
{
	f->f_count++;
}

/*
 * mirrors: fput() outside a task: the last reference runs __fput() at
 * once. Its callers checked gms_gmem_put_would_block() first, so a lock
 * held by a task here is a model bug (the kernel would wait).
 */
void gms_gmem_file_put(struct gms_world *w, struct gms_gmem_file *f)
{
	struct gms_gmem_inode *inode;

	if (GMS_WARN_ON(w, f->freed || !f->f_count))
		return;
	if (--f->f_count)
		return;
	/* __fput(): ->release first, then the inode (evicted with its last file) */
	f->dying = true;
	inode = f->inode;
	if (GMS_WARN_ON(w, gms_gmem_release(w, &w->sync, f)))
		return;
	gms_gmem_iput(w, inode);
}

/* the two locks __fput() -> kvm_gmem_release() would wait for, if this is the last fput() */
bool gms_gmem_put_would_block(struct gms_world *w, struct gms_gmem_file *f)
{
	return f->f_count == 1 &&
	       (gms_lock_holder(w, GMS_LOCK_SLOTS, f->kvm) ||
		gms_lock_holder(w, GMS_LOCK_INVALIDATE, f->inode));
}

/* fput() from a syscall: __fput() runs from task_work, not here */
void gms_world_defer_fput(struct gms_world *w, struct gms_gmem_file *f)
{
	if (!w->task_work)
		w->task_work = g_ptr_array_new();
	g_ptr_array_add(w->task_work, f);
}

/*
 * mirrors: task_work_run() on the way back to userspace: the deferred
 * fput()s. One whose __fput() would wait for a task's lock stays queued.
 */
void gms_world_task_work_run(struct gms_world *w)
{
	GPtrArray *q = w->task_work;

	for (guint i = 0; q && i < q->len;) {
		struct gms_gmem_file *f = q->pdata[i];

		if (gms_gmem_put_would_block(w, f)) {
			i++;
			continue;
		}
		g_ptr_array_remove_index(q, i);
		gms_gmem_file_put(w, f);
	}
}
