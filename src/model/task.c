// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and their steps. Simplification: one step runs atomically; the
 * kernel's preemption points between steps are the only interleavings.
 */
#include <gmemsim/task.h>
#include <gmemsim/world.h>

struct gms_task *gms_task_new(struct gms_world *w,
			      const struct gms_task_ops *ops, void *ctx)
{
	struct gms_task *t = g_new0(struct gms_task, 1);

	t->id = w->tasks->len + 1;
	t->ops = ops;
	t->ctx = ctx;
	gms_lock_ctx_init(&t->lock, t->id);
	g_ptr_array_add(w->tasks, t);
	return t;
}

void gms_task_free(gpointer task)
{
	struct gms_task *t = task;

	gms_lock_ctx_destroy(&t->lock);
	g_free(t->ctx);
	g_free(t);
}

struct gms_task *gms_task_get(struct gms_world *w, u32 id)
{
	if (!id || id > w->tasks->len)
		return NULL;
	return w->tasks->pdata[id - 1];
}

/* The task holding what @t waits for, or NULL (free, shared, the scenario). */
static struct gms_task *waits_for(struct gms_world *w, const struct gms_task *t)
{
	if (!t->lock.blocked)
		return NULL;
	return gms_task_get(w, gms_lock_holder(w, t->lock.waiting.class,
					       t->lock.waiting.obj));
}

/* mirrors: lockdep's circular wait report, found when the cycle closes */
static void find_deadlock(struct gms_world *w, struct gms_task *t)
{
	GString *s = g_string_new("deadlock:");
	struct gms_task *u = t;

	for (guint n = 0; n <= w->tasks->len; n++) {
		struct gms_task *next = waits_for(w, u);

		if (!next)
			break;
		g_string_append_printf(
			s, " task %u waits for %s held by task %u;", u->id,
			gms_lock_class_name(u->lock.waiting.class), next->id);
		if (next == t) {
			s->str[s->len - 1] = '\0';
			gms_lockdep_report(&w->lockdep,
					   g_string_free(s, FALSE));
			return;
		}
		u = next;
	}
	g_string_free(s, TRUE);
}

enum gms_task_status gms_task_step(struct gms_world *w, struct gms_task *t)
{
	const char *prev = t->ran;
	enum gms_task_status st;

	if (t->done)
		return GMS_TASK_DONE;
	t->ran = t->ops->steps[t->step]; /* the step may say more */
	t->waits = NULL;
	t->lock.blocked = false;
	st = t->ops->step(w, t);
	if (st == GMS_TASK_BLOCKED) {
		t->ran = prev;
		find_deadlock(w, t);
		return st;
	}
	if (st == GMS_TASK_DONE) {
		t->done = true;
		if (t->lock.held->len)
			gms_world_model_bug(w, "a task ended holding a lock");
		gms_lock_release_all(w, &t->lock);
	}
	return st;
}

char *gms_task_blocked_reason(struct gms_world *w, const struct gms_task *t)
{
	u32 holder =
		gms_lock_holder(w, t->lock.waiting.class, t->lock.waiting.obj);

	if (t->waits)
		return g_strdup(t->waits);
	if (t->lock.waiting.class == GMS_LOCK_SRCU)
		return g_strdup(
			"synchronize_srcu() waits for a fault in flight");
	if (holder)
		return g_strdup_printf(
			"%s held by task %u",
			gms_lock_class_name(t->lock.waiting.class), holder);
	return g_strdup_printf("%s is held",
			       gms_lock_class_name(t->lock.waiting.class));
}

bool gms_tasks_pending(struct gms_world *w)
{
	for (guint i = 0; i < w->tasks->len; i++)
		if (!((struct gms_task *)w->tasks->pdata[i])->done)
			return true;
	return false;
}
