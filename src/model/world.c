// SPDX-License-Identifier: GPL-2.0
/* The world: one simulated host, its fd table and its object quarantine. */
#include <string.h>

#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/task.h>
#include <gmemsim/world.h>

static void world_init(struct gms_world *w)
{
	gms_warn_log_init(&w->warn_log);
	w->warn = &w->warn_log;
	gms_physmem_init(&w->physmem);
	gms_hw_init(&w->hw, w->warn);
	gms_mm_init(&w->mm);
	w->fds = g_array_new(FALSE, TRUE, sizeof(struct gms_fd));
	/* fds 0-2 are stdin, stdout and stderr */
	g_array_set_size(w->fds, 3);
	w->vms = NULL;
	w->inodes = NULL;
	gms_lockdep_init(&w->lockdep);
	gms_lock_ctx_init(&w->sync, 0);
	w->tasks = g_ptr_array_new_with_free_func(gms_task_free);
	w->next_id = 1;
}

struct gms_world *gms_world_new(void)
{
	struct gms_world *w = g_new0(struct gms_world, 1);

	world_init(w);
	return w;
}

static void free_kvm_shell(struct gms_kvm *kvm)
{
	for (int i = 0; i < GMS_ADDRESS_SPACE_NUM; i++)
		if (kvm->memslots[i])
			g_ptr_array_unref(kvm->memslots[i]);
	gms_range_map_destroy(&kvm->mem_attr);
	if (kvm->sptes)
		g_tree_destroy(kvm->sptes);
	g_free(kvm);
}

static void free_inode_shell(struct gms_gmem_inode *inode)
{
	gms_page_cache_destroy(&inode->pages);
	gms_range_map_destroy(&inode->shared);
	g_list_free(inode->files);
	g_free(inode);
}

static void free_shell(enum gms_obj_kind kind, void *obj)
{
	switch (kind) {
	case GMS_OBJ_KVM:
		free_kvm_shell(obj);
		break;
	case GMS_OBJ_INODE:
		free_inode_shell(obj);
		break;
	case GMS_OBJ_FILE:
		gms_range_map_destroy(&((struct gms_gmem_file *)obj)->bindings);
		g_free(obj);
		break;
	case GMS_OBJ_VMA:
		if (((struct gms_vma *)obj)->ptes)
			g_tree_destroy(((struct gms_vma *)obj)->ptes);
		g_free(obj);
		break;
	case GMS_OBJ_SLOT:
	case GMS_OBJ_TAG:
		g_free(obj);
		break;
	}
}

/*
 * Tear down without running kernel paths: a reset is not a process exit,
 * so live objects are simply dropped with the quarantine.
 */
static void world_fini(struct gms_world *w)
{
	g_ptr_array_unref(w->tasks);
	gms_mm_destroy(w);
	for (GList *l = w->inodes; l; l = l->next) {
		struct gms_gmem_inode *inode = l->data;

		for (GList *f = inode->files; f; f = f->next)
			free_shell(GMS_OBJ_FILE, f->data);
		free_inode_shell(inode);
	}
	g_list_free(w->inodes);
	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;

		for (int i = 0; i < GMS_ADDRESS_SPACE_NUM; i++)
			for (guint j = 0;
			     kvm->memslots[i] && j < kvm->memslots[i]->len; j++)
				g_free(g_ptr_array_index(kvm->memslots[i], j));
		free_kvm_shell(kvm);
	}
	g_list_free(w->vms);
	for (guint i = 0; i < gms_array_len(w->graveyard); i++) {
		struct gms_grave *g =
			&g_array_index(w->graveyard, struct gms_grave, i);

		free_shell(g->kind, g->obj);
	}
	g_array_unref(w->fds);
	if (w->graveyard)
		g_array_unref(w->graveyard);
	if (w->observations)
		g_array_unref(w->observations);
	if (w->fatal)
		g_array_unref(w->fatal);
	if (w->task_work)
		g_ptr_array_unref(w->task_work);
	gms_lock_ctx_destroy(&w->sync);
	gms_lockdep_destroy(&w->lockdep);
	gms_hw_destroy(&w->hw);
	gms_physmem_destroy(&w->physmem);
	gms_warn_log_destroy(&w->warn_log);
}

void gms_world_free(struct gms_world *w)
{
	if (!w)
		return;
	world_fini(w);
	g_free(w);
}

void gms_world_reset(struct gms_world *w)
{
	struct gms_policy policy = w->policy;
	const char *(*name_of)(void *, enum gms_obj_kind, u64) = w->name_of;
	void *name_data = w->name_data;

	world_fini(w);
	memset(w, 0, sizeof(*w));
	w->policy = policy;
	w->name_of = name_of;
	w->name_data = name_data;
	world_init(w);
}

void gms_world_begin_step(struct gms_world *w)
{
	/* plain arrays, emptied without a call per step */
	if (w->observations)
		w->observations->len = 0;
	if (w->fatal)
		w->fatal->len = 0;
	if (w->lockdep.reports && w->lockdep.reports->len)
		g_ptr_array_set_size(w->lockdep.reports, 0); /* frees them */
}

u32 gms_world_next_id(struct gms_world *w)
{
	return w->next_id++;
}

void gms_world_bury(struct gms_world *w, enum gms_obj_kind kind, void *obj)
{
	struct gms_grave g = { .kind = kind, .obj = obj };

	if (!w->graveyard)
		w->graveyard = g_array_new(FALSE, FALSE, sizeof(g));
	g_array_append_val(w->graveyard, g);
}

void gms_world_observe(struct gms_world *w, u32 reader, u32 key, u64 pfn,
		       const char *via)
{
	struct gms_page *p = gms_physmem_page(&w->physmem, pfn);
	struct gms_observation o = {
		.reader = reader,
		.reader_key = key,
		.pfn = pfn,
		.tag = p->tag,
		.writer = p->writer,
		.key = p->key,
		.private_data = p->private_data,
		.measured = p->measured,
		.via = via,
	};

	if (!w->observations)
		w->observations = g_array_new(FALSE, FALSE, sizeof(o));
	g_array_append_val(w->observations, o);
}

int gms_world_host_access(struct gms_world *w, u64 pfn,
			  enum gms_host_access kind, const char *what)
{
	const char *why = NULL;
	int r = gms_hw_host_access(&w->hw, pfn, kind, &why);

	if (r == GMS_HW_SIGBUS)
		return -GMS_ESIGBUS;
	if (r == GMS_HW_FATAL)
		gms_world_fatal(w, pfn, why, what);
	return 0;
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

void gms_world_fatal(struct gms_world *w, u64 pfn, const char *rule,
		     const char *what)
{
	struct gms_fatal f = { .rule = rule, .pfn = pfn, .what = what };

	if (!w->fatal)
		w->fatal = g_array_new(FALSE, FALSE, sizeof(f));
	g_array_append_val(w->fatal, f);
}

int gms_fd_install(struct gms_world *w, enum gms_fd_kind kind, void *obj)
{
	struct gms_fd e = { .kind = kind, .obj = obj };

	g_array_append_val(w->fds, e);
	return w->fds->len - 1;
}

void *gms_fdget_obj(struct gms_world *w, int fd, enum gms_fd_kind kind,
		    int wrong_kind, int *err)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	*err = !e ? -EBADF : e->kind != kind ? wrong_kind : 0;
	return *err ? NULL : e->obj;
}

struct gms_fd *gms_fd_get(struct gms_world *w, int fd)
{
	struct gms_fd *e;

	if (fd < 0 || (guint)fd >= w->fds->len)
		return NULL;
	e = &g_array_index(w->fds, struct gms_fd, fd);
	return e->kind == GMS_FD_CLOSED ? NULL : e;
}

bool gms_fd_table_empty(const struct gms_world *w)
{
	for (guint i = 0; i < w->fds->len; i++)
		switch (g_array_index(w->fds, struct gms_fd, i).kind) {
		case GMS_FD_CLOSED:
		case GMS_FD_KVM_DEV: /* holds no state */
			continue;
		default:
			return false;
		}
	return true;
}
