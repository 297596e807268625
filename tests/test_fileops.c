// SPDX-License-Identifier: GPL-2.0
/* Plain file operations on a guest_memfd: gmem_uapi.md 2.2, selftest 3.A.4, 13. */
#include "helpers.h"

#include <gmemsim/task.h>

static void test_file_read_write(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, 4 * PAGE, 0);
	struct gms_stat st;

	assert_int_equal(gms_sys_read(fx->w, g, 64), -EINVAL);
	assert_int_equal(gms_sys_write(fx->w, g, 64), -EINVAL);
	assert_int_equal(gms_sys_pread(fx->w, g, 64, 0), -ESPIPE);
	assert_int_equal(gms_sys_pwrite(fx->w, g, 64, 0), -ESPIPE);
	assert_int_equal(gms_sys_lseek(fx->w, g, 0, 0), -ESPIPE);
	assert_int_equal(gms_sys_lseek(fx->w, g, PAGE, 2), -ESPIPE);
	/* grow, shrink, same: kvm_gmem_setattr() refuses; the size holds */
	assert_int_equal(gms_sys_ftruncate(fx->w, g, 8 * PAGE), -EINVAL);
	assert_int_equal(gms_sys_ftruncate(fx->w, g, PAGE), -EINVAL);
	assert_int_equal(gms_sys_ftruncate(fx->w, g, 4 * PAGE), -EINVAL);
	assert_int_equal(gms_sys_fstat(fx->w, g, &st), 0);
	assert_int_equal(st.size, 4 * PAGE);
	/* test_file_size: st_blksize is the page size; no block accounted */
	assert_int_equal(st.blksize, PAGE);
	assert_int_equal(st.blocks, 0);
}

static void test_closed_and_foreign_fds(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, PAGE, 0);

	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_int_equal(gms_sys_close(fx->w, g), -EBADF);
	assert_int_equal(gms_sys_read(fx->w, g, 1), -EBADF);
	assert_int_equal(gms_sys_pread(fx->w, g, 1, 0), -EBADF);
	/* pos < 0 is checked before the fd */
	assert_int_equal(gms_sys_pread(fx->w, g, 1, -1), -EINVAL);
	assert_int_equal(gms_sys_ftruncate(fx->w, g, -1), -EINVAL);
	assert_int_equal(gms_sys_ftruncate(fx->w, g, 0), -EBADF);
	assert_int_equal(gms_sys_lseek(fx->w, g, 0, 0), -EBADF);
	/* the VM fd: noop_llseek() */
	assert_int_equal(gms_sys_lseek(fx->w, vm, 0, 0), 0);
	assert_int_equal(gms_sys_lseek(fx->w, vm, 0, 9), -EINVAL);
	assert_int_equal(gms_sys_read(fx->w, vm, 1), -EINVAL);
}

/*
 * fds 0-2 are open and none of KVM's (stdin, stdout, stderr); fd 3 is the
 * first the world hands out, as get_unused_fd_flags() gives a process the
 * lowest free one (the oracle's fds line up with the model's from there)
 */
static void test_std_fds(void **state)
{
	struct fx *fx = *state;
	struct gms_world *w = gms_world_new();

	(void)fx;
	for (int fd = 0; fd < 3; fd++)
		assert_non_null(gms_fd_get(w, fd));
	assert_null(gms_fd_get(w, 3));
	assert_int_equal(gms_sys_close(w, 3), -EBADF);
	assert_int_equal(gms_fd_install(w, GMS_FD_OTHER, NULL), 3);
	gms_world_free(w);
}

/* fallocate() on a memfd (shmem_fallocate()) succeeds with 0, as any syscall */
static void test_memfd_fallocate(void **state)
{
	struct fx *fx = *state;
	int m = gms_sys_memfd_create(fx->w, 2 * PAGE);
	struct gms_task *t;

	assert_true(m >= 0);
	assert_int_equal(gms_sys_fallocate(fx->w, m, 0, 0, PAGE), 0);
	/* a punch task on a memfd is done at its first step, with 0 */
	t = gms_task_punch_hole(fx->w, m, 0, PAGE);
	assert_int_equal(gms_task_step(fx->w, t), GMS_TASK_DONE);
	assert_int_equal(t->ret, 0);
	/* shmem has FMODE_PREAD: a positioned read succeeds (0 bytes here) */
	assert_int_equal(gms_sys_pread(fx->w, m, 64, 0), 0);
	assert_int_equal(gms_sys_pwrite(fx->w, m, 64, 0), 0);
	/* shmem_fallocate()'s modes: no other */
	assert_int_equal(gms_sys_fallocate(fx->w, m, FALLOC_FL_ZERO_RANGE, 0,
					   PAGE),
			 -EOPNOTSUPP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_file_read_write),
		FX_TEST(test_closed_and_foreign_fds),
		FX_TEST(test_std_fds),
		FX_TEST(test_memfd_fallocate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
