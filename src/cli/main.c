// SPDX-License-Identifier: GPL-2.0
/* The gmemsim command (DESIGN.md section 7). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int usage(FILE *out)
{
	fprintf(out,
		"usage: gmemsim COMMAND [OPTION...]\n"
		"\n"
		"  run [--policy K=V]... [--target model] [--json FILE] [--dot FILE] [-v]\n"
		"      [--max-input-size N] [PATH...]\n"
		"                       replay scenarios, checking every invariant after every step\n"
		"  demo [PATH...]       run the scenario library and print a summary per topic\n"
		"  policies             the design knobs and their values\n"
		"  invariants           the security invariants\n"
		"  ops                  the operations of the scenario language\n"
		"  fuzz-decode [--lifecycle] [--max-input-size N] FILE\n"
		"                       a fuzzer input as the .gms scenario it stands for,\n"
		"                       each step's outcome on the model written out\n"
		"  matrix [--format text|markdown|json|html] [-o FILE] [--max-input-size N]\n"
		"         [PATH...]\n"
		"                       every scenario under every design-knob variant\n"
		"  explore [--depth N] [--vms N] [--pages N] [--files N] [--slots N]\n"
		"          [--type T] [--policy K=V]... [--max-states N] [-o FILE]\n"
		"                       bounded exhaustive search; the shortest violation as .gms\n"
		"\n"
		"  --version, --help (COMMAND --help: its options)\n"
		"With no PATH, run and demo use the bundled scenarios/. Only regular files\n"
		"of at most --max-input-size bytes (64 MiB) are read. Exit status: 0 all\n"
		"passed, 1 a scenario failed, 2 bad usage or a malformed scenario.\n");
	return out == stderr ? 2 : 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd)
		return usage(stderr);
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help"))
		return usage(stdout);
	if (!strcmp(cmd, "--version")) {
		if (argc > 2) {
			fprintf(stderr,
				"gmemsim: unexpected argument '%.48s'\n\n",
				argv[2]);
			return usage(stderr);
		}
		printf("gmemsim %s\n", GMEMSIM_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return gms_cli_run(argc - 1, argv + 1, false);
	if (!strcmp(cmd, "demo"))
		return gms_cli_run(argc - 1, argv + 1, true);
	if (!strcmp(cmd, "policies"))
		return gms_cli_policies(argc - 1, argv + 1);
	if (!strcmp(cmd, "invariants"))
		return gms_cli_invariants(argc - 1, argv + 1);
	if (!strcmp(cmd, "ops"))
		return gms_cli_ops(argc - 1, argv + 1);
	if (!strcmp(cmd, "fuzz-decode"))
		return gms_cli_fuzz_decode(argc - 1, argv + 1);
	if (!strcmp(cmd, "matrix"))
		return gms_cli_matrix(argc - 1, argv + 1);
	if (!strcmp(cmd, "explore"))
		return gms_cli_explore(argc - 1, argv + 1);
	fprintf(stderr, "gmemsim: unknown command '%.48s'\n\n", cmd);
	return usage(stderr);
}
