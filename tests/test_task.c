// SPDX-License-Identifier: GPL-2.0
/* Locks, lockdep and tasks: DESIGN.md 3.4. */
#include "helpers.h"

#include <gmemsim/task.h>

static int obj_a, obj_b;

static void test_exclusive_and_shared(void **state)
{
	struct fx *fx = *state;
	struct gms_lock_ctx a, b;

	gms_lock_ctx_init(&a, 1);
	gms_lock_ctx_init(&b, 2);
	assert_true(
		gms_lock_try(fx->w, &a, GMS_LOCK_MMU, &obj_a, GMS_LOCK_SHARED));
	assert_true(
		gms_lock_try(fx->w, &b, GMS_LOCK_MMU, &obj_a, GMS_LOCK_SHARED));
	assert_false(gms_lock_try(fx->w, &fx->w->sync, GMS_LOCK_MMU, &obj_a,
				  GMS_LOCK_EXCLUSIVE));
	assert_true(fx->w->sync.blocked);
	gms_lock_release(fx->w, &a, GMS_LOCK_MMU, &obj_a);
	gms_lock_release(fx->w, &b, GMS_LOCK_MMU, &obj_a);
	assert_true(gms_lock_try(fx->w, &a, GMS_LOCK_MMU, &obj_a,
				 GMS_LOCK_EXCLUSIVE));
	assert_int_equal(gms_lock_holder(fx->w, GMS_LOCK_MMU, &obj_a), 1);
	assert_false(
		gms_lock_try(fx->w, &b, GMS_LOCK_MMU, &obj_a, GMS_LOCK_SHARED));
	/* another object of the class is another lock */
	assert_true(gms_lock_try(fx->w, &b, GMS_LOCK_MMU, &obj_b,
				 GMS_LOCK_EXCLUSIVE));
	gms_lock_release_all(fx->w, &a);
	gms_lock_release_all(fx->w, &b);
	assert_int_equal(gms_lock_holder(fx->w, GMS_LOCK_MMU, &obj_a), 0);
	assert_int_equal(fx->w->warn_log.count, 0);
	gms_lock_release(fx->w, &a, GMS_LOCK_MMU, &obj_a);
	assert_int_equal(fx->w->warn_log.count, 1);
	gms_lock_ctx_destroy(&a);
	gms_lock_ctx_destroy(&b);
}

static guint lock_order_violations(struct fx *fx)
{
	GPtrArray *v = gms_check_one(fx->w, "lock-order");
	guint n = v->len;

	g_ptr_array_unref(v);
	return n;
}

/* The scenario's thread takes two locks exclusively in this order, then drops both. */
static void take_two(struct fx *fx, enum gms_lock_class first, void *a,
		     enum gms_lock_class second, void *b)
{
	struct gms_lock_ctx *c = &fx->w->sync;

	assert_true(gms_lock_try(fx->w, c, first, a, GMS_LOCK_EXCLUSIVE));
	assert_true(gms_lock_try(fx->w, c, second, b, GMS_LOCK_EXCLUSIVE));
	gms_lock_release_all(fx->w, c);
}

/* lockdep: the second order is reported when it is first seen */
static void test_inversion(void **state)
{
	struct fx *fx = *state;

	take_two(fx, GMS_LOCK_SLOTS, &obj_a, GMS_LOCK_INVALIDATE, &obj_b);
	assert_int_equal(lock_order_violations(fx), 0);
	/* the same order on other objects: still fine */
	take_two(fx, GMS_LOCK_SLOTS, &obj_b, GMS_LOCK_INVALIDATE, &obj_a);
	assert_int_equal(lock_order_violations(fx), 0);
	take_two(fx, GMS_LOCK_INVALIDATE, &obj_a, GMS_LOCK_SLOTS, &obj_a);
	assert_int_equal(lock_order_violations(fx), 1);
	/* reported once: the next step starts clean */
	gms_world_begin_step(fx->w);
	assert_int_equal(lock_order_violations(fx), 0);
	/*
	 * and not again: lockdep knows both dependencies now (and turns
	 * itself off after its first splat), so the same inversion later is
	 * no new report
	 */
	take_two(fx, GMS_LOCK_INVALIDATE, &obj_b, GMS_LOCK_SLOTS, &obj_b);
	assert_int_equal(lock_order_violations(fx), 0);
}

/* Two tasks, each taking its two locks in its own order. */
struct pair {
	enum gms_lock_class first, second;
};

static const char *const pair_steps[] = { "first", "second", NULL };

static enum gms_task_status pair_step(struct gms_world *w, struct gms_task *t)
{
	struct pair *p = t->ctx;
	enum gms_lock_class c = t->step ? p->second : p->first;
	const void *obj = c == GMS_LOCK_SLOTS ? (void *)&obj_a : &obj_b;

	if (!gms_lock_try(w, &t->lock, c, obj, GMS_LOCK_EXCLUSIVE))
		return GMS_TASK_BLOCKED;
	if (!t->step++)
		return GMS_TASK_RAN;
	gms_lock_release_all(w, &t->lock);
	return GMS_TASK_DONE;
}

static const struct gms_task_ops pair_ops = { "pair", pair_steps, pair_step };

static struct gms_task *pair_new(struct fx *fx, enum gms_lock_class first,
				 enum gms_lock_class second)
{
	struct pair *p = g_new0(struct pair, 1);

	p->first = first;
	p->second = second;
	return gms_task_new(fx->w, &pair_ops, p);
}

static bool has_report(struct fx *fx, const char *prefix)
{
	GPtrArray *reports = fx->w->lockdep.reports;

	for (guint i = 0; reports && i < reports->len; i++)
		if (g_str_has_prefix(reports->pdata[i], prefix))
			return true;
	return false;
}

static void test_deadlock(void **state)
{
	struct fx *fx = *state;
	struct gms_task *t1 = pair_new(fx, GMS_LOCK_SLOTS, GMS_LOCK_INVALIDATE);
	struct gms_task *t2 = pair_new(fx, GMS_LOCK_INVALIDATE, GMS_LOCK_SLOTS);
	char *why;

	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_RAN);
	assert_string_equal(t1->ran, "first");
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_BLOCKED);
	why = gms_task_blocked_reason(fx->w, t1);
	assert_string_equal(why, "filemap_invalidate_lock held by task 2");
	g_free(why);
	assert_false(has_report(fx, "deadlock"));
	assert_true(gms_tasks_pending(fx->w));
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_BLOCKED);
	assert_true(has_report(
		fx,
		"deadlock: task 2 waits for slots_lock held by task 1; task 1 waits for filemap_invalidate_lock held by task 2"));
}

/*
 * Any unfinished task is pending, the first spawned too: the end-of-run leak
 * check and the explorer's quiescence both wait for it.
 */
static void test_pending_is_any_task(void **state)
{
	struct fx *fx = *state;
	struct gms_task *t1 = pair_new(fx, GMS_LOCK_SLOTS, GMS_LOCK_INVALIDATE);
	struct gms_task *t2 = pair_new(fx, GMS_LOCK_SLOTS, GMS_LOCK_INVALIDATE);

	assert_true(gms_tasks_pending(fx->w));
	/* the later task runs to its end before the first begins */
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_DONE);
	assert_true(gms_tasks_pending(fx->w));
	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_DONE);
	assert_false(gms_tasks_pending(fx->w));
}

static void test_no_deadlock_when_one_can_finish(void **state)
{
	struct fx *fx = *state;
	struct gms_task *t1 = pair_new(fx, GMS_LOCK_SLOTS, GMS_LOCK_INVALIDATE);
	struct gms_task *t2 = pair_new(fx, GMS_LOCK_SLOTS, GMS_LOCK_INVALIDATE);

	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_BLOCKED);
	assert_int_equal(gms_task_step(fx->w, t1), GMS_TASK_DONE);
	assert_true(t1->done);
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t2), GMS_TASK_DONE);
	assert_false(gms_tasks_pending(fx->w));
	assert_false(has_report(fx, ""));
}

/*
 * A step starts waiting for nothing: a task that once blocked and then
 * runs a step that takes no lock (a punch's truncate) must not still look
 * blocked, or the deadlock search would follow its old wait into a cycle
 * that is not there.
 */
static void test_step_starts_unblocked(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, 2 * PAGE, 0);
	struct gms_task *t = gms_task_punch_hole(fx->w, g, 0, PAGE);

	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_RAN);
	assert_false(t->lock.blocked);
	t->lock.blocked = true; /* as a wait that ended another way would */
	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_RAN);
	assert_false(t->lock.blocked);
	while (gms_task_step(fx->w, t) != GMS_TASK_DONE)
		;
	assert_int_equal(t->ret, 0);
}

/*
 * A fault task whose memslot's host memory is gone fails as KVM_RUN does:
 * hva_to_pfn() finds no VMA, kvm_handle_error_pfn() returns a bare -EFAULT,
 * and run->exit_reason says nothing of a memory fault (only guest_memfd's
 * faults prepare one). The task's exit must not keep a stale reason.
 */
static void test_fault_task_bare_efault(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	u64 mem;
	struct gms_task *t;

	assert_int_equal(gms_sys_mmap_anon(fx->w, 4 * PAGE, &mem), 0);
	assert_int_equal(region(fx, vm, 0, 0, 1 << 20, 2 * PAGE, mem, 0, 0), 0);
	assert_int_equal(gms_sys_munmap(fx->w, mem, 4 * PAGE), 0);
	t = gms_task_guest_access(fx->w, vm, 1 << 20, GMS_ACCESS_DEFAULT, false,
				  0);
	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_RAN);
	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_DONE);
	assert_int_equal(t->ret, -EFAULT);
	assert_int_equal(t->exit.reason, GMS_EXIT_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_exclusive_and_shared),
		FX_TEST(test_inversion),
		FX_TEST(test_deadlock),
		FX_TEST(test_pending_is_any_task),
		FX_TEST(test_no_deadlock_when_one_can_finish),
		FX_TEST(test_step_starts_unblocked),
		FX_TEST(test_fault_task_bare_efault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
