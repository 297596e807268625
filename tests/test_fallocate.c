// SPDX-License-Identifier: GPL-2.0
/* fallocate() on guest_memfd: gmem_uapi.md 2.4, selftests 3.A.14-15. */
#include "helpers.h"

#define TOTAL (4 * PAGE)

static int fa(struct fx *fx, int fd, int mode, s64 off, s64 len)
{
	return gms_sys_fallocate(fx->w, fd, mode, off, len);
}

/* the observed rows of 2.4 on a 4-page file */
static void test_observed_rows(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, 0);

	assert_int_equal(fa(fx, g, 0, 0, PAGE), -EOPNOTSUPP);
	assert_int_equal(fa(fx, g, FALLOC_FL_PUNCH_HOLE, 0, PAGE), -EOPNOTSUPP);
	assert_int_equal(fa(fx, g, KEEP, 0, TOTAL), 0);
	assert_int_equal(fa(fx, g, KEEP, 0, TOTAL), 0);
	assert_int_equal(fx->w->physmem.nr_allocated, 4);
	assert_int_equal(fa(fx, g, PUNCH, 1, PAGE), -EINVAL);
	assert_int_equal(fa(fx, g, KEEP, 0, PAGE + 1), -EINVAL);
	assert_int_equal(fa(fx, g, KEEP, TOTAL, PAGE), -EINVAL);
	assert_int_equal(fa(fx, g, KEEP, TOTAL - PAGE, 2 * PAGE), -EINVAL);
	assert_int_equal(fa(fx, g, PUNCH, TOTAL - PAGE, 2 * PAGE), 0);
	assert_int_equal(fa(fx, g, PUNCH, 0, 0), -EINVAL);
	assert_int_equal(fa(fx, g, KEEP, 0, 0), -EINVAL);
	assert_int_equal(fa(fx, g, KEEP, -PAGE, PAGE), -EINVAL);
	assert_int_equal(fa(fx, g, PUNCH, INT64_MAX - PAGE + 1, 2 * PAGE),
			 -EFBIG);
	assert_int_equal(fa(fx, g, PUNCH, 1LL << 62, PAGE), 0);
	assert_int_equal(fa(fx, g, KEEP, 0, 1LL << 40), -EINVAL);
	assert_int_equal(fx->w->physmem.nr_allocated, 3);
}

static void test_unsupported_modes(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, 0);
	int modes[] = { FALLOC_FL_ZERO_RANGE,
			FALLOC_FL_ZERO_RANGE | KEEP,
			FALLOC_FL_COLLAPSE_RANGE,
			FALLOC_FL_INSERT_RANGE,
			FALLOC_FL_UNSHARE_RANGE | KEEP,
			FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE | KEEP,
			FALLOC_FL_NO_HIDE_STALE | KEEP,
			0x80 | KEEP };

	for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
		assert_int_equal(fa(fx, g, modes[i], 0, PAGE), -EOPNOTSUPP);
	/* VFS order: len <= 0 before the mode */
	assert_int_equal(fa(fx, g, FALLOC_FL_ZERO_RANGE, 0, 0), -EINVAL);
	/* a VM fd is not S_ISREG; a closed fd is EBADF */
	assert_int_equal(fa(fx, vm, KEEP, 0, PAGE), -ENODEV);
	assert_int_equal(fa(fx, 99, KEEP, 0, PAGE), -EBADF);
}

/* selftest 14: test_fallocate */
static void test_fallocate_selftest(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, 0);

	assert_int_equal(fa(fx, g, KEEP, 0, TOTAL), 0);
	assert_true(fa(fx, g, PUNCH, PAGE - 1, PAGE) < 0);
	assert_true(fa(fx, g, KEEP, TOTAL, PAGE) < 0);
	assert_true(fa(fx, g, KEEP, TOTAL + PAGE, PAGE) < 0);
	assert_int_equal(fa(fx, g, PUNCH, TOTAL, PAGE), 0);
	assert_int_equal(fa(fx, g, PUNCH, TOTAL + PAGE, PAGE), 0);
	assert_true(fa(fx, g, PUNCH, PAGE, PAGE - 1) < 0);
	assert_int_equal(fa(fx, g, PUNCH, PAGE, PAGE), 0);
	assert_null(gms_gmem_lookup_folio(file_of(fx, g)->inode, 1));
	assert_int_equal(fa(fx, g, KEEP, PAGE, PAGE), 0);
	assert_non_null(gms_gmem_lookup_folio(file_of(fx, g)->inode, 1));
}

/* selftest 15: test_invalid_punch_hole */
static void test_invalid_punch_hole(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, 0);
	s64 cases[][2] = { { 0, 1 },	       { 0, PAGE - 1 },
			   { 0, PAGE + 1 },    { 1, 1 },
			   { 1, PAGE - 1 },    { 1, PAGE },
			   { 1, PAGE + 1 },    { PAGE, 1 },
			   { PAGE, PAGE - 1 }, { PAGE, PAGE + 1 } };

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		assert_int_equal(fa(fx, g, PUNCH, cases[i][0], cases[i][1]),
				 -EINVAL);
}

/* allocation does not zero: the page keeps the allocator's content */
static void test_allocate_does_not_prepare(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, 0);
	struct gms_folio *folio;

	assert_int_equal(fa(fx, g, KEEP, 0, PAGE), 0);
	folio = gms_gmem_lookup_folio(file_of(fx, g)->inode, 0);
	assert_non_null(folio);
	assert_false(folio->uptodate);
	fx->w->physmem.max_pages = 2;
	assert_int_equal(fa(fx, g, KEEP, 0, TOTAL), -ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_observed_rows),
		FX_TEST(test_unsupported_modes),
		FX_TEST(test_fallocate_selftest),
		FX_TEST(test_invalid_punch_hole),
		FX_TEST(test_allocate_does_not_prepare),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
