// SPDX-License-Identifier: GPL-2.0
/* The one-screen summary of `gmemsim demo`: per topic, passes and violations found. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct topic {
	char *name;
	guint total, passed, negative;
	GString *found; /* invariants the negative scenarios broke */
};

/* scenarios/<topic>/x.gms -> <topic> */
static char *topic_of(const char *path)
{
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(dir);

	g_free(dir);
	return base;
}

static struct topic *find(GPtrArray *topics, const char *name)
{
	struct topic *t;

	for (guint i = 0; i < topics->len; i++) {
		t = topics->pdata[i];
		if (!strcmp(t->name, name))
			return t;
	}
	t = g_new0(struct topic, 1);
	t->name = g_strdup(name);
	t->found = g_string_new(NULL);
	g_ptr_array_add(topics, t);
	return t;
}

static void topic_free(struct topic *t)
{
	g_free(t->name);
	g_string_free(t->found, TRUE);
	g_free(t);
}

void gms_cli_summary(GPtrArray *runs, FILE *out)
{
	GPtrArray *topics =
		g_ptr_array_new_with_free_func((GDestroyNotify)topic_free);
	guint total = 0, passed = 0, negative = 0;

	for (guint i = 0; i < runs->len; i++) {
		const struct gms_run *run = runs->pdata[i];
		char *name = topic_of(run->path);
		struct topic *t = find(topics, name);

		g_free(name);
		t->total++;
		t->passed += run->verdict == GMS_PASS;
		if (run->violated && run->verdict == GMS_PASS) {
			t->negative++;
			if (!strstr(t->found->str, run->violated))
				g_string_append_printf(t->found, "%s%s",
						       t->found->len ? ", " :
								       "",
						       run->violated);
		}
	}
	fprintf(out, "\n%-14s %9s %9s  %s\n", "topic", "passed", "negative",
		"violations found (as the negative scenarios expect)");
	for (guint i = 0; i < topics->len; i++) {
		struct topic *t = topics->pdata[i];

		fprintf(out, "%-14s %4u/%-4u %9u  %s\n", t->name, t->passed,
			t->total, t->negative, t->found->str);
		total += t->total;
		passed += t->passed;
		negative += t->negative;
	}
	fprintf(out, "%-14s %4u/%-4u %9u\n\n", "all", passed, total, negative);
	g_ptr_array_unref(topics);
}
