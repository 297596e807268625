// SPDX-License-Identifier: GPL-2.0
/*
 * gmemsim explore with its defaults (2 VMs, 2 pages, depth 8), and deeper:
 * distinct states per second, how the state count grows with the depth, how
 * many worlds were built by replaying a path (the rest of the transitions
 * started from a world an operation had left unchanged), and how the rate
 * grows with worker threads (--jobs): 1, 2, 4, ... and the machine's cores,
 * each with the speed-up over one. Every row of a depth must have the same
 * counts: a search does not depend on its number of workers.
 * Usage: bench_explore [MAX_DEPTH [MAX_JOBS]]   (default 9, the machine's cores)
 */
#include <stdio.h>
#include <stdlib.h>

#include <gmemsim/explore.h>

static struct gms_explore_result *search(int depth, int jobs)
{
	struct gms_explore_config cfg;

	gms_explore_config_init(&cfg);
	cfg.depth = depth;
	cfg.jobs = jobs;
	return gms_explore(&cfg, NULL);
}

static bool same_counts(const struct gms_explore_result *a,
			const struct gms_explore_result *b)
{
	return a->stats.explored == b->stats.explored &&
	       a->stats.distinct == b->stats.distinct &&
	       a->stats.worlds == b->stats.worlds &&
	       a->stats.depth == b->stats.depth;
}

/* 1, 2, 4, ... below @max, then @max */
static int next_jobs(int jobs, int max)
{
	return jobs * 2 < max ? jobs * 2 : jobs < max ? max : max + 1;
}

/* Every number of workers at @depth; false when a row differs or breaks. */
static bool depth_rows(int depth, int max_jobs)
{
	struct gms_explore_result *one = NULL;
	bool ok = true;

	for (int j = 1; j <= max_jobs; j = next_jobs(j, max_jobs)) {
		struct gms_explore_result *r = search(depth, j);
		bool good;

		if (!r)
			return false;
		if (!one)
			one = r;
		good = !r->violation && r->complete && same_counts(one, r);
		printf("%5d %4d %12llu %12llu %12llu %10.2f %14.0f %8.2fx%s\n",
		       depth, j, (unsigned long long)r->stats.explored,
		       (unsigned long long)r->stats.distinct,
		       (unsigned long long)r->stats.worlds, r->stats.seconds,
		       r->stats.distinct / r->stats.seconds,
		       one->stats.seconds / r->stats.seconds,
		       good ? "" : "  FAILED");
		fflush(stdout);
		ok &= good;
		if (r != one)
			gms_explore_result_free(r);
	}
	gms_explore_result_free(one);
	return ok;
}

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 9;
	int max_jobs = argc > 2 ? atoi(argv[2]) : (int)g_get_num_processors();
	bool ok = true;

	if (max_jobs < 1 || max_jobs > GMS_EXPLORE_MAX_JOBS) {
		fprintf(stderr, "bench_explore: MAX_JOBS takes 1 to %d\n",
			GMS_EXPLORE_MAX_JOBS);
		return 2;
	}
	printf("%5s %4s %12s %12s %12s %10s %14s %9s\n", "depth", "jobs",
	       "explored", "distinct", "worlds", "seconds", "distinct/s",
	       "speed-up");
	for (int d = 4; d <= max; d++)
		ok &= depth_rows(d, max_jobs);
	return ok ? 0 : 1;
}
