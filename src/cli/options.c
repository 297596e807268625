// SPDX-License-Identifier: GPL-2.0
/* Option parsing shared by the commands: a bad option always gets usage. */
#include <stdio.h>

#include "cli.h"

static void usage_error(GOptionContext *ctx, GError *err)
{
	char *help = g_option_context_get_help(ctx, TRUE, NULL);

	fprintf(stderr, "gmemsim: %s\n\n%s", err->message, help);
	g_error_free(err);
	g_free(help);
}

int gms_cli_parse_options(int argc, char **argv, const char *summary,
			  const GOptionEntry *entries,
			  bool (*check)(void *data, GError **err), void *data)
{
	GOptionContext *ctx = g_option_context_new(NULL);
	GError *err = NULL;
	bool ok;

	g_option_context_set_summary(ctx, summary);
	g_option_context_add_main_entries(ctx, entries, NULL);
	ok = g_option_context_parse(ctx, &argc, &argv, &err);
	if (ok && check)
		ok = check(data, &err);
	if (!ok)
		usage_error(ctx, err);
	g_option_context_free(ctx);
	return ok ? 0 : 2;
}

bool gms_cli_max_input(gint64 v, u64 *max_size, GError **err)
{
	if (v < 0) {
		g_set_error_literal(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--max-input-size takes a positive number");
		return false;
	}
	*max_size = v ? (u64)v : GMS_INPUT_MAX_DEFAULT;
	return true;
}

static bool check_no_rest(void *data, GError **err)
{
	char **rest = *(char ***)data;

	if (!rest)
		return true;
	g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
		    "unexpected argument '%.48s'", rest[0]);
	return false;
}

int gms_cli_parse_no_args(int argc, char **argv, const char *summary)
{
	char **rest = NULL;
	GOptionEntry entries[] = {
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest,
		  NULL, NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	int status = gms_cli_parse_options(argc, argv, summary, entries,
					   check_no_rest, &rest);

	g_strfreev(rest);
	return status;
}
