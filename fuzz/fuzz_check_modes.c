// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: check=incremental judges exactly what check=full does.
 * An input decodes as fuzz_lifecycle's does and runs twice, going on past
 * violations: with check=full, and with check=verify, which runs both modes
 * after every step and reports a difference as a model bug. It traps when
 * the verified run hit a model bug the full run did not, or when the two
 * runs' steps report different violations.
 * GMEMSIM_POLICY picks the design, as for fuzz_lifecycle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmemsim/policy.h>
#include <gmemsim/scenario.h>

#define FUZZ_MAX_PAGES 4096

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
			"fuzz_check_modes: GMEMSIM_POLICY: bad policy '%s'\n",
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
	struct gms_run_opts o = { .max_pages = FUZZ_MAX_PAGES,
				  .keep_going = true };
	struct gms_run *full, *verified;

	if (!sc)
		__builtin_trap();
	o.check = GMS_CHECK_FULL;
	full = gms_scenario_run_opts(sc, &base, &o);
	o.check = GMS_CHECK_VERIFY;
	verified = gms_scenario_run_opts(sc, &base, &o);
	if (!gms_runs_same(full, verified)) {
		fprintf(stderr,
			"%s\ncheck=incremental differs from check=full:\n",
			text);
		gms_report_text(verified, stderr, true);
		__builtin_trap();
	}
	gms_run_free(full);
	gms_run_free(verified);
	gms_scenario_free(sc);
	g_free(text);
	return 0;
}
