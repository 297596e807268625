// SPDX-License-Identifier: GPL-2.0
/* --target diff: the model and the kernel in lockstep, outcome by outcome. */
#include <string.h>

#include "runner_internal.h"

static bool is_read(const struct gms_stmt *s)
{
	return !strcmp(s->op->verb, "guest.read") ||
	       !strcmp(s->op->verb, "host.read");
}

/*
 * On a shadow-paging host a guest write to a guest_memfd slot goes through
 * its userspace_addr: both sides say ok, but the data lands in different
 * memory, so later reads may differ because of it (a known difference).
 */
static bool silent_shadow_write(struct gms_runner *rm, const struct gms_stmt *s,
				unsigned int quirks)
{
	struct gms_fd *e;
	struct gms_memslot *slot;
	u64 gpa;

	if (!(quirks & GMS_QUIRK_SHADOW_PAGING) ||
	    strcmp(s->op->verb, "guest.write"))
		return false;
	e = gms_fd_get(rm->w, gms_runner_fd(rm, s->pos[0]));
	if (!e || e->kind != GMS_FD_VM)
		return false;
	gpa = gms_stmt_num(s, "gpa", 0);
	slot = gms_kvm_gfn_to_memslot(e->obj, 0, gpa >> GMS_PAGE_SHIFT);
	return slot && gms_kvm_slot_has_gmem(slot) && slot->userspace_addr;
}

static void compare(struct gms_diff *d, const struct gms_stmt *s,
		    const struct gms_step *m, const struct gms_step *k,
		    unsigned int quirks, bool silent, int *tainted_at)
{
	struct gms_diff_step ds = { .line = s->line,
				    .text = s->text,
				    .model = m->raw,
				    .kernel = k->raw };

	if (g_str_has_prefix(k->raw, "n/a"))
		return; /* nothing to compare: the model asserted on itself */
	if (silent && !*tainted_at)
		*tainted_at = s->line;
	if (strcmp(m->raw, k->raw)) {
		ds.known = gms_known_difference(s, m->raw, k->raw, quirks);
		if (ds.known && gms_known_difference_taints(ds.known) &&
		    !*tainted_at)
			*tainted_at = s->line;
		if (!ds.known && *tainted_at && is_read(s))
			ds.follows = g_strdup_printf(
				"follows from line %d, a known difference of this host",
				*tainted_at);
		d->differ++;
		d->unexplained += !ds.known && !ds.follows;
	}
	g_array_append_val(d->steps, ds);
}

static const struct gms_step *last_step(const struct gms_run *run)
{
	return run->steps->len ? run->steps->pdata[run->steps->len - 1] : NULL;
}

struct gms_diff *gms_scenario_diff(struct gms_scenario *sc,
				   const struct gms_policy *base,
				   struct gms_target *kernel)
{
	struct gms_diff *d = g_new0(struct gms_diff, 1);
	struct gms_world *w = gms_world_new();
	struct gms_target *model = gms_model_target_new(w);
	struct gms_runner rm, rk;
	int tainted_at = 0;

	d->path = g_strdup(sc->path);
	d->steps = g_array_new(FALSE, FALSE, sizeof(struct gms_diff_step));
	d->model = gms_run_new(sc);
	d->kernel = gms_run_new(sc);
	w->policy = *base;
	gms_policy_set(&w->policy, "abi", kernel->abi);
	gms_runner_name_world(w, d->model);
	gms_runner_init(&rm, d->model, model);
	gms_runner_init(&rk, d->kernel, kernel);
	rm.keep_going = rk.keep_going = true;
	for (guint i = 0; i < sc->stmts->len && !d->stopped; i++) {
		const struct gms_stmt *s = sc->stmts->pdata[i];
		guint nm = d->model->steps->len, nk = d->kernel->steps->len;
		bool gm = gms_runner_step(&rm, d->model, s);
		bool gk = gms_runner_step(&rk, d->kernel, s);
		bool silent = s->kind == GMS_STMT_OP &&
			      silent_shadow_write(&rm, s, kernel->quirks);

		if (s->kind == GMS_STMT_OP && d->model->steps->len > nm &&
		    d->kernel->steps->len > nk &&
		    d->kernel->verdict != GMS_UNSUPPORTED)
			compare(d, s, last_step(d->model), last_step(d->kernel),
				kernel->quirks, silent, &tainted_at);
		if (!gk && d->kernel->verdict == GMS_UNSUPPORTED)
			d->stopped = g_strdup(d->kernel->reason);
		else if (!gm)
			d->stopped = g_strdup_printf(
				"line %d: the model stopped (%s)", s->line,
				d->model->violated ? "the expected violation" :
						     d->model->reason);
	}
	gms_runner_fini(&rm);
	gms_runner_fini(&rk);
	gms_target_destroy(model);
	d->model->w = w;
	return d;
}

void gms_diff_free(struct gms_diff *d)
{
	if (!d)
		return;
	g_free(d->path);
	g_free(d->stopped);
	for (guint i = 0; i < d->steps->len; i++)
		g_free(g_array_index(d->steps, struct gms_diff_step, i).follows);
	g_array_unref(d->steps);
	gms_run_free(d->model);
	gms_run_free(d->kernel);
	g_free(d);
}

void gms_report_diff(const struct gms_diff *d, FILE *out, bool verbose)
{
	for (guint i = 0; i < d->steps->len; i++) {
		const struct gms_diff_step *s =
			&g_array_index(d->steps, struct gms_diff_step, i);
		bool same = !strcmp(s->model, s->kernel);

		if (same && !verbose)
			continue;
		if (same)
			fprintf(out, "  %4d  %s => %s\n", s->line, s->text,
				s->model);
		else
			fprintf(out,
				"  %4d  %s => model %s, kernel %s  [%s%s]\n",
				s->line, s->text, s->model, s->kernel,
				s->known || s->follows ? "known: " :
							 "UNEXPLAINED",
				s->known   ? s->known :
				s->follows ? s->follows :
					     "");
	}
	fprintf(out,
		"%s %s: %u steps compared, %u differ, %u unexplained%s%s\n",
		d->unexplained ? "DIFF" : "SAME", d->path, d->steps->len,
		d->differ, d->unexplained, d->stopped ? "; stopped at " : "",
		d->stopped ? d->stopped : "");
}
