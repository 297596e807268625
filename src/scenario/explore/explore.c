// SPDX-License-Identifier: GPL-2.0
/*
 * Breadth-first search over the alphabet's operations (TLC's model checking
 * loop, on the model's C code). A state is kept as the 64-bit hash of its
 * canonical form, its parent and the operation that reached it: 16 bytes.
 * The model has no world copy, so a state is rebuilt by replaying its path
 * from the empty world, without the invariants (they held on the way); an
 * operation that leaves that world's form unchanged leaves it for the next.
 */
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/explore.h>
#include <gmemsim/state_form.h>
#include <gmemsim/task.h>
#include <gmemsim/uapi.h>
#include <gmemsim/world.h>

#include "explore_internal.h"
#include "../run/runner_internal.h"

struct state {
	u64 fp;
	u32 parent;
	u16 op;
	u16 depth;
};

/* What a name stands for in the world at hand: a task, a handle or nothing. */
struct name_ref {
	bool is_task;
	u32 task_id;
	const struct gms_handle *h;
};

/*
 * The world a path leads to, with the runner that knows its names. There is
 * one at a time; its run and runner's tables serve every world in turn.
 */
struct replay {
	struct gms_run *run;
	struct gms_target *t;
	struct gms_runner r;
	bool runner_ready;
	u64 defined; /* names the path defined */
	struct name_ref names[GMS_EXPLORE_MAX_NAMES]; /* for every form of it */
};

struct explorer {
	const struct gms_explore_config *cfg;
	struct gms_alphabet *a;
	struct gms_scenario *sc; /* the alphabet parsed: stmt i is op i */
	GArray *states; /* struct state, in BFS order */
	GHashTable *seen; /* fp -> nothing */
	struct gms_fp *fp;
	GArray *orders; /* int[names]: one name order per VM permutation */
	GArray *vm_perms; /* int[vms]: the VM in each block of each order */
	GPtrArray *scratch; /* violations */
	struct replay rp; /* the world at hand */
	struct replay chk[2]; /* check_forms: the two worlds of a merge */
	GHashTable *op_index; /* check_forms: op text -> index + 1 */
	struct gms_explore_result *res;
	gint64 started, last_progress;
};

static void replay_begin(struct explorer *x, struct replay *rp)
{
	struct gms_world *w = gms_world_new();

	w->policy = x->cfg->policy;
	rp->t = gms_model_target_new(w);
	if (rp->runner_ready)
		gms_runner_reset(&rp->r, rp->t);
	else
		gms_runner_init(&rp->r, rp->run, rp->t);
	rp->runner_ready = true;
	rp->defined = 0;
}

static void replay_end(struct replay *rp)
{
	gms_target_destroy(rp->t);
	gms_world_free(rp->r.w);
}

/*
 * Mirrors the runner's run_op() without judging: outcomes are not expected.
 * @res: the outcome, for the form check (its strings freed); may be NULL.
 */
static void replay_op_res(struct explorer *x, struct replay *rp, guint op,
			  struct gms_result *res)
{
	const struct gms_stmt *s = x->sc->stmts->pdata[op];
	const struct gms_explore_op *o =
		&g_array_index(x->a->ops, struct gms_explore_op, op);
	struct gms_result own = { 0 };

	if (!res)
		res = &own;
	*res = (struct gms_result){ 0 };
	gms_world_begin_step(rp->r.w);
	s->op->exec(&rp->r, s, res);
	gms_world_task_work_run(rp->r.w);
	g_free(res->mismatch);
	g_free(res->note);
	res->mismatch = NULL;
	res->note = NULL;
	if (o->defines >= 0)
		rp->defined |= 1ULL << o->defines;
}

static void replay_op(struct explorer *x, struct replay *rp, guint op)
{
	replay_op_res(x, rp, op, NULL);
}

static guint path_of(struct explorer *x, guint i, u16 *path)
{
	guint n = g_array_index(x->states, struct state, i).depth;

	for (guint k = n; k > 0; k--) {
		const struct state *s =
			&g_array_index(x->states, struct state, i);

		path[k - 1] = s->op;
		i = s->parent;
	}
	return n;
}

/* Look each defined name up once for all the forms of this world. */
static void resolve_names(struct explorer *x, struct replay *rp)
{
	for (guint k = 0; k < x->a->names->len; k++) {
		const struct gms_explore_name *nm =
			&g_array_index(x->a->names, struct gms_explore_name, k);
		struct name_ref *ref = &rp->names[k];
		gpointer id;

		*ref = (struct name_ref){ 0 };
		if (!(rp->defined & (1ULL << k)))
			continue;
		if (rp->r.tasks && g_hash_table_lookup_extended(
					   rp->r.tasks, nm->name, NULL, &id)) {
			ref->is_task = true;
			ref->task_id = GPOINTER_TO_UINT(id);
			continue;
		}
		ref->h = gms_runner_handle(&rp->r, nm->name);
	}
}

/* The runner's names in @order, then the rest of the world. */
static u64 form(struct explorer *x, struct replay *rp, const int *order)
{
	struct gms_fp *fp = x->fp;
	guint n = x->a->names->len;

	gms_fp_begin(fp, rp->r.w);
	for (guint k = 0; k < n; k++) {
		const struct name_ref *ref = &rp->names[order[k]];

		if (!(rp->defined & (1ULL << order[k]))) {
			gms_fp_u64(fp, 0);
			continue;
		}
		if (ref->is_task) {
			gms_fp_u64(fp, 1);
			gms_fp_u64(fp, ref->task_id);
			continue;
		}
		gms_fp_u64(fp, ref->h ? 2 + ref->h->kind : 1);
		if (!ref->h)
			continue;
		gms_fp_fd(fp, ref->h->fd);
		gms_fp_addr(fp, ref->h->addr);
		gms_fp_u64(fp, ref->h->len);
	}
	return gms_fp_finish(fp);
}

/*
 * The smallest hash over the VM permutations: mirrored states are one. The
 * set of a state's permuted forms is the same for all its mirrors, so is
 * its minimum; comparing hashes rather than forms keeps no form at all.
 */
static u64 canonical_hash(struct explorer *x, struct replay *rp, u64 plain)
{
	guint n = x->a->names->len;
	const int *orders = (const int *)x->orders->data;
	guint norders = x->orders->len / n;
	u64 best = plain;

	for (guint p = 1; p < norders; p++)
		best = MIN(best, form(x, rp, orders + p * n));
	return best;
}

/* The form with the names in their own places: the identity comes first. */
static u64 plain_hash(struct explorer *x, struct replay *rp)
{
	resolve_names(x, rp);
	return form(x, rp, (const int *)x->orders->data);
}

static void permute(struct explorer *x, int *perm, int k)
{
	guint n = x->a->names->len;

	if (k == x->a->vms) {
		g_array_append_vals(x->vm_perms, perm, x->a->vms);
		for (int b = 0; b < x->a->vms; b++)
			for (guint i = 0; i < n; i++)
				if (g_array_index(x->a->names,
						  struct gms_explore_name, i)
					    .vm == perm[b]) {
					int v = i;

					g_array_append_val(x->orders, v);
				}
		return;
	}
	for (int i = k; i < x->a->vms; i++) {
		int t = perm[k];

		perm[k] = perm[i];
		perm[i] = t;
		permute(x, perm, k + 1);
		perm[i] = perm[k];
		perm[k] = t;
	}
}

/* Every order of the VMs' name blocks; only the identity without symmetry. */
static void make_orders(struct explorer *x)
{
	int perm[GMS_EXPLORE_MAX_NAMES];
	guint n = x->a->names->len;

	x->orders = g_array_new(FALSE, FALSE, sizeof(int));
	x->vm_perms = g_array_new(FALSE, FALSE, sizeof(int));
	for (int i = 0; i < x->a->vms; i++)
		perm[i] = i;
	if (x->cfg->no_symmetry || x->a->vms > 4) { /* 4! forms is enough */
		g_array_append_vals(x->vm_perms, perm, x->a->vms);
		for (guint i = 0; i < n; i++) {
			int v = i;

			g_array_append_val(x->orders, v);
		}
		return;
	}
	permute(x, perm, 0);
}

static bool enabled(const struct explorer *x, guint op, u64 defined)
{
	const struct gms_explore_op *o =
		&g_array_index(x->a->ops, struct gms_explore_op, op);

	if (o->defines >= 0 && (defined & (1ULL << o->defines)))
		return false; /* a name is defined once */
	return (o->uses & defined) == o->uses;
}

/* The invariants on the state just reached: the first broken one's id. */
static const char *broken(struct explorer *x, struct gms_world *w)
{
	const char *id = NULL;
	GPtrArray *end;

	if (w->warn_log.count)
		return "model-bug";
	gms_check_run_into(w, x->scratch);
	if (x->scratch->len)
		id = ((struct gms_violation *)x->scratch->pdata[0])->id;
	g_ptr_array_set_size(x->scratch, 0);
	if (id || gms_tasks_pending(w))
		return id;
	end = gms_check_end(w); /* every fd closed: a scenario could end here */
	if (end->len)
		id = "leak";
	g_ptr_array_unref(end);
	return id;
}

static char *path_text(struct explorer *x, const u16 *path, guint n,
		       const char *const *outcomes)
{
	GString *s = g_string_new(NULL);

	for (char **p = x->cfg->policy_lines; p && *p; p++)
		g_string_append_printf(s, "policy %s\n", *p);
	for (guint k = 0; k < n; k++) {
		g_string_append(s, g_array_index(x->a->ops,
						 struct gms_explore_op, path[k])
					   .text);
		if (outcomes && outcomes[k])
			g_string_append_printf(s, " => %s", outcomes[k]);
		g_string_append_c(s, '\n');
	}
	return g_string_free(s, FALSE);
}

/*
 * The shortest path as a scenario: each step's outcome written out, as
 * `gmemsim run` expects, and the violation on the last one (leak: at the end).
 */
static char *counterexample(struct explorer *x, const u16 *path, guint n,
			    const char *id)
{
	char *bare = path_text(x, path, n, NULL), *text;
	char *last = g_strdup_printf("violation:%s", id);
	const char **outcomes = g_new0(const char *, n);
	struct gms_scenario *sc =
		gms_scenario_parse("explore.gms", bare, strlen(bare), NULL);
	struct gms_run *run =
		sc ? gms_scenario_run_fuzz(sc, &x->cfg->policy,
					   GMS_PHYSMEM_DEFAULT_PAGES) :
		     NULL;
	GString *out = g_string_new(NULL);

	/* policy lines make no steps */
	for (guint k = 0; run && k < n && k < run->steps->len; k++)
		outcomes[k] = gms_step_outcome(run, run->steps->pdata[k]);
	if (strcmp(id, "leak"))
		outcomes[n - 1] = last;
	else
		outcomes[n - 1] = NULL;
	text = path_text(x, path, n, outcomes);
	g_string_append_printf(
		out,
		"# gmemsim explore: the shortest path to %s (%u steps)\n"
		"# found by breadth-first search: no shorter sequence of this\n"
		"# alphabet breaks an invariant%s\n%s",
		id, n,
		strcmp(id, "leak") ?
			"" :
			"\n# leak: `gmemsim run` reports it at the end",
		text);
	g_free(text);
	g_free(last);
	g_free(outcomes);
	gms_run_free(run);
	gms_scenario_free(sc);
	g_free(bare);
	return g_string_free(out, FALSE);
}

/* Does @text, run as `gmemsim run` runs it, reach violation @id? */
static bool replays(const char *text, const char *id)
{
	struct gms_scenario *sc =
		gms_scenario_parse("explore.gms", text, strlen(text), NULL);
	struct gms_policy none = { 0 };
	struct gms_run *run = sc ? gms_scenario_run(sc, &none) : NULL;
	const struct gms_step *last =
		run && run->steps->len ?
			run->steps->pdata[run->steps->len - 1] :
			NULL;
	bool ok;

	if (!run)
		ok = false;
	else if (strcmp(id, "leak"))
		ok = run->verdict == GMS_PASS && run->violated &&
		     !strcmp(run->violated, id);
	else
		ok = run->verdict == GMS_FAIL && last &&
		     !strcmp(last->actual, "violation:leak");
	gms_run_free(run);
	gms_scenario_free(sc);
	return ok;
}

static void progress(struct explorer *x, int depth, bool force)
{
	gint64 now = g_get_monotonic_time();
	struct gms_explore_stats *st = &x->res->stats;

	st->distinct = x->states->len;
	st->depth = MAX(st->depth, depth);
	st->seconds = (now - x->started) / 1e6;
	if (!x->cfg->progress || (!force && now - x->last_progress < 200000))
		return;
	x->last_progress = now;
	x->cfg->progress(st, x->cfg->progress_data);
}

/* The state the search expands, and its world when one is at hand. */
struct parent {
	guint i;
	const u16 *path;
	guint n;
	struct replay *rp;
	bool live; /* rp is a world in state i, names in the same places */
	u64 plain; /* the form of state i with its own name order */
};

static void parent_world(struct explorer *x, struct parent *p)
{
	if (p->live)
		return;
	x->res->stats.worlds++;
	replay_begin(x, p->rp);
	for (guint k = 0; k < p->n; k++)
		replay_op(x, p->rp, p->path[k]);
	p->live = true;
}

static void parent_done(struct parent *p)
{
	if (p->live)
		replay_end(p->rp);
	p->live = false;
}

/*
 * The form check (check_forms): a merge prunes the state just reached
 * because a state of the same form was kept, which is sound only if the
 * two behave the same. Both paths are replayed on fresh worlds, each aligned
 * to the order of names its canonical form was made in, and every operation
 * runs on both (on B, the operation the alignment's VM permutation makes of
 * it): the same outcome, the same invariant verdict and equal forms again.
 */
struct side {
	struct replay *rp;
	const u16 *path;
	guint n;
	int order; /* the name order in which its form is the canonical one */
};

static void forms_init(struct explorer *x)
{
	if (!x->cfg->check_forms)
		return;
	x->op_index = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < x->a->ops->len; i++)
		g_hash_table_insert(
			x->op_index,
			g_array_index(x->a->ops, struct gms_explore_op, i).text,
			GUINT_TO_POINTER(i + 1));
	for (int k = 0; k < 2; k++)
		x->chk[k].run = gms_run_new(x->sc);
}

static void forms_fini(struct explorer *x)
{
	for (int k = 0; k < 2; k++) {
		if (x->chk[k].runner_ready)
			gms_runner_fini(&x->chk[k].r);
		gms_run_free(x->chk[k].run);
	}
	if (x->op_index)
		g_hash_table_unref(x->op_index);
}

/* Replay @sd's path on a fresh world; the order its form is @fp in, or -1. */
static int side_build(struct explorer *x, struct side *sd, u64 fp)
{
	guint n = x->a->names->len;
	const int *orders = (const int *)x->orders->data;

	replay_begin(x, sd->rp);
	for (guint k = 0; k < sd->n; k++)
		replay_op(x, sd->rp, sd->path[k]);
	resolve_names(x, sd->rp);
	for (guint p = 0; p < x->orders->len / n; p++)
		if (form(x, sd->rp, orders + p * n) == fp)
			return p;
	return -1;
}

/* The form of @sd's world in its aligned order. */
static u64 side_form(struct explorer *x, struct side *sd)
{
	resolve_names(x, sd->rp);
	return form(x, sd->rp,
		    (const int *)x->orders->data +
			    sd->order * x->a->names->len);
}

/*
 * The name @val stands for moved to VM @sigma[its VM]: the name at the same
 * place in that VM's block; NULL if @val is no name.
 */
static const char *name_moved(struct explorer *x, const char *val,
			      const int *sigma)
{
	const GArray *names = x->a->names;
	int from = -1, pos;

	for (guint i = 0; i < names->len && from < 0; i++) {
		const struct gms_explore_name *nm =
			&g_array_index(names, struct gms_explore_name, i);

		if (!strcmp(nm->name, val))
			from = nm->vm;
	}
	if (from < 0)
		return NULL;
	pos = 0;
	for (guint i = 0;
	     strcmp(g_array_index(names, struct gms_explore_name, i).name, val);
	     i++)
		pos += g_array_index(names, struct gms_explore_name, i).vm ==
		       from;
	for (guint i = 0; i < names->len; i++) {
		const struct gms_explore_name *nm =
			&g_array_index(names, struct gms_explore_name, i);

		if (nm->vm == sigma[from] && !pos--)
			return nm->name;
	}
	return NULL;
}

/*
 * The operation @op becomes when VM v is renamed @sigma[v]: its names and
 * its VM's tag (tag=tV) moved to their counterparts; -1 if none is in the
 * alphabet (the alphabet is not symmetric: a bug of its own).
 */
static int op_mirror(struct explorer *x, guint op, const int *sigma)
{
	const char *text =
		g_array_index(x->a->ops, struct gms_explore_op, op).text;
	char **tok = g_strsplit(text, " ", -1);
	GString *out = g_string_new(NULL);
	gpointer idx;
	int vm;

	for (char **t = tok; *t; t++) {
		char *eq = strchr(*t, '=');
		const char *val = eq ? eq + 1 : *t;
		const char *to = name_moved(x, val, sigma);

		if (out->len)
			g_string_append_c(out, ' ');
		g_string_append_len(out, *t, val - *t);
		if (to) {
			g_string_append(out, to);
		} else if (eq && !strncmp(*t, "tag=t", 5) &&
			   sscanf(val + 1, "%d", &vm) == 1 && vm >= 0 &&
			   vm < x->a->vms) {
			g_string_append_printf(out, "t%d", sigma[vm]);
		} else {
			g_string_append(out, val);
		}
	}
	idx = g_hash_table_lookup(x->op_index, out->str);
	g_string_free(out, TRUE);
	g_strfreev(tok);
	return idx ? (int)GPOINTER_TO_UINT(idx) - 1 : -1;
}

/* What an operation did, as far as a later one can tell; owned. */
static char *outcome(const struct gms_result *r, const char *broke)
{
	GString *s = g_string_new(NULL);

	if (r->unsupported)
		g_string_append(s, "unsupported");
	else
		g_string_append(s, r->err ? gms_errno_name(r->err) : "ok");
	if (r->has_offset)
		g_string_append_printf(s, " offset=%llu",
				       (unsigned long long)r->offset);
	if (r->sigbus)
		g_string_append(s, " sigbus");
	if (r->uffd)
		g_string_append_printf(s, " uffd=%u", r->uffd);
	/* a scenario's tags are names: which one is the form's business */
	if (r->has_value &&
	    (r->value < GMS_TAG_BASE || r->value == GMS_TAG_SCRAMBLED))
		g_string_append_printf(s, " value=%#llx",
				       (unsigned long long)r->value);
	else if (r->has_value)
		g_string_append(s, " value=tag");
	if (r->has_number)
		g_string_append_printf(s, " number=%llu",
				       (unsigned long long)r->number);
	if (r->exit || r->exit_info.reason)
		g_string_append_printf(
			s, " exit=%d/%d flags=%#llx gpa=%#llx size=%#llx",
			r->exit, r->exit_info.reason,
			(unsigned long long)r->exit_info.flags,
			(unsigned long long)r->exit_info.gpa,
			(unsigned long long)r->exit_info.size);
	if (broke)
		g_string_append_printf(s, " violation:%s", broke);
	return g_string_free(s, FALSE);
}

static char *path_line(struct explorer *x, const u16 *path, guint n)
{
	GString *s = g_string_new(NULL);

	for (guint k = 0; k < n; k++)
		g_string_append_printf(
			s, "%s%s", k ? "; " : "",
			g_array_index(x->a->ops, struct gms_explore_op, path[k])
				.text);
	if (!n)
		g_string_append(s, "(the empty world)");
	return g_string_free(s, FALSE);
}

static void unsound(struct explorer *x, const struct side *a,
		    const struct side *b, const char *what)
{
	char *pa = path_line(x, a->path, a->n),
	     *pb = path_line(x, b->path, b->n);

	x->res->unsound = g_strdup_printf(
		"states A and B share a form, but %s\n  A: %s\n  B: %s", what,
		pa, pb);
	g_free(pa);
	g_free(pb);
}

/* Run @op on A and its mirror on B; false (and res->unsound) if they differ. */
static bool same_step(struct explorer *x, struct side *a, struct side *b,
		      guint op, const int *sigma, u64 *after)
{
	int mop = op_mirror(x, op, sigma);
	const char *ta =
		g_array_index(x->a->ops, struct gms_explore_op, op).text;
	struct gms_result ra, rb;
	const char *ba, *bb;
	char *oa, *ob, *what = NULL;
	u64 fa = 0, fb = 0;

	*after = 0;

	if (mop < 0 || !enabled(x, mop, b->rp->defined)) {
		what = g_strdup_printf("op `%s` has no counterpart on B", ta);
		goto out;
	}
	replay_op_res(x, a->rp, op, &ra);
	ba = broken(x, a->rp->r.w);
	replay_op_res(x, b->rp, mop, &rb);
	bb = broken(x, b->rp->r.w);
	oa = outcome(&ra, ba);
	ob = outcome(&rb, bb);
	if (!ba && !bb) {
		fa = side_form(x, a);
		fb = side_form(x, b);
	}
	*after = fa == fb ? fa : 0;
	if (strcmp(oa, ob))
		what = g_strdup_printf(
			"op `%s` gives %s on A and `%s` gives %s on B", ta, oa,
			g_array_index(x->a->ops, struct gms_explore_op, mop)
				.text,
			ob);
	else if (fa != fb)
		what = g_strdup_printf(
			"op `%s` (%s on both) leads to different forms", ta,
			oa);
	g_free(oa);
	g_free(ob);
out:
	if (what)
		unsound(x, a, b, what);
	g_free(what);
	return !what;
}

/*
 * The pair's check. An operation that leaves both forms as they were leaves
 * two worlds of the merged form, as good as fresh ones for the next (the
 * explorer's own reuse): only the others are replayed again.
 */
static bool same_behaviour(struct explorer *x, struct side *a, struct side *b,
			   u64 fp)
{
	int vms = x->a->vms, sigma[GMS_EXPLORE_MAX_NAMES];
	const int *perms = (const int *)x->vm_perms->data;
	bool ok = true;

	a->order = side_build(x, a, fp);
	b->order = side_build(x, b, fp);
	if (a->order < 0 || b->order < 0) {
		unsound(x, a, b, "a replay does not come back to it");
		ok = false;
	}
	for (int v = 0; ok && v < vms; v++)
		sigma[perms[a->order * vms + v]] = perms[b->order * vms + v];
	for (guint op = 0; ok && op < x->a->ops->len; op++) {
		u64 after;

		if (!enabled(x, op, a->rp->defined))
			continue;
		ok = same_step(x, a, b, op, sigma, &after);
		if (after == fp)
			continue;
		replay_end(a->rp);
		replay_end(b->rp);
		side_build(x, a, fp);
		side_build(x, b, fp);
	}
	replay_end(a->rp);
	replay_end(b->rp);
	return ok;
}

/*
 * A merge: state @p's successor by @op has form @fp, kept already. Checked
 * within the bounds (check_forms, check_every); false when unsound.
 */
static bool check_merge(struct explorer *x, struct parent *p, guint op, u64 fp)
{
	const struct gms_explore_config *cfg = x->cfg;
	struct gms_explore_result *res = x->res;
	u16 pa[64 + 1], pb[64 + 1];
	struct side a = { .rp = &x->chk[0], .path = pa };
	struct side b = { .rp = &x->chk[1], .path = pb, .n = p->n + 1 };
	guint i = 0;

	res->merges++;
	if (res->merges_checked >= cfg->check_forms ||
	    (res->merges - 1) % MAX(cfg->check_every, 1))
		return true;
	res->merges_checked++;
	while (g_array_index(x->states, struct state, i).fp != fp)
		i++;
	a.n = path_of(x, i, pa);
	memcpy(pb, p->path, p->n * sizeof(u16));
	pb[p->n] = op;
	return same_behaviour(x, &a, &b, fp);
}

/*
 * Run @op in state @p; false when a violation stops the search. An operation
 * that leaves the world's form as it was (a failed ioctl, most of them) also
 * leaves a world the next operation can start from: that saves a replay.
 * The form compared is the plain one, not the canonical: a mirror of the
 * parent has its names swapped, and an operation on it would be recorded
 * under the wrong parent link.
 */
static bool try_op(struct explorer *x, struct parent *p, guint op)
{
	struct gms_explore_result *res = x->res;
	const char *id;
	struct state s = { .parent = p->i, .op = op, .depth = p->n + 1 };
	u16 *full;
	u64 plain;

	parent_world(x, p);
	replay_op(x, p->rp, op);
	res->stats.explored++;
	id = broken(x, p->rp->r.w);
	if (id) {
		full = g_new(u16, p->n + 1);
		memcpy(full, p->path, p->n * sizeof(u16));
		full[p->n] = op;
		res->violation = g_strdup(id);
		res->violation_depth = p->n + 1;
		res->counterexample = counterexample(x, full, p->n + 1, id);
		res->replays = replays(res->counterexample, id);
		g_free(full);
		return false;
	}
	plain = plain_hash(x, p->rp);
	if (plain == p->plain && !x->cfg->fresh_worlds)
		return true; /* the parent itself, seen: no other form needed */
	s.fp = canonical_hash(x, p->rp, plain);
	parent_done(p);
	if (!g_hash_table_add(x->seen, GSIZE_TO_POINTER(s.fp)))
		return check_merge(x, p, op, s.fp);
	g_array_append_val(x->states, s);
	progress(x, s.depth, false);
	return true;
}

static bool expand(struct explorer *x, struct parent *p)
{
	u64 defined = 0;

	/* the search rests on a path leading back to the state it recorded */
	parent_world(x, p);
	p->plain = plain_hash(x, p->rp);
	if (canonical_hash(x, p->rp, p->plain) !=
	    g_array_index(x->states, struct state, p->i).fp)
		gms_world_model_bug(p->rp->r.w, "replay is not repeatable");
	for (guint k = 0; k < p->n; k++) {
		int d = g_array_index(x->a->ops, struct gms_explore_op,
				      p->path[k])
				.defines;

		if (d >= 0)
			defined |= 1ULL << d;
	}
	for (guint op = 0; op < x->a->ops->len; op++) {
		if (!enabled(x, op, defined))
			continue;
		if (x->cfg->max_states &&
		    x->states->len >= x->cfg->max_states) {
			x->res->hit_max_states = true;
			return false;
		}
		if (!try_op(x, p, op))
			return false;
	}
	return true;
}

static void search(struct explorer *x)
{
	u16 path[64 + 1];
	struct replay *rp = &x->rp;
	struct state root = { 0 };

	x->res->stats.worlds++;
	replay_begin(x, rp);
	root.fp = canonical_hash(x, rp, plain_hash(x, rp));
	replay_end(rp);
	g_array_append_val(x->states, root);
	g_hash_table_add(x->seen, GSIZE_TO_POINTER(root.fp));
	for (guint i = 0; i < x->states->len; i++) {
		struct parent p = { .i = i, .path = path, .rp = rp };
		bool go;

		p.n = path_of(x, i, path);
		if ((int)p.n >= x->cfg->depth)
			continue;
		go = expand(x, &p);
		parent_done(&p);
		if (!go)
			return;
	}
	x->res->complete = true;
}

void gms_explore_config_init(struct gms_explore_config *cfg)
{
	*cfg = (struct gms_explore_config){
		.vms = 2,
		.pages = 2,
		.files = 1,
		.slots = 1,
		.depth = 8,
	};
}

bool gms_explore_config_check(const struct gms_explore_config *cfg,
			      GError **err)
{
	const char *bad = NULL;
	struct gms_alphabet *a;
	enum gms_vm_type type;

	if (cfg->vms < 1 || cfg->vms > 8)
		bad = "--vms takes 1 to 8";
	else if (cfg->pages < 1 || cfg->pages > 64)
		bad = "--pages takes 1 to 64";
	else if (cfg->files < 1 || cfg->files > 4)
		bad = "--files takes 1 to 4";
	else if (cfg->slots < 1 || cfg->slots > 4)
		bad = "--slots takes 1 to 4";
	else if (cfg->depth < 0 || cfg->depth > 64)
		bad = "--depth takes 0 to 64";
	else if (cfg->type && gms_vm_type_parse(cfg->type, &type) < 0)
		bad = "--type takes default, sw_protected, snp, tdx or pkvm";
	if (bad) {
		g_set_error_literal(err, GMS_SCENARIO_ERROR, 0, bad);
		return false;
	}
	/* the alphabet's own limit: names enough for every object */
	a = gms_alphabet_new(cfg, err);
	if (!a)
		return false;
	gms_alphabet_free(a);
	return true;
}

char *gms_explore_alphabet(const struct gms_explore_config *cfg)
{
	struct gms_alphabet *a = gms_alphabet_new(cfg, NULL);
	GString *s = g_string_new(NULL);

	for (guint i = 0; a && i < a->ops->len; i++)
		g_string_append_printf(
			s, "%s\n",
			g_array_index(a->ops, struct gms_explore_op, i).text);
	gms_alphabet_free(a);
	return g_string_free(s, FALSE);
}

struct gms_explore_result *gms_explore(const struct gms_explore_config *cfg,
				       GError **err)
{
	struct explorer x = { .cfg = cfg };
	char *text;

	if (!gms_explore_config_check(cfg, err))
		return NULL;
	x.a = gms_alphabet_new(cfg, err);
	if (!x.a)
		return NULL;
	text = gms_explore_alphabet(cfg);
	x.sc = gms_scenario_parse("alphabet.gms", text, strlen(text), err);
	g_free(text);
	if (!x.sc) {
		gms_alphabet_free(x.a);
		return NULL;
	}
	x.res = g_new0(struct gms_explore_result, 1);
	x.res->alphabet = x.a->ops->len;
	x.states = g_array_new(FALSE, FALSE, sizeof(struct state));
	x.seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	x.fp = gms_fp_new();
	x.scratch = gms_violations_new();
	x.rp.run = gms_run_new(x.sc);
	make_orders(&x);
	forms_init(&x);
	x.started = g_get_monotonic_time();
	search(&x);
	progress(&x, 0, true);
	forms_fini(&x);
	g_array_unref(x.orders);
	g_array_unref(x.vm_perms);
	g_ptr_array_unref(x.scratch);
	if (x.rp.runner_ready)
		gms_runner_fini(&x.rp.r);
	gms_run_free(x.rp.run);
	gms_fp_free(x.fp);
	g_hash_table_unref(x.seen);
	g_array_unref(x.states);
	gms_scenario_free(x.sc);
	gms_alphabet_free(x.a);
	return x.res;
}

void gms_explore_result_free(struct gms_explore_result *res)
{
	if (!res)
		return;
	g_free(res->violation);
	g_free(res->counterexample);
	g_free(res->unsound);
	g_free(res);
}
