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

#define MAX_ROWS 64

/* One row; false when it differs from one worker's or breaks. */
static bool row(int depth, int jobs, const struct gms_explore_result *r,
		const struct gms_explore_result *one)
{
	bool good = !r->violation && r->complete && same_counts(one, r);

	printf("%5d %4d %12llu %12llu %12llu %10.2f %14.0f %8.2fx%s\n", depth,
	       jobs, (unsigned long long)r->stats.explored,
	       (unsigned long long)r->stats.distinct,
	       (unsigned long long)r->stats.worlds, r->stats.seconds,
	       r->stats.distinct / r->stats.seconds,
	       one->stats.seconds / r->stats.seconds, good ? "" : "  FAILED");
	return good;
}

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 9;
	int max_jobs = argc > 2 ? atoi(argv[2]) : (int)g_get_num_processors();
	struct gms_explore_result **res =
		g_new0(struct gms_explore_result *, MAX_ROWS * MAX_ROWS);
	bool ok = true;

	if (max < 4 || max > MAX_ROWS - 1 || max_jobs < 1 ||
	    max_jobs > GMS_EXPLORE_MAX_JOBS) {
		fprintf(stderr,
			"usage: bench_explore [MAX_DEPTH [MAX_JOBS]]\n");
		return 2;
	}
	/*
	 * Every depth with one worker first: once a process has had threads,
	 * malloc takes its locks for good, and a single worker after them
	 * runs slower than `--jobs 1` does, which would flatter the speed-up.
	 */
	for (int j = 1, k = 0; j <= max_jobs && k < MAX_ROWS;
	     j = next_jobs(j, max_jobs), k++)
		for (int d = 4; d <= max; d++)
			if (!(res[d * MAX_ROWS + k] = search(d, j)))
				return 1;
	printf("%5s %4s %12s %12s %12s %10s %14s %9s\n", "depth", "jobs",
	       "explored", "distinct", "worlds", "seconds", "distinct/s",
	       "speed-up");
	for (int d = 4; d <= max; d++)
		for (int j = 1, k = 0; k < MAX_ROWS && res[d * MAX_ROWS + k];
		     j = next_jobs(j, max_jobs), k++)
			ok &= row(d, j, res[d * MAX_ROWS + k],
				  res[d * MAX_ROWS]);
	for (int d = 4; d <= max; d++)
		for (int k = 0; k < MAX_ROWS; k++)
			gms_explore_result_free(res[d * MAX_ROWS + k]);
	g_free(res);
	return ok ? 0 : 1;
}
