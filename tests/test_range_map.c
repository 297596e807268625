// SPDX-License-Identifier: GPL-2.0
/* The range map behind bindings and memory attributes. */
#include "helpers.h"

static void test_store_load_split(void **state)
{
	struct gms_range_map m;

	(void)state;
	gms_range_map_init(&m);
	gms_range_map_store(&m, 10, 20, 1);
	assert_int_equal(gms_range_map_load(&m, 9), 0);
	assert_int_equal(gms_range_map_load(&m, 10), 1);
	assert_int_equal(gms_range_map_load(&m, 19), 1);
	assert_int_equal(gms_range_map_load(&m, 20), 0);
	/* punching the middle leaves two pieces */
	gms_range_map_store(&m, 14, 16, 0);
	assert_int_equal(gms_range_map_count(&m), 2);
	assert_int_equal(gms_range_map_load(&m, 15), 0);
	assert_int_equal(gms_range_map_load(&m, 16), 1);
	/* overwriting across both with another value */
	gms_range_map_store(&m, 12, 18, 2);
	assert_int_equal(gms_range_map_load(&m, 11), 1);
	assert_int_equal(gms_range_map_load(&m, 12), 2);
	assert_int_equal(gms_range_map_load(&m, 18), 1);
	assert_int_equal(gms_range_map_count(&m), 3);
	gms_range_map_destroy(&m);
}

static void test_merge_and_all(void **state)
{
	struct gms_range_map m;

	(void)state;
	gms_range_map_init(&m);
	gms_range_map_store(&m, 0, 4, 8);
	gms_range_map_store(&m, 8, 12, 8);
	assert_false(gms_range_map_all(&m, 0, 12, 8));
	gms_range_map_store(&m, 4, 8, 8);
	assert_int_equal(gms_range_map_count(&m), 1);
	assert_true(gms_range_map_all(&m, 0, 12, 8));
	assert_false(gms_range_map_all(&m, 0, 13, 8));
	assert_true(gms_range_map_all(&m, 12, 100, 0));
	assert_false(gms_range_map_all(&m, 11, 100, 0));
	gms_range_map_destroy(&m);
}

static void test_find_and_huge(void **state)
{
	struct gms_range_map m;
	const struct gms_range *r;

	(void)state;
	gms_range_map_init(&m);
	/* a whole 2^62-byte file worth of pages costs one entry */
	gms_range_map_store(&m, 0, 1ULL << 50, 3);
	assert_int_equal(gms_range_map_count(&m), 1);
	gms_range_map_store(&m, 0, G_MAXUINT64, 0);
	assert_true(gms_range_map_empty(&m));
	gms_range_map_store(&m, 100, 200, 5);
	assert_null(gms_range_map_find(&m, 0, 100));
	r = gms_range_map_find(&m, 0, 101);
	assert_non_null(r);
	assert_int_equal(r->start, 100);
	assert_null(gms_range_map_find(&m, 200, 300));
	assert_null(gms_range_map_next(&m, r));
	gms_range_map_destroy(&m);
}

static void test_physmem_lifo_and_stale_content(void **state)
{
	struct gms_physmem pm;
	u64 a, b, c;

	(void)state;
	gms_physmem_init(&pm);
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_GMEM, &a), 0);
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_GMEM, &b), 0);
	gms_physmem_write(&pm, a, 0x5ec, 7, true);
	gms_physmem_put(&pm, a);
	assert_int_equal(pm.nr_allocated, 1);
	/* the freed page is handed out next, still holding its content */
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_ANON, &c), 0);
	assert_int_equal(c, a);
	assert_int_equal(gms_physmem_page(&pm, c)->tag, 0x5ec);
	assert_true(gms_physmem_page(&pm, c)->private_data);
	gms_physmem_clear(&pm, c);
	assert_int_equal(gms_physmem_page(&pm, c)->tag, 0);
	assert_false(gms_physmem_page(&pm, c)->private_data);
	pm.max_pages = 2;
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_ANON, &c), -ENOMEM);
	gms_physmem_destroy(&pm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_load_split),
		cmocka_unit_test(test_merge_and_all),
		cmocka_unit_test(test_find_and_huge),
		cmocka_unit_test(test_physmem_lifo_and_stale_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
