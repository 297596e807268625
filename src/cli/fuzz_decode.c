// SPDX-License-Identifier: GPL-2.0
/*
 * gmemsim fuzz-decode: a fuzzer input as the scenario it stands for, run on
 * the model and written with each step's outcome (as explore's
 * counterexamples are), so `gmemsim run` of it replays a crash to its
 * violation instead of stopping at the first step that does not return ok.
 */
#include <stdio.h>
#include <string.h>

#include <gmemsim/physmem.h>

#include "cli.h"

struct decode_opts {
	gboolean lifecycle;
	gint64 max_input;
	char **files;
	u64 max_size;
	struct gms_policy policy; /* GMEMSIM_POLICY's, under --lifecycle */
};

static bool check_opts(void *data, GError **err)
{
	struct decode_opts *o = data;
	const char *list = g_getenv("GMEMSIM_POLICY");
	char *bad;

	if (!o->files || o->files[1]) {
		g_set_error_literal(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
				    o->files ? "one FILE only" :
					       "FILE is missing");
		return false;
	}
	if (o->lifecycle && gms_policy_parse_list(&o->policy, list, &bad)) {
		g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "GMEMSIM_POLICY: bad policy '%.48s'", bad);
		g_free(bad);
		return false;
	}
	return gms_cli_max_input(o->max_input, &o->max_size, err);
}

static int parse(int argc, char **argv, struct decode_opts *o)
{
	GOptionEntry entries[] = {
		{ "lifecycle", 0, 0, G_OPTION_ARG_NONE, &o->lifecycle,
		  "an input of fuzz_lifecycle, with GMEMSIM_POLICY as policy "
		  "lines (else one of fuzz_diff)",
		  NULL },
		GMS_CLI_MAX_INPUT_ENTRY(&o->max_input),
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
		  &o->files, NULL, "FILE" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};

	return gms_cli_parse_options(
		argc, argv,
		"A fuzzer input as the .gms scenario it stands for, each step's "
		"outcome\non the model written out up to the first violation: "
		"`gmemsim run` replays it.",
		entries, check_opts, o);
}

/* GMEMSIM_POLICY's items as policy lines, then the decoded statements */
static char *decode(const struct decode_opts *o, const u8 *data, gsize len)
{
	const char *list = g_getenv("GMEMSIM_POLICY");
	GString *text = g_string_new(NULL);
	char *body;

	if (o->lifecycle && list) {
		char **items = g_strsplit_set(list, ", ", -1);

		for (char **it = items; *it; it++)
			if (**it)
				g_string_append_printf(text, "policy %s\n",
						       *it);
		g_strfreev(items);
	}
	body = o->lifecycle ? gms_fuzz_decode_lifecycle(data, len) :
			      gms_fuzz_decode(data, len);
	g_string_append(text, body);
	g_free(body);
	return g_string_free(text, FALSE);
}

/*
 * @text run on the model as `gmemsim run` runs it, written back with
 * outcomes. A lifecycle input that breaks nothing is no crash of the
 * fuzzer under this GMEMSIM_POLICY (forgetting the mutant is the usual
 * reason): said on stderr, the scenario still printed.
 */
static char *with_outcomes(const char *text, bool lifecycle)
{
	struct gms_policy none = { 0 }; /* the policy lines say it all */
	GError *err = NULL;
	struct gms_scenario *sc =
		gms_scenario_parse("decoded.gms", text, strlen(text), &err);
	struct gms_run *run;
	char *out;

	if (!sc) { /* a decoder bug: say so, and give the text as it is */
		fprintf(stderr, "gmemsim: fuzz-decode: %s\n", err->message);
		g_error_free(err);
		return NULL;
	}
	run = gms_scenario_run_fuzz(sc, &none, GMS_PHYSMEM_DEFAULT_PAGES);
	out = gms_run_replay_text(run, text);
	if (lifecycle && !gms_run_broke(run))
		fprintf(stderr,
			"gmemsim: fuzz-decode: no invariant breaks on the model "
			"under GMEMSIM_POLICY='%.200s'\n",
			g_getenv("GMEMSIM_POLICY") ?: "");
	gms_run_free(run);
	gms_scenario_free(sc);
	return out;
}

int gms_cli_fuzz_decode(int argc, char **argv)
{
	struct decode_opts o = { 0 };
	GError *err = NULL;
	char *data = NULL, *text = NULL, *out = NULL;
	gsize len;
	int status = parse(argc, argv, &o);

	if (!status &&
	    !gms_input_read(o.files[0], o.max_size, &data, &len, &err)) {
		fprintf(stderr, "gmemsim: %s: %s\n", o.files[0], err->message);
		g_error_free(err);
		status = 2;
	}
	if (!status) {
		text = decode(&o, (const u8 *)data, len);
		out = with_outcomes(text, o.lifecycle);
		fputs(out ? out : text, stdout);
		status = out ? 0 : 2;
	}
	g_free(out);
	g_free(text);
	g_free(data);
	g_strfreev(o.files);
	return status;
}
