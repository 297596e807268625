/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_CLI_H
#define GMEMSIM_SRC_CLI_H

#include <gmemsim/gmemsim.h>
#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

int gms_cli_run(int argc, char **argv, bool demo);
int gms_cli_matrix(int argc, char **argv);
int gms_cli_explore(int argc, char **argv);
/* --policy K=V...: false after saying what is wrong */
bool gms_cli_apply_policies(struct gms_policy *p, char **kv);
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
 * parsed first: what is wrong is reported and NULL returned.
 */
GPtrArray *gms_cli_load_paths(char **paths);
int gms_cli_policies(void);
int gms_cli_invariants(void);
int gms_cli_ops(void);
int gms_cli_fuzz_decode(int argc, char **argv);
void gms_cli_summary(GPtrArray *runs, FILE *out);

#endif
