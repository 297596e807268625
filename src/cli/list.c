// SPDX-License-Identifier: GPL-2.0
/* gmemsim policies | invariants | ops */
#include <stdio.h>

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
	GError *err = NULL;
	char *data, *text;
	gsize len;

	if (argc != 2) {
		fprintf(stderr, "usage: gmemsim fuzz-decode FILE\n");
		return 2;
	}
	if (!g_file_get_contents(argv[1], &data, &len, &err)) {
		fprintf(stderr, "gmemsim: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	text = gms_fuzz_decode((const u8 *)data, len);
	fputs(text, stdout);
	g_free(text);
	g_free(data);
	return 0;
}
