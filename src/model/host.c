// SPDX-License-Identifier: GPL-2.0
/*
 * What every layer of one simulated host uses and which calls nothing back:
 * object ids, the object quarantine (kfree() as KASAN keeps it), what
 * principals read (for confidentiality), host accesses as the hardware
 * judges them, and the fd table of the one process. world.c makes and
 * tears down the host on top of everything; this file sits below it all.
 */
#include <gmemsim/world.h>

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

	gms_dirty_bury(w, kind, obj);
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
	/* SIGSEGV is -EFAULT, as for a user access with no VMA */
	if (r == GMS_HW_SIGSEGV)
		return -EFAULT;
	if (r == GMS_HW_FATAL)
		gms_world_fatal(w, pfn, why, what);
	return 0;
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
	gms_dirty_fd(w, w->fds->len - 1, obj);
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
		case GMS_FD_MEMFD:
		case GMS_FD_OTHER:
			continue;
		default:
			return false;
		}
	return true;
}
