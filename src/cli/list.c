// SPDX-License-Identifier: GPL-2.0
/* gmemsim policies | invariants | ops */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int gms_cli_policies(void)
{
	size_t n;
	const struct gms_policy_knob *k = gms_policy_knobs(&n);

	for (size_t i = 0; i < n; i++) {
		printf("%-11s", k[i].name);
		for (int v = 0; k[i].values[v]; v++)
			printf(" %s%s%s", k[i].values[v], v ? "" : " (default)",
			       k[i].modelled[v] ? "" : " [not modelled yet]");
		printf("\n            from %s\n", k[i].source);
	}
	return 0;
}

int gms_cli_invariants(void)
{
	size_t n;
	const struct gms_invariant *inv = gms_invariants(&n);

	for (size_t i = 0; i < n; i++)
		printf("%-16s %s%s\n", inv[i].id, inv[i].summary,
		       inv[i].check ?
			       (inv[i].at_end_only ? " [at the end]" : "") :
			       " [not modelled yet]");
	return 0;
}

int gms_cli_ops(void)
{
	size_t n;
	const struct gms_op_spec *op = gms_ops(&n);

	for (size_t i = 0; i < n; i++) {
		printf("%s\n    %s%s%s\n", op[i].synopsis, op[i].summary,
		       op[i].not_modelled ? " [not modelled yet: " : "",
		       op[i].not_modelled ? op[i].not_modelled : "");
		if (op[i].not_modelled)
			printf("    ]\n");
		if (op[i].spawn)
			printf("    (can run as a task: spawn TASK %s)\n",
			       op[i].verb);
	}
	printf("spawn TASK OP ...\n    start OP as a task; nothing runs yet\n"
	       "step TASK [N]\n    run the task's next step (or N steps)\n"
	       "finish TASK [=> outcome]\n    run the task to its end; the outcome is its op's\n");
	return 0;
}

int gms_cli_fuzz_decode(int argc, char **argv)
{
	bool lifecycle = argc == 3 && !strcmp(argv[1], "--lifecycle");
	const char *policy = g_getenv("GMEMSIM_POLICY");
	struct gms_policy check = { 0 };
	GError *err = NULL;
	char *data, *text, *bad;
	gsize len;

	if (argc != 2 && !lifecycle) {
		fprintf(stderr,
			"usage: gmemsim fuzz-decode [--lifecycle] FILE\n"
			"  --lifecycle: an input of fuzz_lifecycle, with GMEMSIM_POLICY as policy lines\n");
		return 2;
	}
	if (lifecycle && gms_policy_parse_list(&check, policy, &bad)) {
		fprintf(stderr, "gmemsim: GMEMSIM_POLICY: bad policy '%s'\n",
			bad);
		g_free(bad);
		return 2;
	}
	if (!g_file_get_contents(argv[argc - 1], &data, &len, &err)) {
		fprintf(stderr, "gmemsim: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	text = lifecycle ? gms_fuzz_decode_lifecycle((const u8 *)data, len) :
			   gms_fuzz_decode((const u8 *)data, len);
	if (lifecycle && policy) {
		char **items = g_strsplit_set(policy, ", ", -1);

		for (char **it = items; *it; it++)
			if (**it)
				printf("policy %s\n", *it);
		g_strfreev(items);
	}
	fputs(text, stdout);
	g_free(text);
	g_free(data);
	return 0;
}
