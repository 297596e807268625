// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the .gms parser and runner: any input must parse or
 * be rejected with an error, and a parsed scenario must run to a verdict,
 * without crashing, leaking or hanging. Violations are the scenario's
 * business here, not the fuzzer's.
 */
#include <stddef.h>
#include <stdint.h>

#include <gmemsim/scenario.h>

#define FUZZ_MAX_PAGES 4096 /* 16 MiB of simulated RAM keeps every input fast */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gms_policy base = { 0 };
	struct gms_scenario *sc;
	struct gms_run *run;
	GError *err = NULL;

	sc = gms_scenario_parse("fuzz.gms", (const char *)data, size, &err);
	if (!sc) {
		if (!err || !g_str_has_prefix(err->message, "fuzz.gms:"))
			__builtin_trap(); /* every rejection says where */
		g_error_free(err);
		return 0;
	}
	run = gms_scenario_run_limited(sc, &base, FUZZ_MAX_PAGES);
	gms_run_free(run);
	gms_scenario_free(sc);
	return 0;
}
