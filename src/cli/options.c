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
