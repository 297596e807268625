// SPDX-License-Identifier: GPL-2.0
/* The scenario runner: one fresh world, every statement, every invariant after each. */
#include <string.h>

#include <gmemsim/check.h>

#include <gmemsim/lock.h>

#include "runner_internal.h"

struct gms_handle *gms_runner_handle(struct gms_runner *r, const char *name)
{
	struct gms_handle *h = g_hash_table_lookup(r->handles, name);

	if (h)
		return h;
	/*
	 * The runner's own, not a static: runners of parallel searches run
	 * at once (`explore --jobs`), and a caller may write to what it gets.
	 */
	r->none = (struct gms_handle){ .kind = GMS_H_NONE, .fd = -1 };
	return &r->none;
}

/*
 * A VM or guest_memfd passes its fd (closed or not: the kernel then says
 * EBADF, fd numbers are never reused). Anything else is not a descriptor.
 */
int gms_runner_fd(struct gms_runner *r, const char *name)
{
	return gms_runner_handle(r, name)->fd;
}

void gms_runner_define(struct gms_runner *r, const char *name,
		       struct gms_handle h)
{
	struct gms_handle *copy = g_memdup2(&h, sizeof(h));

	gms_range_map_init(&copy->unmapped);
	/* @name is the scenario's, which outlives the run: borrowed */
	g_hash_table_insert(r->handles, (char *)name, copy);
}

static void handle_free(gpointer p)
{
	struct gms_handle *h = p;

	gms_range_map_destroy(&h->unmapped);
	g_free(h);
}

void gms_runner_name_object(struct gms_runner *r, enum gms_obj_kind kind,
			    u64 id, const char *name)
{
	g_hash_table_insert(r->obj_names, gms_run_name_key(kind, id),
			    (char *)name);
}

static const char *name_of(void *data, enum gms_obj_kind kind, u64 id);

void gms_runner_name_world(struct gms_world *w, struct gms_run *run)
{
	w->name_of = name_of;
	w->name_data = run;
}

void gms_result_set(struct gms_result *res, s64 ret)
{
	if (ret == -GMS_ESIGBUS)
		res->sigbus = true;
	else if (ret == -GMS_EUFFD_MISSING || ret == -GMS_EUFFD_MINOR)
		res->uffd = ret == -GMS_EUFFD_MISSING ? GMS_UFFD_MISSING :
							GMS_UFFD_MINOR;
	else if (ret == -GMS_EBLOCKED)
		res->blocked = true;
	else if (ret == -GMS_EUNSUPPORTED)
		res->unsupported = "the target cannot do this op";
	else if (ret < 0)
		res->err = (int)-ret;
}

/*
 * For a call whose success is 0 (mbind(), ...): a positive return is no
 * outcome the kernel has, so it is reported as a difference, not as ok.
 */
void gms_result_set_status(struct gms_result *res, s64 ret)
{
	gms_result_set(res, ret);
	if (ret > 0)
		gms_result_mismatch(res,
				    "returned %" G_GINT64_FORMAT
				    " (expected 0 or -errno)",
				    ret);
}

void gms_result_exit(struct gms_result *res, const struct gms_vcpu_exit *exit)
{
	res->exit = exit->reason;
	res->exit_info = *exit;
}

bool gms_runner_needs_model(struct gms_runner *r, struct gms_result *res)
{
	if (r->w)
		return true;
	res->not_applicable = true;
	return false;
}

void gms_result_mismatch(struct gms_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_free(res->mismatch);
	res->mismatch = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

static const char *name_of(void *data, enum gms_obj_kind kind, u64 id)
{
	struct gms_run *run = data;

	if (kind == GMS_OBJ_TAG)
		return gms_scenario_tag_name(run->sc, id);
	return g_hash_table_lookup(run->names, gms_run_name_key(kind, id));
}

static const char *keep(struct gms_run *run, char *s)
{
	const char *k = g_string_chunk_insert_const(run->strings, s);

	g_free(s);
	return k;
}

/* " gpa=0x... size=0x... private": run->memory_fault's details as given */
static char *fault_details(bool has_gpa, u64 gpa, bool has_size, u64 size,
			   bool has_private, bool is_private)
{
	GString *s = g_string_new(NULL);

	if (has_gpa)
		g_string_append_printf(s, " gpa=0x%" G_GINT64_MODIFIER "x",
				       gpa);
	if (has_size)
		g_string_append_printf(s, " size=0x%" G_GINT64_MODIFIER "x",
				       size);
	if (has_private)
		g_string_append(s, is_private ? " private" : " shared");
	return g_string_free(s, FALSE);
}

/* value:N, in hex from 10 (capabilities are bit masks) */
static char *value_text(u64 v)
{
	if (v < 10)
		return g_strdup_printf("value:%" G_GINT64_MODIFIER "u", v);
	return g_strdup_printf("value:%#" G_GINT64_MODIFIER "x", v);
}

static bool exit_is_private(const struct gms_vcpu_exit *e)
{
	return e->flags & KVM_MEMORY_EXIT_FLAG_PRIVATE;
}

static const char *outcome_text(struct gms_run *run,
				const struct gms_outcome *o)
{
	g_autofree char *details = NULL;
	const char *tag;

	switch (o->kind) {
	case GMS_OUT_NONE:
	case GMS_OUT_OK:
		return "ok";
	case GMS_OUT_ERRNO:
		if (o->has_offset)
			return keep(run,
				    g_strdup_printf(
					    "%s@%#" G_GINT64_MODIFIER "x",
					    gms_errno_name(o->err), o->offset));
		return gms_errno_name(o->err);
	case GMS_OUT_SIGBUS:
		return "sigbus";
	case GMS_OUT_SIGSEGV:
		return "sigsegv";
	case GMS_OUT_UFFD_MISSING:
		return "uffd:missing";
	case GMS_OUT_UFFD_MINOR:
		return "uffd:minor";
	case GMS_OUT_ZERO:
		return "zero";
	case GMS_OUT_TAG:
		tag = gms_scenario_tag_name(run->sc, o->tag);
		return keep(run, g_strconcat("tag:", tag ? tag : "?", NULL));
	case GMS_OUT_EXIT:
		if (o->exit == GMS_EXIT_MMIO)
			return "exit:mmio";
		if (o->exit == GMS_EXIT_EXCEPTION)
			return "exit:exception";
		if (!o->has_gpa && !o->has_size && !o->has_private)
			return "exit:memory_fault";
		details = fault_details(o->has_gpa, o->gpa, o->has_size,
					o->size, o->has_private, o->is_private);
		return keep(run,
			    g_strconcat("exit:memory_fault", details, NULL));
	case GMS_OUT_SCRAMBLED:
		return "scrambled";
	case GMS_OUT_VIOLATION:
		return keep(run, g_strconcat("violation:", o->invariant, NULL));
	case GMS_OUT_BLOCKED:
		return "blocked";
	case GMS_OUT_VALUE:
		return keep(run, value_text(o->value));
	}
	return "?";
}

/* The outcome @base, with what a task ran, for the trace. */
static const char *actual_text(struct gms_run *run, const char *base,
			       const struct gms_result *res)
{
	if (!res->note || !*res->note)
		return base;
	return keep(run, g_strdup_printf("%s [%s]", base, res->note));
}

static const char *outcome_of(struct gms_run *run, const struct gms_result *res)
{
	const char *e = res->err ? gms_errno_name(res->err) : NULL;
	const struct gms_vcpu_exit *x = &res->exit_info;
	g_autofree char *details = NULL;
	const char *tag;

	if (res->mismatch)
		return keep(run,
			    g_strdup_printf("mismatch: %s", res->mismatch));
	if (res->exit == GMS_EXIT_MEMORY_FAULT) {
		/* every detail: a diff compares them, a failure shows them */
		details = fault_details(true, x->gpa, true, x->size, true,
					exit_is_private(x));
		return keep(run, g_strdup_printf("exit:memory_fault%s (%s)",
						 details, e ? e : "?"));
	}
	if (res->blocked)
		return "blocked";
	if (res->exit == GMS_EXIT_MMIO)
		return "exit:mmio";
	if (res->exit == GMS_EXIT_EXCEPTION)
		return "exit:exception";
	if (res->sigbus)
		return "sigbus";
	if (res->uffd)
		return res->uffd == GMS_UFFD_MISSING ? "uffd:missing" :
						       "uffd:minor";
	if (res->err && res->has_offset)
		return keep(run, g_strdup_printf("%s@%#" G_GINT64_MODIFIER "x",
						 e ? e : "?", res->offset));
	if (res->err)
		return e ? e : keep(run, g_strdup_printf("errno %d", res->err));
	if (res->has_number)
		return keep(run, value_text(res->number));
	if (!res->has_value)
		return "ok";
	if (!res->value)
		return "zero";
	if (res->value == GMS_TAG_SCRAMBLED)
		return "scrambled";
	tag = gms_scenario_tag_name(run->sc, res->value);
	return keep(run, tag ? g_strconcat("tag:", tag, NULL) :
			       g_strdup_printf("tag:%#" G_GINT64_MODIFIER "x",
					       res->value));
}

/* exit:memory_fault's details, those given */
static bool fault_details_match(const struct gms_outcome *o,
				const struct gms_vcpu_exit *x)
{
	return (!o->has_gpa || x->gpa == o->gpa) &&
	       (!o->has_size || x->size == o->size) &&
	       (!o->has_private || exit_is_private(x) == o->is_private);
}

/* Does @res satisfy @o (violations aside)? */
static bool outcome_matches(const struct gms_outcome *o,
			    const struct gms_result *res)
{
	bool clean = !res->err && !res->sigbus && res->exit == GMS_EXIT_NONE &&
		     !res->blocked && !res->uffd;

	if (res->mismatch)
		return false;
	if (o->kind == GMS_OUT_BLOCKED)
		return res->blocked;
	if (res->blocked)
		return false;
	switch (o->kind) {
	case GMS_OUT_NONE:
	case GMS_OUT_OK:
		return clean;
	case GMS_OUT_ERRNO:
		if (o->has_offset &&
		    (!res->has_offset || res->offset != o->offset))
			return false;
		return res->err == o->err && !res->sigbus;
	case GMS_OUT_SIGBUS:
		return res->sigbus;
	case GMS_OUT_SIGSEGV:
		/* host_read/host_write: SIGSEGV is -EFAULT on every target */
		return res->err == EFAULT && !res->sigbus;
	case GMS_OUT_UFFD_MISSING:
		return res->uffd == GMS_UFFD_MISSING;
	case GMS_OUT_UFFD_MINOR:
		return res->uffd == GMS_UFFD_MINOR;
	case GMS_OUT_ZERO:
		return clean && res->has_value && res->value == 0;
	case GMS_OUT_TAG:
		return clean && res->has_value && res->value == o->tag;
	case GMS_OUT_EXIT:
		return res->exit == o->exit &&
		       (o->exit != GMS_EXIT_MEMORY_FAULT ||
			fault_details_match(o, &res->exit_info));
	case GMS_OUT_SCRAMBLED:
		return clean && res->has_value &&
		       res->value == GMS_TAG_SCRAMBLED;
	case GMS_OUT_VIOLATION:
		return true;
	case GMS_OUT_VALUE:
		return clean && res->has_number && res->number == o->value;
	case GMS_OUT_BLOCKED:
		break;
	}
	return false;
}

static struct gms_step *step_new(const struct gms_stmt *s)
{
	struct gms_step *st = g_slice_new0(struct gms_step);

	st->line = s->line;
	st->text = s->text;
	return st;
}

/* most steps point at the run's one empty verdict without a reference */
static void steps_free(struct gms_run *run)
{
	for (guint i = 0; i < run->steps->len; i++) {
		struct gms_step *st = run->steps->pdata[i];

		if (st->violations && st->violations != run->no_violations)
			g_ptr_array_unref(st->violations);
		g_slice_free(struct gms_step, st);
	}
	g_ptr_array_unref(run->steps);
}

static bool has_violation(GPtrArray *v, const char *id)
{
	for (guint i = 0; i < v->len; i++)
		if (!strcmp(((struct gms_violation *)v->pdata[i])->id, id))
			return true;
	return false;
}

static void set_reason(struct gms_run *run, const struct gms_step *st,
		       const char *why)
{
	if (run->reason) /* keep_going: the first failure is the reason */
		return;
	run->verdict = GMS_FAIL;
	run->reason = g_strdup_printf("line %d: %s: expected %s, got %s",
				      st->line, why, st->expected, st->actual);
}

static void set_unsupported(struct gms_run *run, const struct gms_step *st,
			    const char *why)
{
	run->verdict = GMS_UNSUPPORTED;
	g_free(run->reason); /* keep_going: an earlier failure may have set it */
	run->reason =
		g_strdup_printf("line %d: %s: unsupported on this target: %s",
				st->line, st->text, why);
}

/* The invariants after a step; most steps share the run's empty verdict. */
static GPtrArray *step_violations(struct gms_runner *r, struct gms_run *run)
{
	GPtrArray *v;

	if (r->w)
		gms_check_step_into(r->w, r->check, r->scratch);
	if (!r->scratch->len)
		return run->no_violations;
	v = r->scratch;
	r->scratch = gms_violations_new();
	return v;
}

/* Execute one op statement and judge it; false stops the run. */
static bool run_op(struct gms_runner *r, struct gms_run *run,
		   const struct gms_stmt *s)
{
	struct gms_result res = { 0 };
	struct gms_step *st = step_new(s);
	u32 bugs = r->w ? r->w->warn_log.count : 0;

	g_ptr_array_add(run->steps, st);
	if (r->w)
		gms_world_begin_step(r->w);
	s->op->exec(r, s, &res);
	if (r->w)
		gms_world_task_work_run(r->w);
	st->violations = step_violations(r, run);
	st->expected = outcome_text(run, &s->outcome);
	st->raw = outcome_of(run, &res);
	st->actual = actual_text(run, st->raw, &res);
	st->ok = outcome_matches(&s->outcome, &res);
	g_free(res.mismatch);
	g_free(res.note);
	if (res.not_applicable) {
		st->actual = st->raw = "n/a (model only)";
		st->ok = true;
		return true;
	}
	if (res.unsupported) {
		st->actual = st->raw = "unsupported";
		set_unsupported(run, st, res.unsupported);
		return false;
	}
	if (r->w && r->w->warn_log.count != bugs) {
		g_autofree char *why =
			g_strdup_printf("model bug at %s", r->w->warn_log.last);

		st->ok = false;
		set_reason(run, st, why);
		return false;
	}
	if (s->outcome.kind == GMS_OUT_VIOLATION) {
		if (!r->w) {
			set_unsupported(run, st, "invariants are the model's");
			return false;
		}
		st->ok = has_violation(st->violations, s->outcome.invariant);
		if (!st->ok) {
			set_reason(run, st,
				   st->violations->len ?
					   "another invariant broke" :
					   "the invariant held");
			return false;
		}
		st->actual = st->expected;
		run->violated = s->outcome.invariant;
		return false; /* the run stops at the violation, and passes */
	}
	if (st->violations->len) {
		struct gms_violation *first = st->violations->pdata[0];

		st->ok = false;
		st->actual =
			keep(run, g_strdup_printf("violation:%s", first->id));
		set_reason(run, st, "unexpected violation");
		return r->keep_going;
	}
	if (!st->ok) {
		set_reason(run, st, "wrong outcome");
		return r->keep_going;
	}
	return true;
}

static void run_end(struct gms_runner *r, struct gms_run *run)
{
	GPtrArray *v;
	struct gms_step *st;

	if (!r->w)
		return;
	v = gms_check_end(r->w);
	if (!v->len) {
		g_ptr_array_unref(v);
		return;
	}
	st = g_slice_new0(struct gms_step);
	st->text = "(end of scenario, every fd closed)";
	st->expected = "ok";
	st->actual = "violation:leak";
	st->violations = v;
	g_ptr_array_add(run->steps, st);
	run->verdict = GMS_FAIL;
	/* keep_going: an earlier wrong outcome stays the reason */
	if (!run->reason)
		run->reason = g_strdup("the leak invariant broke at the end");
}

/*
 * A policy line: the model takes any knob; another target only runs the
 * scenario if the line asks for what it is (its abi).
 */
static bool run_policy(struct gms_runner *r, struct gms_run *run,
		       const struct gms_stmt *s)
{
	for (int j = 0; j < s->nargs; j++) {
		const struct gms_arg *a = &s->args[j];

		if (r->w) {
			gms_policy_set(&r->w->policy, a->key, a->values[0]);
			r->w->dirty.all =
				true; /* what an invariant reads changed */
			continue;
		}
		if (g_str_equal(a->key, "abi") && r->t->abi &&
		    g_str_equal(a->values[0], r->t->abi))
			continue;
		/* a host with at least the nodes asked for runs the scenario */
		if (g_str_equal(a->key, "numa_nodes") &&
		    r->t->numa_nodes >=
			    g_ascii_strtoull(a->values[0], NULL, 10))
			continue;
		run->verdict = GMS_UNSUPPORTED;
		g_free(run->reason);
		run->reason = g_strdup_printf(
			"line %d: policy %s=%s: unsupported on this target",
			s->line, a->key, a->values[0]);
		return false;
	}
	return true;
}

struct gms_run *gms_run_new(struct gms_scenario *sc)
{
	struct gms_run *run = g_new0(struct gms_run, 1);

	run->path = g_strdup(sc->path);
	run->sc = sc;
	run->steps = g_ptr_array_new();
	run->strings = g_string_chunk_new(256);
	run->no_violations = gms_violations_new();
	/* the names are the scenario's strings: it outlives the run */
	run->names = g_hash_table_new(g_direct_hash, g_direct_equal);
	return run;
}

/* the predefined names: /dev/kvm's fd and fd 0 (both targets keep 0-2 open) */
static void define_fds(struct gms_runner *r)
{
	gms_runner_define(r, "dev_kvm",
			  (struct gms_handle){ .kind = GMS_H_FD,
					       .fd = r->kvm_fd });
	gms_runner_define(r, "stdin",
			  (struct gms_handle){ .kind = GMS_H_FD, .fd = 0 });
}

void gms_runner_init(struct gms_runner *r, struct gms_run *run,
		     struct gms_target *t)
{
	*r = (struct gms_runner){ .sc = run->sc, .t = t, .w = t->w };
	r->handles = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					   handle_free);
	r->slots = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					 g_free);
	r->tasks = NULL; /* from the first spawn: most scenarios have none */
	r->scratch = gms_violations_new();
	r->obj_names = run->names;
	r->kvm_fd = gms_target_open_kvm(r->t);
	define_fds(r);
}

void gms_runner_reset(struct gms_runner *r, struct gms_target *t)
{
	/* the tables stay: a search starts thousands of runs on one runner */
	g_hash_table_remove_all(r->handles);
	g_hash_table_remove_all(r->slots);
	if (r->tasks)
		g_hash_table_remove_all(r->tasks);
	g_ptr_array_set_size(r->scratch, 0);
	r->t = t;
	r->w = t->w;
	r->kvm_fd = gms_target_open_kvm(r->t);
	define_fds(r);
}

void gms_runner_fini(struct gms_runner *r)
{
	g_hash_table_unref(r->handles);
	g_hash_table_unref(r->slots);
	if (r->tasks)
		g_hash_table_unref(r->tasks);
	g_ptr_array_unref(r->scratch);
}

bool gms_runner_step(struct gms_runner *r, struct gms_run *run,
		     const struct gms_stmt *s)
{
	if (s->kind == GMS_STMT_POLICY)
		return r->ignore_policy || run_policy(r, run, s);
	return run_op(r, run, s);
}

static void run_all(struct gms_runner *r, struct gms_run *run)
{
	bool go = true;

	for (guint i = 0; go && i < run->sc->stmts->len; i++)
		go = gms_runner_step(r, run, run->sc->stmts->pdata[i]);
	if (go)
		run_end(r, run);
}

struct gms_run *gms_scenario_run(struct gms_scenario *sc,
				 const struct gms_policy *base)
{
	return gms_scenario_run_limited(sc, base, GMS_PHYSMEM_DEFAULT_PAGES);
}

struct gms_run *gms_scenario_run_opts(struct gms_scenario *sc,
				      const struct gms_policy *base,
				      const struct gms_run_opts *o)
{
	struct gms_run *run = gms_run_new(sc);
	struct gms_world *w = gms_world_new();
	struct gms_target *t = gms_model_target_new(w);
	struct gms_runner r;

	w->policy = *base;
	w->physmem.max_pages = o->max_pages ? o->max_pages :
					      GMS_PHYSMEM_DEFAULT_PAGES;
	gms_runner_name_world(w, run);
	gms_runner_init(&r, run, t);
	r.keep_going = o->keep_going;
	r.ignore_policy = o->ignore_policy;
	r.check = o->check;
	run_all(&r, run);
	gms_runner_fini(&r);
	gms_target_destroy(t);
	/* the world and its names outlive the runner, for reports */
	run->w = w;
	return run;
}

struct gms_run *gms_scenario_run_limited(struct gms_scenario *sc,
					 const struct gms_policy *base,
					 u64 max_pages)
{
	struct gms_run_opts o = { .max_pages = max_pages };

	return gms_scenario_run_opts(sc, base, &o);
}

struct gms_run *gms_scenario_run_fuzz(struct gms_scenario *sc,
				      const struct gms_policy *base,
				      u64 max_pages)
{
	struct gms_run_opts o = { .max_pages = max_pages, .keep_going = true };

	return gms_scenario_run_opts(sc, base, &o);
}

struct gms_run *gms_scenario_run_variant(struct gms_scenario *sc,
					 const struct gms_policy *policy)
{
	struct gms_run_opts o = { .keep_going = true, .ignore_policy = true };

	return gms_scenario_run_opts(sc, policy, &o);
}

bool gms_run_broke(const struct gms_run *run)
{
	if (run->w && run->w->warn_log.count)
		return true;
	for (guint i = 0; i < run->steps->len; i++) {
		const struct gms_step *st = run->steps->pdata[i];

		if (st->violations && st->violations->len)
			return true;
	}
	return false;
}

bool gms_runs_same(const struct gms_run *a, const struct gms_run *b)
{
	if (a->w->warn_log.count != b->w->warn_log.count ||
	    a->verdict != b->verdict || a->steps->len != b->steps->len)
		return false;
	for (guint i = 0; i < a->steps->len; i++) {
		const struct gms_step *x = a->steps->pdata[i];
		const struct gms_step *y = b->steps->pdata[i];

		if (g_strcmp0(x->actual, y->actual) ||
		    !gms_violations_same(x->violations, y->violations))
			return false;
	}
	return true;
}

struct gms_run *gms_scenario_run_target(struct gms_scenario *sc,
					struct gms_target *t)
{
	struct gms_run *run = gms_run_new(sc);
	struct gms_runner r;

	gms_runner_init(&r, run, t);
	run_all(&r, run);
	gms_runner_fini(&r);
	return run;
}

void gms_run_free(struct gms_run *run)
{
	if (!run)
		return;
	g_free(run->path);
	g_free(run->reason);
	steps_free(run);
	gms_world_free(run->w);
	g_hash_table_unref(run->names);
	g_string_chunk_free(run->strings);
	g_ptr_array_unref(run->no_violations);
	g_free(run);
}
