// SPDX-License-Identifier: GPL-2.0
/* gmemsim policies | invariants | ops: what the model offers; no arguments */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int gms_cli_policies(int argc, char **argv)
{
	size_t n;
	const struct gms_policy_knob *k = gms_policy_knobs(&n);

	if (gms_cli_parse_no_args(argc, argv,
				  "The design knobs and their values."))
		return 2;
	for (size_t i = 0; i < n; i++) {
		printf("%-11s", k[i].name);
		for (int v = 0; k[i].values[v]; v++)
			printf(" %s%s%s", k[i].values[v], v ? "" : " (default)",
			       k[i].modelled[v] ? "" : " [not modelled yet]");
		printf("\n            from %s\n", k[i].source);
	}
	return 0;
}

int gms_cli_invariants(int argc, char **argv)
{
	size_t n;
	const struct gms_invariant *inv = gms_invariants(&n);

	if (gms_cli_parse_no_args(argc, argv, "The security invariants."))
		return 2;
	for (size_t i = 0; i < n; i++)
		printf("%-16s %s%s\n", inv[i].id, inv[i].summary,
		       inv[i].check ?
			       (inv[i].at_end_only ? " [at the end]" : "") :
			       " [not modelled yet]");
	return 0;
}

int gms_cli_ops(int argc, char **argv)
{
	size_t n;
	const struct gms_op_spec *op = gms_ops(&n);

	if (gms_cli_parse_no_args(argc, argv,
				  "The operations of the scenario language."))
		return 2;
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
