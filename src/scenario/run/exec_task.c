// SPDX-License-Identifier: GPL-2.0
/* spawn, step and finish: tasks of the model, one step at a time. */
#include <string.h>

#include <gmemsim/task.h>
#include <gmemsim/world.h>

#include "runner_internal.h"

/* A task that retries without end would be a model bug; stop it there. */
#define GMS_FINISH_MAX_STEPS 1000

static enum gms_access_kind access_kind(const struct gms_stmt *s)
{
	if (gms_stmt_word(s, "private"))
		return GMS_ACCESS_PRIVATE;
	if (gms_stmt_word(s, "shared"))
		return GMS_ACCESS_SHARED;
	return GMS_ACCESS_DEFAULT;
}

struct gms_task *gms_spawn_guest_access(struct gms_runner *r,
					const struct gms_stmt *s)
{
	bool write = g_str_equal(s->spawned->verb, "guest.write");

	return gms_task_guest_access(r->w, gms_runner_fd(r, pos0(s)),
				     gms_stmt_num(s, "gpa", 0), access_kind(s),
				     write, gms_stmt_num(s, "tag", 0));
}

struct gms_task *gms_spawn_gmem_punch(struct gms_runner *r,
				      const struct gms_stmt *s)
{
	return gms_task_punch_hole(r->w, gms_runner_fd(r, pos0(s)),
				   (s64)gms_stmt_num(s, "offset", 0),
				   (s64)gms_stmt_num(s, "len", 0));
}

struct gms_task *gms_spawn_gmem_convert(struct gms_runner *r,
					const struct gms_stmt *s)
{
	return gms_task_gmem_convert(r->w, gms_runner_fd(r, pos0(s)),
				     gms_stmt_num(s, "offset", 0),
				     gms_stmt_num(s, "len", 0),
				     gms_stmt_num(s, "to", 0));
}

struct gms_task *gms_spawn_memslot_delete(struct gms_runner *r,
					  const struct gms_stmt *s)
{
	u32 slot = (u32)(gms_stmt_num(s, "as", 0) << 16) |
		   (u32)(gms_stmt_num(s, "slot", 0) & 0xffff);

	return gms_task_memslot_delete(r->w, gms_runner_fd(r, pos0(s)), slot);
}

struct gms_task *gms_spawn_attr_set(struct gms_runner *r,
				    const struct gms_stmt *s)
{
	struct gms_memory_attributes a = gms_stmt_mem_attributes(s);

	return gms_task_set_attributes(r->w, gms_runner_fd(r, pos0(s)), &a);
}

struct gms_task *gms_spawn_gmem_close(struct gms_runner *r,
				      const struct gms_stmt *s)
{
	return gms_task_close(r->w, gms_runner_fd(r, pos0(s)));
}

/* "task 3: guest fault", without printf: the explorer spawns a lot */
static char *spawn_note(u32 id, const char *what)
{
	char num[11];
	int i = sizeof(num);

	num[--i] = '\0';
	do {
		num[--i] = '0' + id % 10;
		id /= 10;
	} while (id);
	return g_strconcat("task ", num + i, ": ", what, NULL);
}

static void exec_spawn(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res)
{
	struct gms_task *t;

	if (!r->w) {
		res->unsupported = "tasks interleave the model's steps only";
		return;
	}
	t = s->spawned->spawn(r, s);
	if (!r->tasks)
		r->tasks = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(r->tasks, (char *)s->task, GUINT_TO_POINTER(t->id));
	res->note = spawn_note(t->id, t->ops->what);
}

static struct gms_task *task_of(struct gms_runner *r, const struct gms_stmt *s,
				struct gms_result *res)
{
	struct gms_task *t;
	gpointer id;

	if (!r->w) {
		res->unsupported = "tasks interleave the model's steps only";
		return NULL;
	}
	id = r->tasks ? g_hash_table_lookup(r->tasks, s->task) : NULL;
	t = gms_task_get(r->w, GPOINTER_TO_UINT(id));
	if (!t)
		gms_result_mismatch(res, "task %s was never spawned", s->task);
	return t;
}

/* Run up to @n steps; the trace names each one. */
static void run_steps(struct gms_runner *r, struct gms_task *t, int n,
		      struct gms_result *res)
{
	GString *note = g_string_new(NULL);

	for (int i = 0; i < n && !t->done; i++) {
		enum gms_task_status st = gms_task_step(r->w, t);

		if (st == GMS_TASK_BLOCKED) {
			char *why = gms_task_blocked_reason(r->w, t);

			g_string_append_printf(note, "%sblocked: %s",
					       note->len ? ", " : "", why);
			g_free(why);
			res->blocked = true;
			break;
		}
		g_string_append_printf(note, "%s%s", note->len ? ", " : "",
				       t->ran);
	}
	res->note = g_string_free(note, FALSE);
}

static void exec_step(struct gms_runner *r, const struct gms_stmt *s,
		      struct gms_result *res)
{
	struct gms_task *t = task_of(r, s, res);

	if (!t)
		return;
	if (t->done) {
		gms_result_mismatch(res, "task %s has finished", s->task);
		return;
	}
	run_steps(r, t, s->count, res);
}

/*
 * The task's own outcome, as its op outside a task would report it. Every
 * op a task runs succeeds with 0 (a read's data is its value, not its
 * return), so a positive return is reported, not taken for success.
 */
static void task_result(const struct gms_task *t, struct gms_result *res)
{
	gms_result_set_status(res, t->ret);
	gms_result_exit(res, &t->exit);
	res->has_value = t->has_value;
	res->value = t->value;
	res->has_offset = t->has_offset;
	res->offset = t->offset;
}

static void exec_finish(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_task *t = task_of(r, s, res);

	if (!t)
		return;
	run_steps(r, t, GMS_FINISH_MAX_STEPS, res);
	if (res->blocked)
		return;
	if (!t->done) {
		gms_world_model_bug(r->w, "a task did not finish");
		return;
	}
	task_result(t, res);
}

const struct gms_op_spec gms_op_spawn = {
	.verb = "spawn",
	.synopsis = "spawn TASK OP ...",
	.summary = "start OP as a task; nothing runs yet",
	.exec = exec_spawn,
};

const struct gms_op_spec gms_op_step = {
	.verb = "step",
	.synopsis = "step TASK [N]",
	.summary = "run the task's next step (or N steps)",
	.exec = exec_step,
};

const struct gms_op_spec gms_op_finish = {
	.verb = "finish",
	.synopsis = "finish TASK [=> outcome]",
	.summary = "run the task to its end; the outcome is its op's",
	.exec = exec_finish,
};
