// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over lifecycle races: an input decodes to a scenario over
 * small pools of VMs (default, sw_protected, snp, tdx), guest_memfds,
 * memslots, mappings and tasks (gms_fuzz_decode_lifecycle), run on the
 * model with every invariant after every step. A violation or a model
 * assertion aborts with the trace and the scenario that replays it with
 * `gmemsim run` (each outcome written out); `gmemsim fuzz-decode
 * --lifecycle CRASH` (same GMEMSIM_POLICY) decodes a crash input anew.
 *
 * GMEMSIM_POLICY="mutant=no-invalidate-retry" (name=value, comma-separated)
 * picks the design or the injected bug under test; the decoder reads it too
 * (under convert=in-place it writes conversions, pins and unpins).
 *
 * Mutations work on whole ops (lifecycle_mutator.c); GMEMSIM_FUZZ_PLAIN=1
 * leaves libFuzzer's byte mutations alone, to measure what that is worth.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/policy.h>
#include <gmemsim/scenario.h>

#include "lifecycle_mutator.h"

#define FUZZ_MAX_PAGES 4096 /* 16 MiB of simulated RAM keeps every input fast */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *a, size_t a_size,
				 const uint8_t *b, size_t b_size, uint8_t *out,
				 size_t max_out, unsigned int seed);

static struct gms_policy base;
static bool plain; /* GMEMSIM_FUZZ_PLAIN: libFuzzer's mutations only */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *bad;

	(void)argc;
	(void)argv;
	plain = g_strcmp0(g_getenv("GMEMSIM_FUZZ_PLAIN"), "1") == 0;
	if (gms_policy_parse_list(&base, g_getenv("GMEMSIM_POLICY"), &bad)) {
		fprintf(stderr,
			"fuzz_lifecycle: GMEMSIM_POLICY: bad policy '%s'\n",
			bad);
		exit(2);
	}
	return 0;
}

/*
 * The crash as `gmemsim run` replays it to the violation: the decoded
 * scenario stops at its first unexpected outcome (it expects none), so
 * here each step's outcome is written out, as `gmemsim fuzz-decode` and
 * explore's counterexamples do, up to the first violation.
 */
static void print_replay(struct gms_run *run, const char *text)
{
	const char *policy = g_getenv("GMEMSIM_POLICY");
	char **items = g_strsplit_set(policy ? policy : "", ", ", -1);
	char *replay = gms_run_replay_text(run, text);

	fprintf(stderr,
		"# replay with `gmemsim run`: each outcome written out\n");
	for (char **it = items; *it; it++)
		if (**it)
			fprintf(stderr, "policy %s\n", *it);
	g_strfreev(items);
	fputs(replay, stderr);
	g_free(replay);
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
		print_replay(run, text);
		__builtin_trap();
	}
	gms_run_free(run);
	gms_scenario_free(sc);
	g_free(text);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (plain)
		return LLVMFuzzerMutate(data, size, max_size);
	return gms_lifecycle_mutate(data, size, max_size, seed,
				    LLVMFuzzerMutate);
}

/*
 * libFuzzer picks this as often as the mutator: a splice one time in four
 * (syzkaller splices rarely too), an op edit of @a the other times.
 * Plain: 0, a failed mutation, and libFuzzer's own crossover stays in use.
 */
size_t LLVMFuzzerCustomCrossOver(const uint8_t *a, size_t a_size,
				 const uint8_t *b, size_t b_size, uint8_t *out,
				 size_t max_out, unsigned int seed)
{
	size_t size = a_size < max_out ? a_size : max_out;

	if (plain)
		return 0;
	if (seed % 4)
		return gms_lifecycle_mutate(memcpy(out, a, size), size, max_out,
					    seed / 4, LLVMFuzzerMutate);
	return gms_lifecycle_cross_over(a, a_size, b, b_size, out, max_out,
					seed / 4);
}
