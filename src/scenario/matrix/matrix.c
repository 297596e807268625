// SPDX-License-Identifier: GPL-2.0
/*
 * The design matrix: every scenario under the upstream defaults, under
 * each other value of each knob (one at a time), and under each
 * combination a scenario's own policy lines name.
 */
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/matrix.h>

static void add_variant(GArray *vs, const char *name,
			const struct gms_policy *p)
{
	struct gms_matrix_variant v = { g_strdup(name), *p };

	for (guint i = 0; i < vs->len; i++)
		if (!strcmp(g_array_index(vs, struct gms_matrix_variant, i).name,
			    name)) {
			g_free(v.name);
			return;
		}
	g_array_append_val(vs, v);
}

static void knob_variants(GArray *vs)
{
	struct gms_policy none = { 0 };
	size_t n;
	const struct gms_policy_knob *k = gms_policy_knobs(&n);

	add_variant(vs, "default", &none);
	for (size_t i = 0; i < n; i++)
		for (int j = 1; k[i].values[j]; j++) {
			struct gms_policy p = { 0 };
			char *name;

			if (!k[i].modelled[j])
				continue;
			gms_policy_set(&p, k[i].name, k[i].values[j]);
			name = g_strdup_printf("%s=%s", k[i].name,
					       k[i].values[j]);
			add_variant(vs, name, &p);
			g_free(name);
		}
}

static gint str_ptr_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A scenario setting two or more knobs names a combination worth a column. */
static void combination_variant(GArray *vs, const struct gms_scenario *sc)
{
	struct gms_policy p = { 0 };
	GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
	char *name;

	for (guint i = 0; i < sc->stmts->len; i++) {
		const struct gms_stmt *s = sc->stmts->pdata[i];

		if (s->kind != GMS_STMT_POLICY)
			continue;
		for (int j = 0; j < s->nargs; j++) {
			gms_policy_set(&p, s->args[j].key,
				       s->args[j].values[0]);
			g_ptr_array_add(kv,
					g_strdup_printf("%s=%s", s->args[j].key,
							s->args[j].values[0]));
		}
	}
	if (kv->len >= 2) {
		g_ptr_array_sort(kv, str_ptr_cmp);
		g_ptr_array_add(kv, NULL);
		name = g_strjoinv(" ", (char **)kv->pdata);
		add_variant(vs, name, &p);
		g_free(name);
	}
	g_ptr_array_unref(kv);
}

static char *trace_of(const struct gms_run *run)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return g_strdup("(no trace: out of memory)");
	gms_report_text(run, f, true);
	fclose(f);
	return buf;
}

/* Is @id in the comma list @list? */
static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; p && (p = strstr(p, id)); p += n)
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

bool gms_matrix_cell_broke(const struct gms_matrix_cell *c, const char *id)
{
	return c->kind == GMS_CELL_VIOLATION && listed(c->invariants, id);
}

static void judge(struct gms_matrix_cell *c, const struct gms_run *run)
{
	GString *inv = g_string_new(NULL);

	for (guint i = 0; i < run->steps->len; i++) {
		const struct gms_step *st = run->steps->pdata[i];

		for (guint j = 0; st->violations && j < st->violations->len;
		     j++) {
			const char *id = ((struct gms_violation *)
						  st->violations->pdata[j])
						 ->id;
			if (!listed(inv->str, id))
				g_string_append_printf(inv, "%s%s",
						       inv->len ? "," : "", id);
		}
	}
	c->reason = g_strdup(run->reason);
	if (run->w && run->w->warn_log.count)
		c->kind = GMS_CELL_MODEL_BUG;
	else if (inv->len)
		c->kind = GMS_CELL_VIOLATION;
	else if (run->verdict == GMS_UNSUPPORTED)
		c->kind = GMS_CELL_UNSUPPORTED;
	else
		c->kind = run->reason ? GMS_CELL_DIFFERS : GMS_CELL_PASS;
	c->invariants = inv->len ? g_string_free(inv, FALSE) :
				   (g_string_free(inv, TRUE), NULL);
	if (c->kind != GMS_CELL_PASS)
		c->trace = trace_of(run);
}

struct gms_matrix *gms_matrix_run(GPtrArray *scs, gms_matrix_progress progress,
				  void *data)
{
	return gms_matrix_run_mode(scs, GMS_CHECK_INCREMENTAL, progress, data);
}

struct gms_matrix *gms_matrix_run_mode(GPtrArray *scs, enum gms_check_mode mode,
				       gms_matrix_progress progress, void *data)
{
	struct gms_run_opts o = { .keep_going = true,
				  .ignore_policy = true,
				  .check = mode };
	struct gms_matrix *m = g_new0(struct gms_matrix, 1);
	guint nv, total, done = 0;

	m->variants =
		g_array_new(FALSE, FALSE, sizeof(struct gms_matrix_variant));
	knob_variants(m->variants);
	for (guint i = 0; i < scs->len; i++)
		combination_variant(m->variants, scs->pdata[i]);
	m->scenarios = g_ptr_array_new_with_free_func(g_free);
	nv = m->variants->len;
	total = scs->len * nv;
	m->cells = g_new0(struct gms_matrix_cell, total);
	for (guint i = 0; i < scs->len; i++) {
		struct gms_scenario *sc = scs->pdata[i];

		g_ptr_array_add(m->scenarios, g_strdup(sc->path));
		for (guint v = 0; v < nv; v++) {
			const struct gms_matrix_variant *var = &g_array_index(
				m->variants, struct gms_matrix_variant, v);
			struct gms_run *run =
				gms_scenario_run_opts(sc, &var->policy, &o);

			judge(gms_matrix_cell(m, i, v), run);
			gms_run_free(run);
			if (progress)
				progress(data, ++done, total);
		}
	}
	return m;
}

void gms_matrix_free(struct gms_matrix *m)
{
	guint n;

	if (!m)
		return;
	n = m->scenarios->len * m->variants->len;
	for (guint i = 0; i < n; i++) {
		g_free(m->cells[i].invariants);
		g_free(m->cells[i].reason);
		free(m->cells[i].trace); /* open_memstream() */
	}
	for (guint v = 0; v < m->variants->len; v++)
		g_free(g_array_index(m->variants, struct gms_matrix_variant, v)
			       .name);
	g_array_unref(m->variants);
	g_ptr_array_unref(m->scenarios);
	g_free(m->cells);
	g_free(m);
}
