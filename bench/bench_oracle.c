// SPDX-License-Identifier: GPL-2.0
/*
 * The same uAPI scenarios on the model and on the running kernel: steps per
 * second of each, and how much faster the model is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

static const char *const uapi[] = {
	"create/invalid_sizes.gms", "create/flags_default_vm.gms",
	"fileops/read_write.gms",   "fallocate/modes.gms",
	"fallocate/selftest.gms",   "memslot/geometry.gms",
	"memslot/immutable.gms",    "memslot/foreign_fds.gms",
	"mmap/supported.gms",	    "mmap/fault_overflow.gms",
};

static double rate(GPtrArray *scs, int rounds, bool kernel)
{
	struct gms_policy base = { 0 };
	gint64 t0 = g_get_monotonic_time();
	u64 steps = 0;

	for (int r = 0; r < rounds; r++) {
		for (guint i = 0; i < scs->len; i++) {
			struct gms_run *run;
			char *why = NULL;

			if (kernel) {
				struct gms_target *t = gms_kvm_target_new(&why);

				run = gms_scenario_run_target(scs->pdata[i], t);
				gms_target_destroy(t);
			} else {
				run = gms_scenario_run(scs->pdata[i], &base);
			}
			steps += run->steps->len;
			gms_run_free(run);
		}
	}
	return steps / ((g_get_monotonic_time() - t0) / 1e6);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Model and kernel passes alternate, short, so both meet the same machine
 * (it is shared, and for seconds at a time runs at half speed); the ratio
 * is the median of the passes' ratios.
 */
int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "scenarios";
	int rounds = argc > 2 ? atoi(argv[2]) : 10;
	int passes = argc > 3 ? atoi(argv[3]) : 21;
	GPtrArray *scs = g_ptr_array_new_with_free_func(
		(GDestroyNotify)gms_scenario_free);
	double model[64], kernel[64], ratio[64];
	struct gms_target *probe;
	char *why = NULL;

	if (rounds < 1 || passes < 1 || passes > (int)G_N_ELEMENTS(ratio)) {
		fprintf(stderr,
			"usage: bench_oracle DIR [ROUNDS] [PASSES (1-64)]\n");
		return 1;
	}
	probe = gms_kvm_target_new(&why);
	if (!probe) {
		printf("bench_oracle: skipped, no kernel target: %s\n", why);
		g_free(why);
		g_ptr_array_unref(scs);
		return 0;
	}
	gms_target_destroy(probe);
	for (size_t i = 0; i < G_N_ELEMENTS(uapi); i++) {
		char *path = g_build_filename(dir, uapi[i], NULL);
		struct gms_scenario *sc = gms_scenario_load(path, NULL);

		if (sc)
			g_ptr_array_add(scs, sc);
		g_free(path);
	}
	for (int p = 0; p < passes; p++) {
		model[p] = rate(scs, rounds * 50, false);
		kernel[p] = rate(scs, rounds, true);
		ratio[p] = model[p] / kernel[p];
	}
	qsort(model, passes, sizeof(double), cmp_double);
	qsort(kernel, passes, sizeof(double), cmp_double);
	qsort(ratio, passes, sizeof(double), cmp_double);
	/*
	 * The machine only ever slows a pass down, so the fastest pass of
	 * each side is its speed undisturbed; their ratio is quoted beside
	 * the median of the paired ratios.
	 */
	printf("bench_oracle: %u uAPI scenarios, %d passes: model %.0f steps/s, kernel %.0f steps/s (medians), model/kernel %.0fx (median; min %.0fx, max %.0fx); fastest passes: model %.0f, kernel %.0f steps/s, %.0fx\n",
	       scs->len, passes, model[passes / 2], kernel[passes / 2],
	       ratio[passes / 2], ratio[0], ratio[passes - 1],
	       model[passes - 1], kernel[passes - 1],
	       model[passes - 1] / kernel[passes - 1]);
	g_ptr_array_unref(scs);
	return 0;
}
