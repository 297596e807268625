// SPDX-License-Identifier: GPL-2.0
/* Parsed-and-run statements per second over the bundled scenario library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/scenario.h>

static GPtrArray *load_texts(const char *dir)
{
	char *paths[] = { (char *)dir, NULL };
	GPtrArray *files = gms_scenario_collect(paths, NULL);
	GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
	char *text;

	for (guint i = 0; files && i < files->len; i++)
		if (g_file_get_contents(files->pdata[i], &text, NULL, NULL))
			g_ptr_array_add(texts, text);
	if (files)
		g_ptr_array_unref(files);
	return texts;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One pass of @rounds over every scenario: statements per second. */
static double pass(GPtrArray *texts, int rounds, u64 *stmts, u64 *failed)
{
	struct gms_policy base = { 0 };
	gint64 t0 = g_get_monotonic_time();
	u64 n = 0;

	for (int r = 0; r < rounds; r++) {
		for (guint i = 0; i < texts->len; i++) {
			const char *t = texts->pdata[i];
			struct gms_scenario *sc =
				gms_scenario_parse("bench", t, strlen(t), NULL);
			struct gms_run *run;

			if (!sc) {
				(*failed)++;
				continue;
			}
			run = gms_scenario_run(sc, &base);
			n += sc->stmts->len;
			*failed += run->verdict != GMS_PASS;
			gms_run_free(run);
			gms_scenario_free(sc);
		}
	}
	*stmts = n;
	return n / ((g_get_monotonic_time() - t0) / 1e6);
}

/*
 * The machine is shared and its speed swings within a second: many short
 * passes, and their median is the figure; the spread is printed with it.
 */
int main(int argc, char **argv)
{
	GPtrArray *texts = load_texts(argc > 1 ? argv[1] : "scenarios");
	int rounds = argc > 2 ? atoi(argv[2]) : 50;
	int passes = argc > 3 ? atoi(argv[3]) : 21;
	double rate[64];
	u64 stmts = 0, failed = 0;

	if (!texts->len || rounds < 1 || passes < 1 ||
	    passes > (int)G_N_ELEMENTS(rate)) {
		fprintf(stderr,
			"usage: bench_scenario DIR [ROUNDS] [PASSES (1-64)]\n");
		return 1;
	}
	for (int p = 0; p < passes; p++)
		rate[p] = pass(texts, rounds, &stmts, &failed);
	qsort(rate, passes, sizeof(rate[0]), cmp_double);
	printf("bench_scenario: %u scenarios x %d rounds (%" G_GUINT64_FORMAT
	       " statements) x %d passes: median %.0f statements/s (min %.0f, max %.0f; parsed, run, invariants after each)\n",
	       texts->len, rounds, stmts, passes, rate[passes / 2], rate[0],
	       rate[passes - 1]);
	g_ptr_array_unref(texts);
	return failed ? 1 : 0;
}
