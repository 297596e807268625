// SPDX-License-Identifier: GPL-2.0
/* gmemsim run / demo */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef GMEMSIM_SCENARIO_DIR
#define GMEMSIM_SCENARIO_DIR "scenarios"
#endif
#ifndef GMEMSIM_INSTALLED_SCENARIO_DIR
#define GMEMSIM_INSTALLED_SCENARIO_DIR GMEMSIM_SCENARIO_DIR
#endif

/*
 * The source tree's library while it is there (a build's own command, its
 * tests), else the copy `meson install` put in the data directory.
 */
const char *gms_cli_default_dir(void)
{
	const char *env = g_getenv("GMEMSIM_SCENARIOS");

	if (env && *env)
		return env;
	if (g_file_test(GMEMSIM_SCENARIO_DIR, G_FILE_TEST_IS_DIR))
		return GMEMSIM_SCENARIO_DIR;
	return GMEMSIM_INSTALLED_SCENARIO_DIR;
}

struct run_opts {
	char **policies;
	char *target;
	char *check;
	enum gms_check_mode mode;
	char *json;
	char *dot;
	gboolean verbose;
	char **paths;
	gint64 max_input;
	/* what the options stand for, once checked */
	struct gms_policy base;
	u64 max_size;
};

bool gms_cli_apply_policies(struct gms_policy *p, char **kv, GError **err)
{
	for (; kv && *kv; kv++) {
		char *eq = strchr(*kv, '=');
		char *key;
		int r;

		if (!eq) {
			g_set_error(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--policy takes KEY=VALUE, not '%.48s'",
				    *kv);
			return false;
		}
		key = g_strndup(*kv, eq - *kv);
		r = gms_policy_set(p, key, eq + 1);
		if (r)
			g_set_error(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--policy %.48s: %s", *kv,
				    r == -ENOENT ? "unknown policy" :
				    r == -EINVAL ? "unknown value" :
						   "not modelled yet");
		g_free(key);
		if (r)
			return false;
	}
	return true;
}

static bool check_opts(void *data, GError **err)
{
	struct run_opts *o = data;

	if (o->check && !gms_check_mode_parse(o->check, &o->mode)) {
		g_set_error_literal(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--check takes incremental or full");
		return false;
	}
	if (o->target && strcmp(o->target, "model") &&
	    strcmp(o->target, "kvm") && strcmp(o->target, "diff")) {
		g_set_error_literal(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--target takes model, kvm or diff");
		return false;
	}
	return gms_cli_max_input(o->max_input, &o->max_size, err) &&
	       gms_cli_apply_policies(&o->base, o->policies, err);
}

static int parse_opts(int argc, char **argv, struct run_opts *o, bool demo)
{
	GOptionEntry entries[] = {
		{ "policy", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &o->policies,
		  "set a design knob (repeatable)", "K=V" },
		{ "target", 't', 0, G_OPTION_ARG_STRING, &o->target,
		  "model, kvm (the running kernel) or diff (both, compared)",
		  "TARGET" },
		{ "check", 0, 0, G_OPTION_ARG_STRING, &o->check,
		  "invariants after each step over what it touched "
		  "(incremental, the default) or the whole world (full)",
		  "MODE" },
		{ "json", 0, 0, G_OPTION_ARG_FILENAME, &o->json,
		  "write the runs as JSON", "FILE" },
		{ "dot", 0, 0, G_OPTION_ARG_FILENAME, &o->dot,
		  "write the object graph of the (first failing) run", "FILE" },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
		  "print every step of every scenario", NULL },
		GMS_CLI_MAX_INPUT_ENTRY(&o->max_input),
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
		  &o->paths, NULL, "PATH..." },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};

	return gms_cli_parse_options(
		argc, argv,
		demo ? "Run the scenario library and summarise it per topic." :
		       "Replay .gms scenarios against the model.",
		entries, check_opts, o);
}

static void free_opts(struct run_opts *o)
{
	g_strfreev(o->policies);
	g_strfreev(o->paths);
	g_free(o->target);
	g_free(o->check);
	g_free(o->json);
	g_free(o->dot);
}

/* Parse every file first: a malformed one stops everything with status 2. */
static GPtrArray *load_all(GPtrArray *files, u64 max_size)
{
	GPtrArray *scs = g_ptr_array_new_with_free_func(
		(GDestroyNotify)gms_scenario_free);
	bool ok = true;

	for (guint i = 0; i < files->len; i++) {
		GError *err = NULL;
		struct gms_scenario *sc =
			gms_scenario_load_max(files->pdata[i], max_size, &err);

		if (!sc) {
			fprintf(stderr, "%s\n", err->message);
			g_error_free(err);
			ok = false;
			continue;
		}
		g_ptr_array_add(scs, sc);
	}
	if (!ok) {
		g_ptr_array_unref(scs);
		return NULL;
	}
	return scs;
}

GPtrArray *gms_cli_load_paths(char **paths, u64 max_size)
{
	char *dflt[] = { (char *)gms_cli_default_dir(), NULL };
	GError *err = NULL;
	GPtrArray *files = gms_scenario_collect(paths ? paths : dflt, &err);
	GPtrArray *scs;

	if (!files) {
		fprintf(stderr, "gmemsim: %s\n", err->message);
		g_error_free(err);
		return NULL;
	}
	/* run and matrix alike: nothing to run is a mistake, not a pass */
	if (!files->len) {
		char *where = g_strjoinv(" ", paths ? paths : dflt);

		fprintf(stderr, "gmemsim: no .gms scenario in %.200s\n", where);
		g_free(where);
		g_ptr_array_unref(files);
		return NULL;
	}
	scs = load_all(files, max_size);
	g_ptr_array_unref(files);
	return scs;
}

static int report(GPtrArray *runs, struct run_opts *o, bool demo)
{
	const struct gms_run *dot_run = NULL;
	guint failed = 0, skipped = 0;
	GError *err = NULL;

	for (guint i = 0; i < runs->len; i++) {
		const struct gms_run *run = runs->pdata[i];
		bool trace = o->verbose || runs->len == 1 ||
			     run->verdict != GMS_PASS;

		failed += run->verdict == GMS_FAIL;
		skipped += run->verdict == GMS_UNSUPPORTED;
		if (demo && run->verdict == GMS_PASS)
			continue;
		if (trace)
			gms_report_text(run, stdout,
					o->verbose || runs->len == 1);
		else
			printf("PASS %s%s%s\n", run->path,
			       run->violated ? " violation:" : "",
			       run->violated ? run->violated : "");
		if (!dot_run && run->verdict == GMS_FAIL)
			dot_run = run;
	}
	if (demo)
		gms_cli_summary(runs, stdout);
	if (skipped)
		printf("%u passed, %u failed, %u skipped\n",
		       runs->len - failed - skipped, failed, skipped);
	else
		printf("%u passed, %u failed\n", runs->len - failed, failed);
	if (o->json && !gms_report_json(runs, o->json, &err)) {
		fprintf(stderr, "gmemsim: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	if (!dot_run && runs->len)
		dot_run = runs->pdata[runs->len - 1];
	if (o->dot && dot_run && !gms_report_dot(dot_run, o->dot, &err)) {
		fprintf(stderr, "gmemsim: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	return failed ? 1 : 0;
}

/* A fresh kernel target per scenario, as the model gets a fresh world. */
static struct gms_target *kernel_target(void)
{
	char *why = NULL;
	struct gms_target *t = gms_kvm_target_new(&why);

	if (!t) {
		fprintf(stderr, "gmemsim: no kernel target: %s\n", why);
		g_free(why);
	}
	return t;
}

static int run_kernel(GPtrArray *scs, const struct gms_policy *base,
		      struct run_opts *o)
{
	GPtrArray *runs =
		g_ptr_array_new_with_free_func((GDestroyNotify)gms_run_free);
	int status;

	(void)base;
	for (guint i = 0; i < scs->len; i++) {
		struct gms_target *t = kernel_target();

		if (!t) {
			g_ptr_array_unref(runs);
			return 2;
		}
		g_ptr_array_add(runs,
				gms_scenario_run_target(scs->pdata[i], t));
		gms_target_destroy(t);
	}
	status = report(runs, o, false);
	g_ptr_array_unref(runs);
	return status;
}

static int run_diff(GPtrArray *scs, const struct gms_policy *base,
		    struct run_opts *o)
{
	guint same = 0, known = 0, bad = 0;

	for (guint i = 0; i < scs->len; i++) {
		struct gms_target *t = kernel_target();
		struct gms_diff *d;

		if (!t)
			return 2;
		d = gms_scenario_diff(scs->pdata[i], base, t);
		gms_target_destroy(t);
		gms_report_diff(d, stdout, o->verbose || scs->len == 1);
		same += !d->differ;
		known += d->differ && !d->unexplained;
		bad += d->unexplained > 0;
		gms_diff_free(d);
	}
	printf("%u passed, %u failed (%u identical, %u with known differences only, %u with unexplained ones)\n",
	       same + known, bad, same, known, bad);
	return bad ? 1 : 0;
}

int gms_cli_run(int argc, char **argv, bool demo)
{
	struct run_opts o = { 0 };
	const struct gms_policy *base = &o.base;
	GPtrArray *scs = NULL, *runs;
	int status = parse_opts(argc, argv, &o, demo);

	if (!status && !(scs = gms_cli_load_paths(o.paths, o.max_size)))
		status = 2;
	if (!status && o.target && !strcmp(o.target, "kvm")) {
		status = run_kernel(scs, base, &o);
	} else if (!status && o.target && !strcmp(o.target, "diff")) {
		status = run_diff(scs, base, &o);
	} else if (!status) {
		struct gms_run_opts ro = { .check = o.mode };

		runs = g_ptr_array_new_with_free_func(
			(GDestroyNotify)gms_run_free);
		for (guint i = 0; i < scs->len; i++)
			g_ptr_array_add(runs,
					gms_scenario_run_opts(scs->pdata[i],
							      base, &ro));
		status = report(runs, &o, demo);
		g_ptr_array_unref(runs);
	}
	if (scs)
		g_ptr_array_unref(scs);
	free_opts(&o);
	return status;
}
