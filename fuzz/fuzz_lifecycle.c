// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over lifecycle races: an input decodes to a scenario over
 * small pools of VMs (default, sw_protected, snp, tdx), guest_memfds,
 * memslots, mappings and tasks (gms_fuzz_decode_lifecycle), run on the
 * model with every invariant after every step. A violation or a model
 * assertion aborts with the trace; `gmemsim fuzz-decode --lifecycle CRASH`
 * (same GMEMSIM_POLICY) turns it into the scenario that replays it.
 *
 * GMEMSIM_POLICY="mutant=no-invalidate-retry" (name=value, comma-separated)
 * picks the design or the injected bug under test; the decoder reads it too
 * (under convert=in-place it writes conversions, pins and unpins).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/policy.h>
#include <gmemsim/scenario.h>

#define FUZZ_MAX_PAGES 4096 /* 16 MiB of simulated RAM keeps every input fast */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gms_policy base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *bad;

	(void)argc;
	(void)argv;
	if (gms_policy_parse_list(&base, g_getenv("GMEMSIM_POLICY"), &bad)) {
		fprintf(stderr,
			"fuzz_lifecycle: GMEMSIM_POLICY: bad policy '%s'\n",
			bad);
		exit(2);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = gms_fuzz_decode_lifecycle(data, size);
	struct gms_scenario *sc =
		gms_scenario_parse("fuzz.gms", text, strlen(text), NULL);
	struct gms_run *run;

	if (!sc) /* the decoder only writes well-formed scenarios */
		__builtin_trap();
	run = gms_scenario_run_fuzz(sc, &base, FUZZ_MAX_PAGES);
	if (gms_run_broke(run)) {
		fprintf(stderr, "%s\n", text);
		gms_report_text(run, stderr, true);
		__builtin_trap();
	}
	gms_run_free(run);
	gms_scenario_free(sc);
	g_free(text);
	return 0;
}
