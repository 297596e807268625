// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer's soundness (explore --check-forms): two states the search
 * merges because their canonical forms (src/check/state_form.c) are equal
 * must behave the same, or `gmemsim explore` could prune the only path to a
 * violation and still report none. For each merge checked, both paths are
 * replayed and every operation of the alphabet runs on both, through the VM
 * permutation the symmetry reduction matched them by: same outcome, same
 * invariants, equal forms again. Bounded so the whole file stays near a
 * minute under ASan: depth 6 for the defaults, 5 for each hardware type (4
 * with in-place conversion), every merge or every 2nd/3rd (check_every).
 */
#include <string.h>

#include <gmemsim/explore.h>

#include "helpers.h"

/*
 * @explored/@distinct: the search's counts, pinned as tests/explore.sh pins
 * depth 6: a form that tells apart states that behave the same (finer:
 * sound but slower) or merges states that do not (coarser) moves them, even
 * where no merge checked one step on differs.
 */
static void sound(const char *type, int depth, u32 merges, u32 every,
		  const char *policy, u64 explored, u64 distinct)
{
	struct gms_explore_config cfg;
	struct gms_explore_result *r;

	gms_explore_config_init(&cfg);
	cfg.type = type;
	cfg.depth = depth;
	cfg.check_forms = merges;
	cfg.check_every = every;
	if (policy) {
		char *eq = strchr(policy, '=');
		char *key = g_strndup(policy, eq - policy);

		assert_int_equal(gms_policy_set(&cfg.policy, key, eq + 1), 0);
		g_free(key);
	}
	r = gms_explore(&cfg, NULL);
	assert_non_null(r);
	if (r->unsound)
		fail_msg("%s: %s", type ? type : "default", r->unsound);
	assert_null(r->violation);
	assert_true(r->complete);
	assert_int_equal(r->stats.explored, explored);
	assert_int_equal(r->stats.distinct, distinct);
	/* the check ran: merges were found, and as many checked as asked */
	assert_true(r->merges > 0);
	assert_true(r->merges_checked ==
		    MIN((r->merges + every - 1) / every, (u64)merges));
	gms_explore_result_free(r);
}

static void test_defaults(void **state)
{
	(void)state;
	sound(NULL, 6, 100000, 3, NULL, 17750, 4012);
}

static void test_snp(void **state)
{
	(void)state;
	sound("snp", 5, 100000, 2, NULL, 10061, 1852);
}

static void test_tdx(void **state)
{
	(void)state;
	sound("tdx", 5, 100000, 2, NULL, 10061, 1850);
}

static void test_pkvm(void **state)
{
	(void)state;
	sound("pkvm", 5, 100000, 1, NULL, 6776, 1442);
}

static void test_sw_protected(void **state)
{
	(void)state;
	sound("sw_protected", 5, 100000, 2, NULL, 6398, 1319);
}

static void test_in_place(void **state)
{
	(void)state;
	sound("snp", 4, 100000, 1, "convert=in-place", 1123, 321);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_snp),
		cmocka_unit_test(test_tdx),
		cmocka_unit_test(test_pkvm),
		cmocka_unit_test(test_sw_protected),
		cmocka_unit_test(test_in_place),
	};

	/*
	 * A model bug in any world the search builds fails the run: the
	 * form's own GMS_WARN_ON()s (fp_page()) report nowhere else.
	 */
	g_log_set_always_fatal(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
