// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer (src/scenario/explore/explore.c): a successor may start from the
 * world a failed operation left as it was, instead of a replay from the empty
 * world. Both must find the same states, in the same number of transitions,
 * and the same shortest counterexamples.
 */
#include <string.h>

#include <gmemsim/explore.h>

#include "helpers.h"

static struct gms_explore_result *explore(const char *type, int depth,
					  const char *mutant, bool fresh)
{
	struct gms_explore_config cfg;
	struct gms_explore_result *r;
	char *line = mutant ? g_strconcat("mutant=", mutant, NULL) : NULL;
	char *lines[] = { line, NULL };

	gms_explore_config_init(&cfg);
	cfg.type = type;
	cfg.depth = depth;
	cfg.fresh_worlds = fresh;
	if (mutant) {
		assert_int_equal(gms_policy_set(&cfg.policy, "mutant", mutant),
				 0);
		cfg.policy_lines = lines; /* for the counterexample */
	}
	r = gms_explore(&cfg, NULL);
	assert_non_null(r);
	g_free(line);
	return r;
}

static void same_search(const char *type, int depth, const char *mutant)
{
	struct gms_explore_result *fresh = explore(type, depth, mutant, true);
	struct gms_explore_result *reuse = explore(type, depth, mutant, false);

	assert_true(fresh->stats.explored == reuse->stats.explored);
	assert_true(fresh->stats.distinct == reuse->stats.distinct);
	assert_int_equal(fresh->stats.depth, reuse->stats.depth);
	/* one world per transition and the root's, against far fewer */
	assert_true(fresh->stats.worlds == fresh->stats.explored + 1);
	assert_true(reuse->stats.worlds < fresh->stats.worlds);
	assert_int_equal(!fresh->violation, !reuse->violation);
	if (fresh->violation) {
		assert_string_equal(fresh->violation, reuse->violation);
		assert_string_equal(fresh->counterexample,
				    reuse->counterexample);
		assert_true(reuse->replays);
	}
	gms_explore_result_free(fresh);
	gms_explore_result_free(reuse);
}

static void test_reuse_finds_the_same_states(void **state)
{
	(void)state;
	same_search(NULL, 5, NULL);
	same_search("snp", 4, NULL);
	same_search("tdx", 4, NULL);
	same_search("pkvm", 4, NULL);
}

static void test_reuse_finds_the_same_counterexample(void **state)
{
	(void)state;
	same_search(NULL, 6, "release-uaf");
	same_search("snp", 6, "truncate-zeroes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse_finds_the_same_states),
		cmocka_unit_test(test_reuse_finds_the_same_counterexample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
