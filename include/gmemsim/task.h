/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasks: operations that race in the kernel, run step by step. A task is
 * split where the kernel drops a lock or re-checks a sequence count; a step
 * whose lock is held by another task does not run (the task is blocked).
 */
#ifndef GMEMSIM_TASK_H
#define GMEMSIM_TASK_H

#include <gmemsim/lock.h>
#include <gmemsim/uapi_types.h>

struct gms_world;
struct gms_task;
struct gms_fp;

enum gms_task_status { GMS_TASK_RAN, GMS_TASK_BLOCKED, GMS_TASK_DONE };

struct gms_task_ops {
	const char *what; /* "guest fault", "punch hole", ... */
	const char *const *steps; /* step names, NULL-terminated */
	/* run step t->step and move t->step on; DONE sets t->ret */
	enum gms_task_status (*step)(struct gms_world *w, struct gms_task *t);
	/* the canonical form of the task's own state (gms_fp_finish()) */
	void (*fingerprint)(struct gms_fp *fp, const struct gms_task *t);
};

struct gms_task {
	u32 id; /* 1, 2, ...: the lock context id */
	const struct gms_task_ops *ops;
	int step; /* the next step */
	const char *ran; /* the step that ran last, for the trace */
	const char *waits; /* blocked on something but a lock: what */
	bool done;
	int ret;
	struct gms_lock_ctx lock;
	/* a guest access's outcome */
	u64 value;
	bool has_value;
	struct gms_vcpu_exit exit;
	/* an error offset the op reports with t->ret (KVM_SET_MEMORY_ATTRIBUTES2) */
	bool has_offset;
	u64 offset;
	void *ctx; /* the operation's own state, g_free()d with the task */
};

/* Create a task for @ops with @ctx; nothing runs yet. */
struct gms_task *gms_task_new(struct gms_world *w,
			      const struct gms_task_ops *ops, void *ctx);
/* Free a task's memory only: kernel objects are the world's (world teardown). */
void gms_task_free(gpointer task);
struct gms_task *gms_task_get(struct gms_world *w, u32 id);
/* Run the next step of @t; BLOCKED also looks for a deadlock. */
enum gms_task_status gms_task_step(struct gms_world *w, struct gms_task *t);
/* Why @t is blocked: "filemap_invalidate_lock held by task 2". */
char *gms_task_blocked_reason(struct gms_world *w, const struct gms_task *t);
/* true while a task has not finished: objects may be held by it */
bool gms_tasks_pending(struct gms_world *w);

#endif
