// SPDX-License-Identifier: GPL-2.0
/*
 * gmemsim explore with its defaults (2 VMs, 2 pages, depth 8), and deeper:
 * distinct states per second, how the state count grows with the depth, and
 * how many worlds were built by replaying a path (the rest of the transitions
 * started from a world an operation had left unchanged).
 * Usage: bench_explore [MAX_DEPTH]   (default 9)
 */
#include <stdio.h>
#include <stdlib.h>

#include <gmemsim/explore.h>

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 9;
	bool ok = true;

	printf("%5s %12s %12s %12s %10s %16s\n", "depth", "explored",
	       "distinct", "worlds", "seconds", "distinct/s");
	for (int d = 4; d <= max; d++) {
		struct gms_explore_config cfg;
		struct gms_explore_result *r;

		gms_explore_config_init(&cfg);
		cfg.depth = d;
		r = gms_explore(&cfg, NULL);
		if (!r)
			return 1;
		printf("%5d %12llu %12llu %12llu %10.2f %16.0f%s\n", d,
		       (unsigned long long)r->stats.explored,
		       (unsigned long long)r->stats.distinct,
		       (unsigned long long)r->stats.worlds, r->stats.seconds,
		       r->stats.distinct / r->stats.seconds,
		       r->violation || !r->complete ? "  FAILED" : "");
		ok &= !r->violation && r->complete;
		gms_explore_result_free(r);
	}
	return ok ? 0 : 1;
}
