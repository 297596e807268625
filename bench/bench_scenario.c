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

int main(int argc, char **argv)
{
	GPtrArray *texts = load_texts(argc > 1 ? argv[1] : "scenarios");
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	struct gms_policy base = { 0 };
	u64 stmts = 0, failed = 0;
	gint64 t0, t1;

	if (!texts->len) {
		fprintf(stderr, "bench_scenario: no scenarios\n");
		return 1;
	}
	t0 = g_get_monotonic_time();
	for (int r = 0; r < rounds; r++) {
		for (guint i = 0; i < texts->len; i++) {
			const char *t = texts->pdata[i];
			struct gms_scenario *sc =
				gms_scenario_parse("bench", t, strlen(t), NULL);
			struct gms_run *run;

			if (!sc) {
				failed++;
				continue;
			}
			run = gms_scenario_run(sc, &base);
			stmts += sc->stmts->len;
			failed += run->verdict != GMS_PASS;
			gms_run_free(run);
			gms_scenario_free(sc);
		}
	}
	t1 = g_get_monotonic_time();
	printf("bench_scenario: %u scenarios x %d rounds, %" G_GUINT64_FORMAT
	       " statements in %.3f s: %.0f statements/s (parsed, run, invariants after each)\n",
	       texts->len, rounds, stmts, (t1 - t0) / 1e6,
	       stmts / ((t1 - t0) / 1e6));
	g_ptr_array_unref(texts);
	return failed ? 1 : 0;
}
