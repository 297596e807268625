// SPDX-License-Identifier: GPL-2.0
/*
 * Differential libFuzzer target: an input decodes to a uAPI scenario
 * (gms_fuzz_decode), which runs on the model and on the running kernel in
 * lockstep. A difference the known-differences table does not explain is a
 * crash; `gmemsim fuzz-decode CRASH` turns it into the scenario to replay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *why = NULL;
	struct gms_target *t = gms_kvm_target_new(&why);

	(void)argc;
	(void)argv;
	if (!t) {
		fprintf(stderr, "fuzz_diff: needs the running kernel: %s\n",
			why);
		exit(77);
	}
	gms_target_destroy(t);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = gms_fuzz_decode(data, size), *why = NULL;
	struct gms_scenario *sc =
		gms_scenario_parse("fuzz.gms", text, strlen(text), NULL);
	struct gms_policy base = { 0 };
	struct gms_target *t;
	struct gms_diff *d;

	if (!sc) /* the decoder only writes well-formed scenarios */
		__builtin_trap();
	t = gms_kvm_target_new(&why);
	if (!t)
		__builtin_trap();
	d = gms_scenario_diff(sc, &base, t);
	gms_target_destroy(t);
	if (d->unexplained) {
		fprintf(stderr, "%s\n", text);
		gms_report_diff(d, stderr, true);
		__builtin_trap();
	}
	gms_diff_free(d);
	gms_scenario_free(sc);
	g_free(text);
	return 0;
}
