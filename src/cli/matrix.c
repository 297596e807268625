// SPDX-License-Identifier: GPL-2.0
/* gmemsim matrix: scenarios x design-knob variants */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gmemsim/matrix.h>

#include "cli.h"

struct progress {
	gint64 start;
	bool shown;
};

/* a progress line on a terminal, once the run takes over a second */
static void show_progress(void *data, guint done, guint total)
{
	struct progress *p = data;

	if (!isatty(STDERR_FILENO))
		return;
	if (!p->shown && g_get_monotonic_time() - p->start < G_USEC_PER_SEC)
		return;
	p->shown = true;
	fprintf(stderr, "\rmatrix: %u/%u runs", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
}

struct matrix_opts {
	char *format, *output, **paths;
	gint64 max_input;
	u64 max_size;
};

static bool check_opts(void *data, GError **err)
{
	struct matrix_opts *o = data;
	const char *format = o->format;

	if (format && strcmp(format, "text") && strcmp(format, "markdown") &&
	    strcmp(format, "json") && strcmp(format, "html")) {
		g_set_error_literal(
			err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			"--format takes text, markdown, json or html");
		return false;
	}
	return gms_cli_max_input(o->max_input, &o->max_size, err);
}

static int parse(int argc, char **argv, struct matrix_opts *o)
{
	GOptionEntry entries[] = {
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &o->format,
		  "text (default), markdown, json or html", "FORMAT" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
		  "write to FILE instead of standard output", "FILE" },
		GMS_CLI_MAX_INPUT_ENTRY(&o->max_input),
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
		  &o->paths, NULL, "PATH..." },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};

	return gms_cli_parse_options(argc, argv,
				     "Run every scenario under the defaults "
				     "and under each design-knob variant.",
				     entries, check_opts, o);
}

static int print(const struct gms_matrix *m, const char *format,
		 const char *output)
{
	FILE *out = output ? fopen(output, "w") : stdout;

	if (!out) {
		fprintf(stderr, "gmemsim: %s: %s\n", output, g_strerror(errno));
		return 2;
	}
	gms_matrix_print(m, format ? format : "text", out);
	if (output && fclose(out)) {
		fprintf(stderr, "gmemsim: %s: %s\n", output, g_strerror(errno));
		return 2;
	}
	return 0;
}

int gms_cli_matrix(int argc, char **argv)
{
	struct matrix_opts o = { 0 };
	struct progress p = { g_get_monotonic_time(), false };
	GPtrArray *scs = NULL;
	struct gms_matrix *m;
	int status = parse(argc, argv, &o);

	if (!status && !(scs = gms_cli_load_paths(o.paths, o.max_size)))
		status = 2;
	if (!status) {
		m = gms_matrix_run(scs, show_progress, &p);
		status = print(m, o.format, o.output);
		gms_matrix_free(m);
	}
	if (scs)
		g_ptr_array_unref(scs);
	g_free(o.format);
	g_free(o.output);
	g_strfreev(o.paths);
	return status;
}
