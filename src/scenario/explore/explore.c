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
	GPtrArray *scratch; /* violations */
	struct replay rp; /* the world at hand */
	struct gms_explore_result *res;
	gint64 started, last_progress;
};

static void replay_begin(struct explorer *x, struct replay *rp)
{
	struct gms_world *w = gms_world_new();

	x->res->stats.worlds++;
	w->policy = x->cfg->policy;
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

/* mirrors the runner's run_op() without judging: outcomes are not expected */
static void replay_op(struct explorer *x, struct replay *rp, guint op)
{
	const struct gms_stmt *s = x->sc->stmts->pdata[op];
	const struct gms_explore_op *o =
		&g_array_index(x->a->ops, struct gms_explore_op, op);
	struct gms_result res = { 0 };

	gms_world_begin_step(rp->r.w);
	s->op->exec(&rp->r, s, &res);
	gms_world_task_work_run(rp->r.w);
	g_free(res.mismatch);
	g_free(res.note);
	if (o->defines >= 0)
		rp->defined |= 1ULL << o->defines;
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
	if (x->cfg->no_symmetry || x->a->vms > 4) { /* 4! forms is enough */
		for (guint i = 0; i < n; i++) {
			int v = i;

			g_array_append_val(x->orders, v);
		}
		return;
	}
	for (int i = 0; i < x->a->vms; i++)
		perm[i] = i;
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
	gms_check_step_into(w, GMS_CHECK_FULL, x->scratch);
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
	for (guint k = 0; run && k < n && k < run->steps->len; k++) {
		const struct gms_step *st = run->steps->pdata[k];

		const char *paren = st->raw ? strstr(st->raw, " (") : NULL;

		if (!st->raw || !strcmp(st->raw, "ok"))
			continue;
		/* "exit:memory_fault ... (EFAULT)": the errno is the trace's */
		outcomes[k] =
			paren ? g_string_chunk_insert_len(run->strings, st->raw,
							  paren - st->raw) :
				st->raw;
	}
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
		return true;
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

static bool config_ok(const struct gms_explore_config *cfg, GError **err)
{
	const char *bad = NULL;
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
	if (bad)
		g_set_error_literal(err, GMS_SCENARIO_ERROR, 0, bad);
	return !bad;
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

	if (!config_ok(cfg, err))
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
	x.started = g_get_monotonic_time();
	search(&x);
	progress(&x, 0, true);
	g_array_unref(x.orders);
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
	g_free(res);
}
