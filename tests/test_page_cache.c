// SPDX-License-Identifier: GPL-2.0
/* The page cache: folios in 64-slot xarray nodes. */
#include <gmemsim/page_cache.h>

#include "helpers.h"

static void test_add_lookup_delete(void **state)
{
	struct gms_page_cache pc;
	struct gms_folio *a, *b;

	(void)state;
	gms_page_cache_init(&pc);
	assert_null(gms_page_cache_lookup(&pc, 0));
	assert_null(gms_page_cache_find(&pc, 0, G_MAXUINT64));
	a = gms_page_cache_add(&pc, 63);
	b = gms_page_cache_add(&pc, 64); /* the next node */
	a->pfn = 7;
	assert_ptr_equal(gms_page_cache_lookup(&pc, 63), a);
	assert_int_equal(gms_page_cache_lookup(&pc, 63)->pfn, 7);
	assert_int_equal(b->index, 64);
	assert_null(gms_page_cache_lookup(&pc, 62));
	assert_null(gms_page_cache_lookup(&pc, 65));
	assert_int_equal(gms_page_cache_count(&pc), 2);
	/* [start, end) is half-open on both sides of a node boundary */
	assert_ptr_equal(gms_page_cache_find(&pc, 0, 64), a);
	assert_null(gms_page_cache_find(&pc, 0, 63));
	assert_ptr_equal(gms_page_cache_find(&pc, 64, 65), b);
	assert_null(gms_page_cache_find(&pc, 65, G_MAXUINT64));
	/* an emptied node goes, and its chunk reads as empty afterwards */
	gms_page_cache_delete(&pc, a);
	assert_null(gms_page_cache_lookup(&pc, 63));
	assert_ptr_equal(gms_page_cache_find(&pc, 0, G_MAXUINT64), b);
	a = gms_page_cache_add(&pc, 0);
	assert_int_equal(a->pfn, 0); /* a new folio starts zeroed */
	assert_int_equal(gms_page_cache_count(&pc), 2);
	gms_page_cache_destroy(&pc);
	assert_int_equal(gms_page_cache_count(&pc), 0);
}

/* far apart indices: a 1 TiB file's last page, and the largest index */
static void test_sparse(void **state)
{
	static const u64 at[] = { 5, 1ull << 28, (1ull << 28) + 1,
				  G_MAXUINT64 - 1 };
	struct gms_page_cache pc;
	struct gms_folio *f;
	int n = 0;

	(void)state;
	gms_page_cache_init(&pc);
	for (int i = G_N_ELEMENTS(at) - 1; i >= 0; i--)
		gms_page_cache_add(&pc, at[i]);
	gms_page_cache_for_each(&pc, f, 0, G_MAXUINT64)
		assert_int_equal(f->index, at[n++]);
	assert_int_equal(n, G_N_ELEMENTS(at));
	assert_int_equal(gms_page_cache_find(&pc, 6, G_MAXUINT64)->index,
			 1ull << 28);
	assert_null(gms_page_cache_find(&pc, 6, 1ull << 28));
	assert_null(gms_page_cache_find(&pc, G_MAXUINT64 - 1, G_MAXUINT64 - 1));
	gms_page_cache_destroy(&pc);
}

/*
 * Random adds, deletes, lookups and finds over four nodes' worth of
 * indices, each answer checked against a plain array.
 */
static void test_against_array(void **state)
{
	enum { N = 4 * GMS_PC_CHUNK_SIZE + 3 };
	struct gms_page_cache pc;
	bool ref[N] = { 0 };
	GRand *rng = g_rand_new_with_seed(42);
	u64 count = 0;

	(void)state;
	gms_page_cache_init(&pc);
	for (int i = 0; i < 20000; i++) {
		u64 x = g_rand_int_range(rng, 0, N);
		u64 y = g_rand_int_range(rng, x, N + 1);
		struct gms_folio *f = gms_page_cache_lookup(&pc, x);
		u64 want = y;

		assert_true(!f == !ref[x]);
		if (f) {
			assert_int_equal(f->index, x);
			assert_int_equal(f->pfn, x * 3);
		}
		if (g_rand_boolean(rng) && !f) {
			gms_page_cache_add(&pc, x)->pfn = x * 3;
			ref[x] = true;
			count++;
		} else if (f && g_rand_int_range(rng, 0, 3)) {
			gms_page_cache_delete(&pc, f);
			ref[x] = false;
			count--;
		}
		assert_int_equal(gms_page_cache_count(&pc), count);
		for (u64 j = x; j < y; j++)
			if (ref[j]) {
				want = j;
				break;
			}
		f = gms_page_cache_find(&pc, x, y);
		if (want == y)
			assert_null(f);
		else
			assert_int_equal(f->index, want);
	}
	g_rand_free(rng);
	gms_page_cache_destroy(&pc);
}

/* hugetlb=allowed: a huge folio is one entry, found from any index inside */
static void test_huge_lookup(void **state)
{
	struct gms_page_cache pc;
	struct gms_folio *h, *a, *f;
	int n = 0;

	(void)state;
	gms_page_cache_init(&pc);
	a = gms_page_cache_add(&pc, 3);
	h = gms_page_cache_add_order(&pc, 512, 9);
	h->pfn = 1024;
	assert_int_equal(gms_page_cache_count(&pc), 2);
	assert_null(gms_page_cache_lookup(&pc, 511));
	assert_ptr_equal(gms_page_cache_lookup(&pc, 512), h);
	assert_ptr_equal(gms_page_cache_lookup(&pc, 1023), h);
	assert_null(gms_page_cache_lookup(&pc, 1024));
	assert_int_equal(gms_folio_file_pfn(h, 700), 1024 + 700 - 512);
	/* find: the huge folio that covers start, else the first after it */
	assert_ptr_equal(gms_page_cache_find(&pc, 600, 601), h);
	assert_ptr_equal(gms_page_cache_find(&pc, 4, G_MAXUINT64), h);
	assert_ptr_equal(gms_page_cache_find(&pc, 0, 600), a);
	assert_null(gms_page_cache_find(&pc, 4, 512));
	assert_null(gms_page_cache_find(&pc, 1024, G_MAXUINT64));
	/* for_each steps over the whole huge folio once */
	gms_page_cache_for_each(&pc, f, 0, G_MAXUINT64)
		n++;
	assert_int_equal(n, 2);
	gms_page_cache_delete(&pc, h);
	assert_null(gms_page_cache_lookup(&pc, 600));
	assert_int_equal(gms_page_cache_count(&pc), 1);
	gms_page_cache_destroy(&pc);
}

/* split to order-0 pieces that remember their huge page, and merge back */
static void test_huge_split_merge(void **state)
{
	struct gms_page_cache pc;
	struct gms_folio *h, *p;

	(void)state;
	gms_page_cache_init(&pc);
	h = gms_page_cache_add_order(&pc, 512, 9);
	h->pfn = 2048;
	h->uptodate = true;
	p = gms_page_cache_split(&pc, h);
	assert_int_equal(p->index, 512);
	assert_int_equal(gms_page_cache_count(&pc), 512);
	for (u64 i = 512; i < 1024; i++) {
		p = gms_page_cache_lookup(&pc, i);
		assert_int_equal(p->order, 0);
		assert_int_equal(p->huge_order, 9);
		assert_int_equal(p->pfn, 2048 + i - 512);
		assert_true(p->uptodate);
	}
	/* a piece missing, or at the wrong pfn: no merge, nothing changed */
	p = gms_page_cache_lookup(&pc, 700);
	p->pfn++;
	assert_null(gms_page_cache_merge(&pc, 512, 9));
	assert_int_equal(gms_page_cache_count(&pc), 512);
	p->pfn--;
	p->uptodate = false;
	h = gms_page_cache_merge(&pc, 512, 9);
	assert_non_null(h);
	assert_int_equal(h->order, 9);
	assert_int_equal(h->pfn, 2048);
	assert_false(h->uptodate); /* uptodate only if every piece was */
	assert_int_equal(gms_page_cache_count(&pc), 1);
	assert_ptr_equal(gms_page_cache_lookup(&pc, 1000), h);
	gms_page_cache_delete(&pc, gms_page_cache_split(&pc, h));
	assert_null(gms_page_cache_merge(&pc, 512, 9)); /* a piece is gone */
	gms_page_cache_destroy(&pc);
}

/* a 1 TiB file of 1 GiB folios is 1024 entries */
static void test_huge_scale(void **state)
{
	struct gms_page_cache pc;

	(void)state;
	gms_page_cache_init(&pc);
	for (u64 i = 0; i < 1024; i++)
		gms_page_cache_add_order(&pc, i << 18, 18)->pfn = i << 18;
	assert_int_equal(gms_page_cache_count(&pc), 1024);
	assert_int_equal(gms_page_cache_lookup(&pc, (1ULL << 28) - 1)->index,
			 1023ULL << 18);
	assert_null(gms_page_cache_lookup(&pc, 1ULL << 28));
	gms_page_cache_destroy(&pc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_lookup_delete),
		cmocka_unit_test(test_sparse),
		cmocka_unit_test(test_against_array),
		cmocka_unit_test(test_huge_lookup),
		cmocka_unit_test(test_huge_split_merge),
		cmocka_unit_test(test_huge_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
