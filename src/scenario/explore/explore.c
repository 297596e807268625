// SPDX-License-Identifier: GPL-2.0
/*
 * Breadth-first search over the alphabet's operations (TLC's model checking
 * loop, on the model's C code). A state is kept as the 64-bit hash of its
 * canonical form, its parent and the operation that reached it: 16 bytes.
 * The model has no world copy, so a state is rebuilt by replaying its path
 * from the empty world, without the invariants (they held on the way); an
 * operation that leaves that world's form unchanged leaves it for the next.
 * Each level is shared out among worker threads (--jobs), each with its own
 * world; their transitions are taken in one search's order (take_ready()),
 * so the result does not depend on how many there were.
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
 * The world a path leads to, with the runner that knows its names. A worker
 * has one at a time; its run and runner's tables serve every world in turn.
 */
struct replay {
	struct gms_run *run;
	struct gms_target *t;
	struct gms_runner r;
	bool runner_ready;
	u64 defined; /* names the path defined */
	struct name_ref names[GMS_EXPLORE_MAX_NAMES]; /* for every form of it */
};

/*
 * What a worker saw on one transition, for the search to take in the order
 * one worker would have: a parent starts (fp: its index), or an operation
 * in it left the parent's form as it was, reached a state perhaps new, or
 * broke an invariant.
 */
enum step_kind { STEP_PARENT, STEP_SEEN, STEP_NEW, STEP_BROKEN };

struct step {
	union {
		u64 fp;
		const char *id; /* STEP_BROKEN: the invariant */
	};
	u16 op;
	u8 kind;
	bool replayed; /* a world was built from the empty one for it */
};

struct explorer;

/* A thread of the search, with its own world: worlds share nothing. */
struct worker {
	struct explorer *x;
	struct replay rp; /* the world at hand */
	struct gms_fp *fp;
	GPtrArray *scratch; /* violations */
	u16 path[64 + 1];
	GThread *thread;
};

struct explorer {
	const struct gms_explore_config *cfg;
	struct gms_alphabet *a;
	struct gms_scenario *sc; /* the alphabet parsed: stmt i is op i */
	GArray *states; /* struct state, in BFS order */
	GHashTable *seen; /* fp -> nothing; the first worker's alone */
	GArray *orders; /* int[names]: one name order per VM permutation */
	GArray *vm_perms; /* int[vms]: the VM in each block of each order */
	struct worker *workers;
	int jobs;
	/* the level being expanded: states [lo, hi), by chunks of parents */
	guint lo, hi;
	GPtrArray *chunks; /* GArray of struct step, one per chunk done */
	guint taken; /* chunks taken in order so far */
	GArray *next; /* struct state: the level's new states, in order */
	gint next_chunk; /* atomic: the next chunk a worker takes */
	gint stop_at; /* atomic: a violation was found in this parent */
	gint stop; /* atomic: the search stops in this level */
	struct worker chk[2]; /* check_forms: the two worlds of a merge */
	GHashTable *op_index; /* check_forms: op text -> index + 1 */
	struct gms_explore_result *res;
	gint64 started, last_progress;
};

static void replay_begin(struct worker *wk)
{
	struct replay *rp = &wk->rp;
	struct gms_world *w = gms_world_new();

	w->policy = wk->x->cfg->policy;
	/* a world per path, small and checked whole: no record to keep */
	gms_dirty_disable(w);
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
static void replay_op_res(const struct explorer *x, struct replay *rp, guint op,
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

static void replay_op(const struct explorer *x, struct replay *rp, guint op)
{
	replay_op_res(x, rp, op, NULL);
}

static guint path_of(const struct explorer *x, guint i, u16 *path)
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
static void resolve_names(const struct explorer *x, struct replay *rp)
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
static u64 form(struct worker *wk, const int *order)
{
	struct replay *rp = &wk->rp;
	struct gms_fp *fp = wk->fp;
	guint n = wk->x->a->names->len;

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
static u64 canonical_hash(struct worker *wk, u64 plain)
{
	guint n = wk->x->a->names->len;
	const int *orders = (const int *)wk->x->orders->data;
	guint norders = wk->x->orders->len / n;
	u64 best = plain;

	for (guint p = 1; p < norders; p++)
		best = MIN(best, form(wk, orders + p * n));
	return best;
}

/* The form with the names in their own places: the identity comes first. */
static u64 plain_hash(struct worker *wk)
{
	resolve_names(wk->x, &wk->rp);
	return form(wk, (const int *)wk->x->orders->data);
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
static const char *broken(struct worker *wk, struct gms_world *w)
{
	GPtrArray *scratch = wk->scratch;
	const char *id = NULL;
	GPtrArray *end;

	if (w->warn_log.count)
		return "model-bug";
	gms_check_step_into(w, GMS_CHECK_FULL, scratch);
	if (scratch->len)
		id = ((struct gms_violation *)scratch->pdata[0])->id;
	g_ptr_array_set_size(scratch, 0);
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

	st->distinct = x->states->len + x->next->len;
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
	bool live; /* the worker's world is in state i, names in the same places */
	u64 plain; /* the form of state i with its own name order */
};

/* true: a world was built for it */
static bool parent_world(struct worker *wk, struct parent *p)
{
	if (p->live)
		return false;
	replay_begin(wk);
	for (guint k = 0; k < p->n; k++)
		replay_op(wk->x, &wk->rp, p->path[k]);
	p->live = true;
	return true;
}

static void parent_done(struct worker *wk, struct parent *p)
{
	if (p->live)
		replay_end(&wk->rp);
	p->live = false;
}

/* Hand out no parent after @i: a violation there ends the search. */
static void stop_after(struct explorer *x, guint i)
{
	for (gint at = g_atomic_int_get(&x->stop_at); (guint)at > i;
	     at = g_atomic_int_get(&x->stop_at))
		if (g_atomic_int_compare_and_exchange(&x->stop_at, at, i))
			return;
}

/*
 * Run @op in state @p; false when a violation ends this parent. An operation
 * that leaves the world's form as it was (a failed ioctl, most of them) also
 * leaves a world the next operation can start from: that saves a replay.
 * The form compared is the plain one, not the canonical: a mirror of the
 * parent has its names swapped, and an operation on it would be recorded
 * under the wrong parent link. Whether the state is new is decided when the
 * records are taken in order (take_chunk()): a worker never reads the set.
 */
static bool try_op(struct worker *wk, struct parent *p, guint op, GArray *out)
{
	struct explorer *x = wk->x;
	struct step st = { .op = op };
	u64 plain;

	st.replayed = parent_world(wk, p);
	replay_op(x, &wk->rp, op);
	st.id = broken(wk, wk->rp.r.w);
	if (st.id) {
		st.kind = STEP_BROKEN;
		g_array_append_val(out, st);
		stop_after(x, p->i);
		return false;
	}
	plain = plain_hash(wk);
	if (plain == p->plain && !x->cfg->fresh_worlds) {
		st.kind = STEP_SEEN; /* the parent itself */
		g_array_append_val(out, st);
		return true;
	}
	st.fp = canonical_hash(wk, plain);
	parent_done(wk, p);
	st.kind = STEP_NEW;
	g_array_append_val(out, st);
	return true;
}

static void expand(struct worker *wk, struct parent *p, GArray *out)
{
	struct explorer *x = wk->x;
	struct step head = { .fp = p->i, .kind = STEP_PARENT };
	u64 defined = 0;

	g_array_append_val(out, head);
	/* the search rests on a path leading back to the state it recorded */
	parent_world(wk, p);
	p->plain = plain_hash(wk);
	if (canonical_hash(wk, p->plain) !=
	    g_array_index(x->states, struct state, p->i).fp)
		gms_world_model_bug(wk->rp.r.w, "replay is not repeatable");
	for (guint k = 0; k < p->n; k++) {
		int d = g_array_index(x->a->ops, struct gms_explore_op,
				      p->path[k])
				.defines;

		if (d >= 0)
			defined |= 1ULL << d;
	}
	for (guint op = 0; op < x->a->ops->len; op++)
		if (enabled(x, op, defined) && !try_op(wk, p, op, out))
			return;
}

/* parents per chunk: small enough to share a level's work out evenly */
#define CHUNK 16

static GArray *expand_chunk(struct worker *wk, guint c)
{
	struct explorer *x = wk->x;
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct step));
	guint end = MIN(x->hi, x->lo + (c + 1) * CHUNK);

	for (guint i = x->lo + c * CHUNK; i < end; i++) {
		struct parent p = { .i = i, .path = wk->path };

		if (i > (guint)g_atomic_int_get(&x->stop_at))
			break;
		p.n = path_of(x, i, wk->path);
		expand(wk, &p, out);
		parent_done(wk, &p);
	}
	return out;
}

static void violation(struct explorer *x, guint parent, const struct step *st)
{
	struct gms_explore_result *res = x->res;
	u16 path[64 + 1];
	guint n = path_of(x, parent, path);

	path[n++] = st->op;
	res->violation = g_strdup(st->id);
	res->violation_depth = n;
	res->counterexample = counterexample(x, path, n, st->id);
	res->replays = replays(res->counterexample, st->id);
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
	struct worker *wk; /* its world, form and scratch */
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
	for (int k = 0; k < 2; k++) {
		x->chk[k].x = x;
		x->chk[k].fp = gms_fp_new();
		x->chk[k].scratch = gms_violations_new();
		x->chk[k].rp.run = gms_run_new(x->sc);
	}
}

static void forms_fini(struct explorer *x)
{
	for (int k = 0; k < 2; k++) {
		if (x->chk[k].rp.runner_ready)
			gms_runner_fini(&x->chk[k].rp.r);
		gms_run_free(x->chk[k].rp.run);
		gms_fp_free(x->chk[k].fp);
		if (x->chk[k].scratch)
			g_ptr_array_unref(x->chk[k].scratch);
	}
	if (x->op_index)
		g_hash_table_unref(x->op_index);
}

/* Replay @sd's path on a fresh world; the order its form is @fp in, or -1. */
static int side_build(struct explorer *x, struct side *sd, u64 fp)
{
	guint n = x->a->names->len;
	const int *orders = (const int *)x->orders->data;

	replay_begin(sd->wk);
	for (guint k = 0; k < sd->n; k++)
		replay_op(x, sd->rp, sd->path[k]);
	resolve_names(x, sd->rp);
	for (guint p = 0; p < x->orders->len / n; p++)
		if (form(sd->wk, orders + p * n) == fp)
			return p;
	return -1;
}

/* The form of @sd's world in its aligned order. */
static u64 side_form(struct explorer *x, struct side *sd)
{
	resolve_names(x, sd->rp);
	return form(sd->wk, (const int *)x->orders->data +
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
	ba = broken(a->wk, a->rp->r.w);
	replay_op_res(x, b->rp, mop, &rb);
	bb = broken(b->wk, b->rp->r.w);
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

/* The path to the state of form @fp kept before: a state or a new one. */
static guint kept_path(struct explorer *x, u64 fp, u16 *path)
{
	guint n;

	for (guint i = 0; i < x->states->len; i++)
		if (g_array_index(x->states, struct state, i).fp == fp)
			return path_of(x, i, path);
	for (guint i = 0; i < x->next->len; i++) {
		const struct state *s =
			&g_array_index(x->next, struct state, i);

		if (s->fp != fp)
			continue;
		n = path_of(x, s->parent, path);
		path[n] = s->op;
		return n + 1;
	}
	g_assert_not_reached();
}

/*
 * A merge: state @parent's successor by @op has form @fp, kept already.
 * Checked within the bounds (check_forms, check_every), by the worker that
 * takes the transitions in order; false when unsound.
 */
static bool check_merge(struct explorer *x, guint parent, guint op, u64 fp)
{
	const struct gms_explore_config *cfg = x->cfg;
	struct gms_explore_result *res = x->res;
	u16 pa[64 + 1], pb[64 + 1];
	struct side a = { .wk = &x->chk[0], .rp = &x->chk[0].rp, .path = pa };
	struct side b = { .wk = &x->chk[1], .rp = &x->chk[1].rp, .path = pb };

	res->merges++;
	if (res->merges_checked >= cfg->check_forms ||
	    (res->merges - 1) % MAX(cfg->check_every, 1))
		return true;
	res->merges_checked++;
	a.n = kept_path(x, fp, pa);
	b.n = path_of(x, parent, pb);
	pb[b.n++] = op;
	return same_behaviour(x, &a, &b, fp);
}

/*
 * A chunk's transitions in the order of one search expanding its parents
 * one after the other: the states, their numbering and parent links, the
 * counts, and where a violation or --max-states stops are the same however
 * many workers there were. false: the search stops here.
 */
static bool take_chunk(struct explorer *x, GArray *out)
{
	struct gms_explore_stats *stats = &x->res->stats;
	guint parent = 0; /* a chunk starts with its first parent */

	for (guint k = 0; k < out->len; k++) {
		const struct step *st = &g_array_index(out, struct step, k);
		struct state s = { .fp = st->fp, .op = st->op };

		if (st->kind == STEP_PARENT) {
			parent = st->fp;
			stats->worlds++;
			continue;
		}
		if (x->cfg->max_states &&
		    x->states->len + x->next->len >= x->cfg->max_states) {
			x->res->hit_max_states = true;
			return false;
		}
		stats->explored++;
		stats->worlds += st->replayed;
		if (st->kind == STEP_BROKEN) {
			violation(x, parent, st);
			return false;
		}
		if (st->kind == STEP_SEEN)
			continue;
		if (!g_hash_table_add(x->seen, GSIZE_TO_POINTER(s.fp))) {
			if (!check_merge(x, parent, st->op, s.fp))
				return false;
			continue;
		}
		s.parent = parent;
		s.depth = g_array_index(x->states, struct state, parent).depth +
			  1;
		g_array_append_val(x->next, s);
		progress(x, s.depth, false);
	}
	return true;
}

/*
 * The chunks done so far, in order, by the first worker between its own:
 * the set of states is its alone. false: the search stops (and the workers
 * with it).
 */
static bool take_ready(struct explorer *x)
{
	while (x->taken < x->chunks->len) {
		GArray *out = g_atomic_pointer_get(&x->chunks->pdata[x->taken]);

		if (!out)
			return true;
		if (!take_chunk(x, out)) {
			g_atomic_int_set(&x->stop, 1);
			return false;
		}
		x->chunks->pdata[x->taken++] = NULL;
		g_array_unref(out);
	}
	return true;
}

/* A worker's share of the level: chunks taken until none is left. */
static bool share(struct worker *wk)
{
	struct explorer *x = wk->x;
	bool first = wk == x->workers;

	for (;;) {
		guint c = g_atomic_int_add(&x->next_chunk, 1);

		if (c >= x->chunks->len || g_atomic_int_get(&x->stop))
			return true;
		g_atomic_pointer_set(&x->chunks->pdata[c], expand_chunk(wk, c));
		if (first && !take_ready(x))
			return false;
	}
}

static gpointer work(gpointer data)
{
	share(data);
	return NULL;
}

/* Expand states [lo, hi) with the workers, each with its own world. */
static bool level(struct explorer *x, guint lo, guint hi)
{
	guint nchunks = (hi - lo + CHUNK - 1) / CHUNK;
	int threads = MIN(x->jobs, (int)nchunks);
	bool go;

	x->lo = lo;
	x->hi = hi;
	g_ptr_array_set_size(x->chunks, nchunks);
	x->next_chunk = 0;
	x->taken = 0;
	x->stop = 0;
	x->stop_at = G_MAXINT;
	for (int j = 1; j < threads; j++)
		x->workers[j].thread =
			g_thread_new("explore", work, &x->workers[j]);
	go = share(&x->workers[0]);
	for (int j = 1; j < threads; j++)
		g_thread_join(x->workers[j].thread);
	if (go)
		go = take_ready(x); /* the others' last chunks */
	g_array_append_vals(x->states, x->next->data, x->next->len);
	g_array_set_size(x->next, 0);
	for (guint c = x->taken; c < nchunks; c++)
		if (x->chunks->pdata[c])
			g_array_unref(x->chunks->pdata[c]);
	g_ptr_array_set_size(x->chunks, 0);
	return go;
}

/*
 * Level by level: the states at depth d are shared out among the workers,
 * each expanding its parents in its own world, then their successors are
 * taken in order, so that a violation found at depth d + 1 is the first a
 * single search would have found (the smallest parent, then operation).
 */
static void search(struct explorer *x)
{
	struct worker *wk = &x->workers[0];
	struct state root = { 0 };
	guint lo = 0;

	replay_begin(wk);
	x->res->stats.worlds++;
	root.fp = canonical_hash(wk, plain_hash(wk));
	replay_end(&wk->rp);
	g_array_append_val(x->states, root);
	g_hash_table_add(x->seen, GSIZE_TO_POINTER(root.fp));
	while (lo < x->states->len) {
		guint hi = x->states->len;

		if (g_array_index(x->states, struct state, lo).depth >=
		    x->cfg->depth)
			break;
		if (!level(x, lo, hi))
			return;
		lo = hi;
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
		.jobs = g_get_num_processors(),
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
	else if (cfg->jobs < 1 || cfg->jobs > GMS_EXPLORE_MAX_JOBS)
		bad = "--jobs takes 1 to " G_STRINGIFY(GMS_EXPLORE_MAX_JOBS);
	else if (cfg->type && !gms_vm_type_parse(cfg->type, &type))
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

static void workers_new(struct explorer *x)
{
	x->jobs = x->cfg->jobs;
	x->workers = g_new0(struct worker, x->jobs);
	for (int j = 0; j < x->jobs; j++) {
		struct worker *wk = &x->workers[j];

		wk->x = x;
		wk->fp = gms_fp_new();
		wk->scratch = gms_violations_new();
		wk->rp.run = gms_run_new(x->sc);
	}
}

static void workers_free(struct explorer *x)
{
	for (int j = 0; j < x->jobs; j++) {
		struct worker *wk = &x->workers[j];

		if (wk->rp.runner_ready)
			gms_runner_fini(&wk->rp.r);
		gms_run_free(wk->rp.run);
		gms_fp_free(wk->fp);
		g_ptr_array_unref(wk->scratch);
	}
	g_free(x->workers);
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
	x.chunks = g_ptr_array_new();
	x.next = g_array_new(FALSE, FALSE, sizeof(struct state));
	workers_new(&x);
	make_orders(&x);
	forms_init(&x);
	x.started = g_get_monotonic_time();
	search(&x);
	progress(&x, 0, true);
	forms_fini(&x);
	g_array_unref(x.orders);
	g_array_unref(x.vm_perms);
	workers_free(&x);
	g_ptr_array_unref(x.chunks);
	g_array_unref(x.next);
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
