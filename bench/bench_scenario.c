// SPDX-License-Identifier: GPL-2.0
/* Parsed-and-run statements per second over the bundled scenario library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/scenario.h>

static void collect(const char *dir, GPtrArray *texts)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (!d)
		return;
	while ((name = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, name, NULL);
		char *text;

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			collect(path, texts);
		else if (g_str_has_suffix(name, ".gms") &&
			 g_file_get_contents(path, &text, NULL, NULL))
			g_ptr_array_add(texts, text);
		g_free(path);
	}
	g_dir_close(d);
}

int main(int argc, char **argv)
{
	GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	struct gms_policy base = { 0 };
	u64 stmts = 0, failed = 0;
	gint64 t0, t1;

	collect(argc > 1 ? argv[1] : "scenarios", texts);
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
	       texts->len, rounds, stmts, (t1 - t0) / 1e6, stmts / ((t1 - t0) / 1e6));
	g_ptr_array_unref(texts);
	return failed ? 1 : 0;
}
