/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_CLI_H
#define GMEMSIM_SRC_CLI_H

#include <gmemsim/gmemsim.h>
#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

int gms_cli_run(int argc, char **argv, bool demo);
int gms_cli_matrix(int argc, char **argv);
int gms_cli_explore(int argc, char **argv);
/* --policy K=V...: false and @err for a bad one */
bool gms_cli_apply_policies(struct gms_policy *p, char **kv, GError **err);
/* --max-input-size N of run, demo, matrix and fuzz-decode (DESIGN.md section 7) */
#define GMS_CLI_MAX_INPUT_ENTRY(var)                                        \
	{                                                                   \
		"max-input-size", 0, 0, G_OPTION_ARG_INT64, (var),          \
			"read files of up to N bytes (default 64 MiB)", "N" \
	}
/* the limit @v stands for (0: the default); false and @err if negative */
bool gms_cli_max_input(gint64 v, u64 *max_size, GError **err);
/*
 * Parse @entries, then let @check (may be NULL) refuse what glib accepted,
 * setting @err; either way a bad option prints its message and the usage.
 * 0, or 2 for bad usage.
 */
int gms_cli_parse_options(int argc, char **argv, const char *summary,
			  const GOptionEntry *entries,
			  bool (*check)(void *data, GError **err), void *data);
/* the bundled scenarios/, or $GMEMSIM_SCENARIOS */
const char *gms_cli_default_dir(void);
/*
 * The scenarios under @paths (NULL: the default directory), every file
 * parsed first: what is wrong (no scenario at all included) is reported and
 * NULL returned.
 */
GPtrArray *gms_cli_load_paths(char **paths, u64 max_size);
/* a command that takes no argument but --help: 0, or 2 after the usage */
int gms_cli_parse_no_args(int argc, char **argv, const char *summary);
int gms_cli_policies(int argc, char **argv);
int gms_cli_invariants(int argc, char **argv);
int gms_cli_ops(int argc, char **argv);
int gms_cli_fuzz_decode(int argc, char **argv);
void gms_cli_summary(GPtrArray *runs, FILE *out);

#endif
