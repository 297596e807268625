// SPDX-License-Identifier: GPL-2.0
/* The world: one simulated host, made and torn down on top of every layer. */
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
	gms_hugetlb_pool_init(w);
	gms_hw_init(&w->hw, w->warn);
	gms_mm_init(&w->mm);
	/* first: installing fds 0-2 below already records a touch */
	gms_dirty_init(&w->dirty);
	w->fds = g_array_new(FALSE, TRUE, sizeof(struct gms_fd));
	/* fds 0-2 are stdin, stdout and stderr: open, and none of KVM's */
	for (int i = 0; i < 3; i++)
		gms_fd_install(w, GMS_FD_OTHER, NULL);
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
	gms_range_map_destroy(&inode->policy);
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
	gms_dirty_destroy(&w->dirty);
	gms_lock_ctx_destroy(&w->sync);
	gms_lockdep_destroy(&w->lockdep);
	gms_hw_destroy(&w->hw);
	gms_hugetlb_pool_destroy(w);
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
