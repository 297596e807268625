// SPDX-License-Identifier: GPL-2.0
/* The design matrix as text, markdown (the README's table), JSON and HTML. */
#include <string.h>

#include <json-glib/json-glib.h>

#include <gmemsim/check.h>
#include <gmemsim/matrix.h>

static const char *const cell_names[] = { "pass", "differs", "violation",
					  "unsupported", "model-bug" };

static const struct gms_matrix_variant *variant(const struct gms_matrix *m,
						guint v)
{
	return &g_array_index(m->variants, struct gms_matrix_variant, v);
}

/* a scenario's path from its topic folder on: "attacks/rebind.gms" */
static const char *short_path(const char *path)
{
	const char *p = path + strlen(path);
	int slashes = 0;

	while (p > path && slashes < 2)
		if (*--p == '/')
			slashes++;
	return slashes == 2 ? p + 1 : path;
}

/* one letter per invariant in the text table */
static char code(const struct gms_matrix_cell *c)
{
	static const char *const ids[] = {
		"confidentiality", "integrity",	     "host-safety",
		"stale-mapping",   "use-after-free", "binding",
		"asid-reuse",	   "scrub",	     "hw-consistency",
		"mmap-exclusion",  "lock-order",     "leak",
	};
	static const char letters[] = "CIHSUBAZWMLK";

	switch (c->kind) {
	case GMS_CELL_PASS:
		return '.';
	case GMS_CELL_DIFFERS:
		return '~';
	case GMS_CELL_UNSUPPORTED:
		return '-';
	case GMS_CELL_MODEL_BUG:
		return '?';
	case GMS_CELL_VIOLATION:
		break;
	}
	if (strchr(c->invariants, ','))
		return '*';
	for (guint i = 0; i < G_N_ELEMENTS(ids); i++)
		if (!strcmp(ids[i], c->invariants))
			return letters[i];
	return '!';
}

static void print_text(const struct gms_matrix *m, FILE *out)
{
	guint nv = m->variants->len;

	for (guint v = 0; v < nv; v++)
		fprintf(out, "%3u  %s\n", v, variant(m, v)->name);
	fprintf(out, "\n%-48s", "scenario \\ variant");
	for (guint v = 0; v < nv; v++)
		fprintf(out, "%c", v % 10 ? ' ' : '0' + (char)(v / 10 % 10));
	fprintf(out, "\n%-48s", "");
	for (guint v = 0; v < nv; v++)
		fprintf(out, "%u", v % 10);
	fputc('\n', out);
	for (guint s = 0; s < m->scenarios->len; s++) {
		fprintf(out, "%-48s", short_path(m->scenarios->pdata[s]));
		for (guint v = 0; v < nv; v++)
			fputc(code(gms_matrix_cell(m, s, v)), out);
		fputc('\n', out);
	}
	fprintf(out,
		"\n. pass  ~ an outcome differs  - unsupported  ? model bug  * several invariants\n"
		"C confidentiality  I integrity  H host-safety  S stale-mapping  U use-after-free\n"
		"B binding  A asid-reuse  Z scrub  W hw-consistency  M mmap-exclusion\n"
		"L lock-order  K leak\n");
}

/* "`id`: a.gms, b.gms" for each invariant @v breaks (or fixes) against the default */
static char *changes(const struct gms_matrix *m, guint v, bool breaks)
{
	GString *out = g_string_new(NULL);
	size_t n;
	const struct gms_invariant *inv = gms_invariants(&n);

	for (size_t i = 0; i < n; i++) {
		GString *where = g_string_new(NULL);

		for (guint s = 0; s < m->scenarios->len; s++) {
			bool now = gms_matrix_cell_broke(
				gms_matrix_cell(m, s, v), inv[i].id);
			bool before = gms_matrix_cell_broke(
				gms_matrix_cell(m, s, 0), inv[i].id);

			if (now != before && now == breaks)
				g_string_append_printf(
					where, "%s%s", where->len ? ", " : "",
					short_path(m->scenarios->pdata[s]));
		}
		if (where->len)
			g_string_append_printf(out, "%s`%s`: %s",
					       out->len ? "; " : "", inv[i].id,
					       where->str);
		g_string_free(where, TRUE);
	}
	if (!out->len)
		g_string_append(out, "none");
	return g_string_free(out, FALSE);
}

static guint outcome_changes(const struct gms_matrix *m, guint v)
{
	guint n = 0;

	for (guint s = 0; s < m->scenarios->len; s++) {
		const struct gms_matrix_cell *a = gms_matrix_cell(m, s, 0);
		const struct gms_matrix_cell *b = gms_matrix_cell(m, s, v);

		n += a->kind != b->kind ||
		     g_strcmp0(a->invariants, b->invariants) ||
		     g_strcmp0(a->reason, b->reason);
	}
	return n;
}

static void print_markdown(const struct gms_matrix *m, FILE *out)
{
	guint broken = 0;

	for (guint s = 0; s < m->scenarios->len; s++)
		broken += gms_matrix_cell(m, s, 0)->kind == GMS_CELL_VIOLATION;
	fprintf(out,
		"%u scenarios x %u variants, each scenario run without its own policy lines. Under\n"
		"the defaults (upstream Linux) %u scenarios break an invariant: the upstream hazards\n"
		"the library demonstrates. Each row compares one variant with the defaults.\n\n"
		"| variant | breaks (invariant: scenarios) | fixes (invariant: scenarios) | scenarios whose outcome changes |\n"
		"|---|---|---|---|\n",
		m->scenarios->len, m->variants->len, broken);
	for (guint v = 1; v < m->variants->len; v++) {
		char *b = changes(m, v, true), *f = changes(m, v, false);

		fprintf(out, "| `%s` | %s | %s | %u |\n", variant(m, v)->name,
			b, f, outcome_changes(m, v));
		g_free(b);
		g_free(f);
	}
}

static void print_json(const struct gms_matrix *m, FILE *out)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen = json_generator_new();
	JsonNode *root;
	char *text;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "variants");
	json_builder_begin_array(b);
	for (guint v = 0; v < m->variants->len; v++)
		json_builder_add_string_value(b, variant(m, v)->name);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "scenarios");
	json_builder_begin_array(b);
	for (guint s = 0; s < m->scenarios->len; s++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "path");
		json_builder_add_string_value(b, m->scenarios->pdata[s]);
		json_builder_set_member_name(b, "cells");
		json_builder_begin_array(b);
		for (guint v = 0; v < m->variants->len; v++) {
			const struct gms_matrix_cell *c =
				gms_matrix_cell(m, s, v);

			json_builder_begin_object(b);
			json_builder_set_member_name(b, "variant");
			json_builder_add_string_value(b, variant(m, v)->name);
			json_builder_set_member_name(b, "result");
			json_builder_add_string_value(b, cell_names[c->kind]);
			json_builder_set_member_name(b, "invariants");
			json_builder_begin_array(b);
			if (c->invariants) {
				char **ids = g_strsplit(c->invariants, ",", -1);

				for (char **id = ids; *id; id++)
					json_builder_add_string_value(b, *id);
				g_strfreev(ids);
			}
			json_builder_end_array(b);
			if (c->reason) {
				json_builder_set_member_name(b, "reason");
				json_builder_add_string_value(b, c->reason);
			}
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	text = json_generator_to_data(gen, NULL);
	fprintf(out, "%s\n", text);
	g_free(text);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
}

static void html_escaped(FILE *out, const char *s)
{
	char *e = g_markup_escape_text(s ? s : "", -1);

	fputs(e, out);
	g_free(e);
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<title>gmemsim design matrix</title>\n<style>\n"
	"body{font:14px/1.4 sans-serif;margin:1em;color:#222}\n"
	"table{border-collapse:collapse}\n"
	"th,td{border:1px solid #ccc;padding:2px 4px;font-size:12px}\n"
	"th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}\n"
	"td.s{white-space:nowrap;font-family:monospace}\n"
	"td a{color:inherit;text-decoration:none;display:block}\n"
	".pass{background:#c8e6c9}.differs{background:#fff59d}\n"
	".violation{background:#ef9a9a}.unsupported{background:#e0e0e0}\n"
	".model-bug{background:#ce93d8}\n"
	"pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:12px}\n"
	"details{margin:.3em 0}\n"
	"</style></head><body>\n<h1>gmemsim design matrix</h1>\n"
	"<p>Rows: scenarios. Columns: the upstream defaults, then each knob value on its own, "
	"then the combinations scenarios name. <span class=\"pass\">&nbsp;pass&nbsp;</span> "
	"<span class=\"differs\">&nbsp;an outcome differs&nbsp;</span> "
	"<span class=\"violation\">&nbsp;an invariant broke&nbsp;</span> "
	"<span class=\"unsupported\">&nbsp;unsupported&nbsp;</span>. "
	"Every other cell links to its trace.</p>\n";

static void print_html(const struct gms_matrix *m, FILE *out)
{
	guint nv = m->variants->len;

	fputs(html_head, out);
	fputs("<table>\n<tr><th>scenario</th>", out);
	for (guint v = 0; v < nv; v++) {
		fputs("<th class=\"v\">", out);
		html_escaped(out, variant(m, v)->name);
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (guint s = 0; s < m->scenarios->len; s++) {
		fputs("<tr><td class=\"s\">", out);
		html_escaped(out, short_path(m->scenarios->pdata[s]));
		fputs("</td>", out);
		for (guint v = 0; v < nv; v++) {
			const struct gms_matrix_cell *c =
				gms_matrix_cell(m, s, v);
			char mark[2] = { code(c), 0 };

			fprintf(out, "<td class=\"%s\" title=\"",
				cell_names[c->kind]);
			html_escaped(out,
				     c->invariants ? c->invariants : c->reason);
			if (c->kind == GMS_CELL_PASS)
				fprintf(out, "\">%s</td>", mark);
			else
				fprintf(out,
					"\"><a href=\"#t%u_%u\">%s</a></td>", s,
					v, mark);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n<h2>Traces</h2>\n", out);
	for (guint s = 0; s < m->scenarios->len; s++)
		for (guint v = 0; v < nv; v++) {
			const struct gms_matrix_cell *c =
				gms_matrix_cell(m, s, v);

			if (c->kind == GMS_CELL_PASS)
				continue;
			fprintf(out, "<details id=\"t%u_%u\"><summary>", s, v);
			html_escaped(out, short_path(m->scenarios->pdata[s]));
			fputs(" under <b>", out);
			html_escaped(out, variant(m, v)->name);
			fprintf(out, "</b>: %s</summary><pre>",
				cell_names[c->kind]);
			html_escaped(out, c->trace);
			fputs("</pre></details>\n", out);
		}
	/* open the trace a cell links to */
	fputs("<script>function o(){var d=document.getElementById(location.hash.slice(1));"
	      "if(d&&d.tagName==='DETAILS')d.open=true}"
	      "addEventListener('hashchange',o);o();</script>\n</body></html>\n",
	      out);
}

bool gms_matrix_print(const struct gms_matrix *m, const char *format, FILE *out)
{
	if (!strcmp(format, "text"))
		print_text(m, out);
	else if (!strcmp(format, "markdown"))
		print_markdown(m, out);
	else if (!strcmp(format, "json"))
		print_json(m, out);
	else if (!strcmp(format, "html"))
		print_html(m, out);
	else
		return false;
	return true;
}
