// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer (src/scenario/explore/explore.c): a successor may start from the
 * world a failed operation left as it was, instead of a replay from the empty
 * world. Both must find the same states, in the same number of transitions,
 * and the same shortest counterexamples. So must searches with any number of
 * worker threads (--jobs).
 */
#include <string.h>

#include <gmemsim/explore.h>

#include "helpers.h"

static struct gms_explore_result *explore_jobs(const char *type, int depth,
					       const char *mutant, bool fresh,
					       int jobs, u64 max_states)
{
	struct gms_explore_config cfg;
	struct gms_explore_result *r;
	char *line = mutant ? g_strconcat("mutant=", mutant, NULL) : NULL;
	char *lines[] = { line, NULL };

	gms_explore_config_init(&cfg);
	cfg.type = type;
	cfg.depth = depth;
	cfg.fresh_worlds = fresh;
	cfg.jobs = jobs;
	cfg.max_states = max_states;
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

static struct gms_explore_result *explore(const char *type, int depth,
					  const char *mutant, bool fresh)
{
	return explore_jobs(type, depth, mutant, fresh, 1, 0);
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

/*
 * One worker and @jobs: the same states in the same transitions, worlds
 * built, stop and counterexample, to the byte.
 */
static void same_jobs(const char *type, int depth, const char *mutant,
		      u64 max_states, int jobs)
{
	struct gms_explore_result *one =
		explore_jobs(type, depth, mutant, false, 1, max_states);
	struct gms_explore_result *many =
		explore_jobs(type, depth, mutant, false, jobs, max_states);

	assert_true(one->stats.explored == many->stats.explored);
	assert_true(one->stats.distinct == many->stats.distinct);
	assert_true(one->stats.worlds == many->stats.worlds);
	assert_int_equal(one->stats.depth, many->stats.depth);
	assert_int_equal(one->complete, many->complete);
	assert_int_equal(one->hit_max_states, many->hit_max_states);
	assert_int_equal(!one->violation, !many->violation);
	if (one->violation) {
		assert_string_equal(one->violation, many->violation);
		assert_int_equal(one->violation_depth, many->violation_depth);
		assert_string_equal(one->counterexample, many->counterexample);
		assert_true(many->replays);
	}
	gms_explore_result_free(one);
	gms_explore_result_free(many);
}

static void test_jobs_find_the_same_states(void **state)
{
	(void)state;
	same_jobs(NULL, 5, NULL, 0, 2);
	same_jobs(NULL, 5, NULL, 0, 3);
	same_jobs("snp", 4, NULL, 0, 2);
	same_jobs("pkvm", 4, NULL, 0, 3);
}

static void test_jobs_find_the_same_counterexample(void **state)
{
	(void)state;
	same_jobs(NULL, 6, "release-uaf", 0, 2);
	same_jobs(NULL, 4, "toggle-gmem-flag", 0, 3);
	same_jobs("snp", 6, "truncate-zeroes", 0, 2);
	same_jobs(NULL, 5, "shared-not-zapped", 0, 3);
}

/* --max-states stops where one worker would, inside a level */
static void test_jobs_stop_at_the_same_state(void **state)
{
	struct gms_explore_result *r;

	(void)state;
	same_jobs(NULL, 8, NULL, 1000, 2);
	same_jobs(NULL, 8, NULL, 777, 3);
	r = explore_jobs(NULL, 8, NULL, false, 2, 777);
	assert_true(r->hit_max_states);
	assert_true(r->stats.distinct == 777);
	gms_explore_result_free(r);
}

static void test_jobs_is_checked(void **state)
{
	struct gms_explore_config cfg;
	GError *err = NULL;

	(void)state;
	gms_explore_config_init(&cfg);
	assert_true(cfg.jobs >= 1);
	cfg.jobs = 0;
	assert_null(gms_explore(&cfg, &err));
	assert_non_null(strstr(err->message, "--jobs"));
	g_clear_error(&err);
	cfg.jobs = GMS_EXPLORE_MAX_JOBS + 1;
	assert_null(gms_explore(&cfg, &err));
	g_clear_error(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse_finds_the_same_states),
		cmocka_unit_test(test_reuse_finds_the_same_counterexample),
		cmocka_unit_test(test_jobs_find_the_same_states),
		cmocka_unit_test(test_jobs_find_the_same_counterexample),
		cmocka_unit_test(test_jobs_stop_at_the_same_state),
		cmocka_unit_test(test_jobs_is_checked),
	};

	/* a model bug in a searched world (the form's own included) is fatal */
	g_log_set_always_fatal(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
