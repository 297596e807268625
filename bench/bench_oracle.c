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
				t->ops->destroy(t);
			} else {
				run = gms_scenario_run(scs->pdata[i], &base);
			}
			steps += run->steps->len;
			gms_run_free(run);
		}
	}
	return steps / ((g_get_monotonic_time() - t0) / 1e6);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "scenarios";
	int rounds = argc > 2 ? atoi(argv[2]) : 20;
	GPtrArray *scs = g_ptr_array_new_with_free_func(
		(GDestroyNotify)gms_scenario_free);
	struct gms_target *probe;
	char *why = NULL;
	double model, kernel;

	probe = gms_kvm_target_new(&why);
	if (!probe) {
		printf("bench_oracle: skipped, no kernel target: %s\n", why);
		g_free(why);
		return 0;
	}
	probe->ops->destroy(probe);
	for (size_t i = 0; i < G_N_ELEMENTS(uapi); i++) {
		char *path = g_build_filename(dir, uapi[i], NULL);
		struct gms_scenario *sc = gms_scenario_load(path, NULL);

		if (sc)
			g_ptr_array_add(scs, sc);
		g_free(path);
	}
	model = rate(scs, rounds * 50, false);
	kernel = rate(scs, rounds, true);
	printf("bench_oracle: %u uAPI scenarios: model %.0f steps/s, kernel %.0f steps/s, model/kernel %.0fx\n",
	       scs->len, model, kernel, model / kernel);
	g_ptr_array_unref(scs);
	return 0;
}
