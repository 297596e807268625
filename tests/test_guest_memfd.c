// SPDX-License-Identifier: GPL-2.0
/*
 * src/model/guest_memfd.c against virt/kvm/guest_memfd.c: its locks taken
 * inside the function that takes them in the kernel, and its WARN_ONs
 * reported as model bugs with file:line.
 */
#include "helpers.h"

#include <string.h>

#include <gmemsim/task.h>

/* GMS_WARN_ON() evaluates to the condition and records only when it holds */
static void test_warn_on_records_site(void **state)
{
	struct fx *fx = *state;
	int line;

	assert_false(GMS_WARN_ON(fx->w, fx->w == NULL));
	assert_int_equal(fx->w->warn_log.count, 0);
	line = __LINE__ + 1;
	assert_true(GMS_WARN_ON(fx->w, fx->w != NULL));
	assert_int_equal(fx->w->warn_log.count, 1);
	g_autofree char *want = g_strdup_printf(
		"test_guest_memfd.c:%d: WARN_ON(fx->w != NULL)", line);
	assert_non_null(strstr(fx->w->warn_log.last, want));
}

/* __kvm_gmem_get_pfn(): WARN_ON_ONCE(xa_load()) for another slot's binding */
static void test_get_pfn_warns_on_foreign_binding(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, SZ_2M, 0);
	struct gms_gmem_file *f = file_of(fx, g);
	struct gms_memslot *slot, other = { 0 };
	u64 pfn;

	assert_int_equal(gmem_slot(fx, vm, 1, 0, SZ_2M, g, 0), 0);
	slot = gms_kvm_id_to_memslot(vm_of(fx, vm), 0, 1);
	assert_int_equal(gms_gmem_get_pfn(fx->w, &fx->w->sync, vm_of(fx, vm),
					  slot, 0, &pfn),
			 0);
	assert_int_equal(fx->w->warn_log.count, 0);
	/* a model bug on purpose: page 3 bound to a slot that is not this one */
	gms_range_map_store(&f->bindings, 3, 4, (uintptr_t)&other);
	assert_int_equal(gms_gmem_get_pfn(fx->w, &fx->w->sync, vm_of(fx, vm),
					  slot, 3, &pfn),
			 -EIO);
	assert_int_equal(fx->w->warn_log.count, 1);
	assert_non_null(
		strstr(fx->w->warn_log.last, "src/model/guest_memfd.c:"));
	assert_non_null(strstr(fx->w->warn_log.last, "WARN_ON("));
	gms_range_map_store(&f->bindings, 3, 4, (uintptr_t)slot);
}

/* fput() of a file whose last reference is gone: a model bug, not a crash */
static void test_fput_of_released_file_warns(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, SZ_2M, 0);
	struct gms_gmem_file *f = file_of(fx, g);

	gms_gmem_file_get(f);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_false(f->freed);
	gms_gmem_file_put(fx->w, f);
	assert_true(f->freed);
	assert_int_equal(fx->w->warn_log.count, 0);
	gms_gmem_file_put(fx->w, f);
	assert_int_equal(fx->w->warn_log.count, 1);
	assert_non_null(
		strstr(fx->w->warn_log.last, "src/model/file_table.c:"));
}

/*
 * kvm_gmem_allocate() holds filemap_invalidate_lock_shared() around its
 * loop: it waits for a punch between invalidate_begin and _end (issue 15).
 */
static void test_allocate_waits_for_punch(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, SZ_2M, 0);
	struct gms_gmem_inode *inode = file_of(fx, g)->inode;
	struct gms_task *t = gms_task_punch_hole(fx->w, g, 0, 2 * PAGE);

	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_RAN);
	assert_int_equal(gms_sys_fallocate(fx->w, g, KEEP, 0, 2 * PAGE),
			 -GMS_EBLOCKED);
	assert_null(gms_gmem_lookup_folio(inode, 0));
	/* the shared lock was not taken: nothing is left held by the thread */
	assert_int_equal(fx->w->sync.held->len, 0);
	while (gms_task_step(fx->w, t) != GMS_TASK_DONE)
		;
	assert_int_equal(gms_sys_fallocate(fx->w, g, KEEP, 0, 2 * PAGE), 0);
	assert_non_null(gms_gmem_lookup_folio(inode, 1));
	assert_int_equal(fx->w->sync.held->len, 0);
	/* allocation does not hold the punch off either: shared, then gone */
	assert_int_equal(gms_sys_fallocate(fx->w, g, PUNCH, 0, 2 * PAGE), 0);
	assert_null(gms_gmem_lookup_folio(inode, 1));
}

/*
 * kvm_gmem_release() takes slots_lock and the invalidate lock itself: with
 * a task inside the invalidate lock it is blocked and changes nothing; a
 * context that took the first lock already (the close task) is let in.
 */
static void test_release_takes_its_locks(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, SZ_2M, 0);
	struct gms_gmem_file *f = file_of(fx, g);
	struct gms_kvm *kvm = vm_of(fx, vm);
	struct gms_lock_ctx task;

	assert_int_equal(gmem_slot(fx, vm, 1, 0, SZ_2M, g, 0), 0);
	gms_lock_ctx_init(&task, 7);
	assert_true(gms_lock_try(fx->w, &task, GMS_LOCK_INVALIDATE, f->inode,
				 GMS_LOCK_EXCLUSIVE));
	assert_int_equal(gms_gmem_release(fx->w, &fx->w->sync, f),
			 -GMS_EBLOCKED);
	assert_false(f->freed);
	assert_ptr_equal(gms_kvm_id_to_memslot(kvm, 0, 1)->gmem.file, f);
	assert_int_equal(fx->w->sync.held->len, 0); /* slots_lock dropped */
	assert_int_equal(gms_lock_holder(fx->w, GMS_LOCK_SLOTS, kvm), 0);
	/* the task took slots_lock first, as the close task's first step */
	gms_lock_release(fx->w, &task, GMS_LOCK_INVALIDATE, f->inode);
	assert_true(gms_lock_try(fx->w, &task, GMS_LOCK_SLOTS, kvm,
				 GMS_LOCK_EXCLUSIVE));
	f->f_count = 0;
	f->dying = true;
	assert_int_equal(gms_gmem_release(fx->w, &task, f), 0);
	assert_true(f->freed);
	assert_null(gms_kvm_id_to_memslot(kvm, 0, 1)->gmem.file);
	assert_int_equal(task.held->len, 0); /* both unlocked inside */
	assert_int_equal(fx->w->warn_log.count, 0);
	gms_lock_ctx_destroy(&task);
	gms_fd_get(fx->w, g)->kind = GMS_FD_CLOSED; /* released by hand */
	gms_gmem_iput(fx->w, f->inode);
}

/*
 * gmem.link's file is an object of its own on the shared inode: its own id
 * (the runner names objects by id, and a violation describes a file by it),
 * its own bindings and reference, the inode counting both files.
 */
static void test_linked_file_is_its_own_object(void **state)
{
	struct fx *fx = *state;
	int a = vm_new(fx, GMS_VM_SW_PROTECTED);
	int b = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, a, PAGE, 0), g2;
	struct gms_gmem_file *f, *f2;

	fx->w->policy.link = GMS_LINK_ALLOWED;
	g2 = gms_sys_gmem_link(fx->w, g, b);
	assert_true(g2 >= 0);
	f = file_of(fx, g);
	f2 = file_of(fx, g2);
	assert_ptr_equal(f2->inode, f->inode);
	assert_ptr_equal(f2->kvm, vm_of(fx, b));
	assert_int_equal(f2->f_count, 1);
	assert_int_equal(f->inode->i_count, 2);
	assert_int_not_equal(f2->id, 0);
	assert_int_not_equal(f2->id, f->id);
	assert_int_not_equal(f2->id, f->inode->id);
	assert_int_not_equal(f2->id, vm_of(fx, b)->id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_warn_on_records_site),
		FX_TEST(test_get_pfn_warns_on_foreign_binding),
		FX_TEST(test_fput_of_released_file_warns),
		FX_TEST(test_allocate_waits_for_punch),
		FX_TEST(test_release_takes_its_locks),
		FX_TEST(test_linked_file_is_its_own_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
