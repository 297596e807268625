/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Security invariants (DESIGN.md section 4). Each is one predicate over the
 * world, written once and used by the runner, the tests and the fuzzers.
 */
#ifndef GMEMSIM_CHECK_H
#define GMEMSIM_CHECK_H

#include <glib.h>
#include <gmemsim/world.h>

struct gms_violation {
	const char *id; /* stable invariant id */
	char *message; /* "(rule) what broke" */
	GPtrArray *objects; /* char *: the objects involved */
};

typedef void (*gms_check_fn)(struct gms_world *w, GPtrArray *out);
struct gms_scope;
/* the same predicate over the units a step touched (check=incremental) */
typedef void (*gms_check_scope_fn)(struct gms_world *w,
				   const struct gms_scope *sc, GPtrArray *out);

/*
 * How the invariants run after a step. Incremental judges what the step
 * touched (dirty.h) and reports exactly what full reports: full walks the
 * whole world, as a reference and for the equivalence tests.
 */
enum gms_check_mode {
	GMS_CHECK_INCREMENTAL,
	GMS_CHECK_FULL,
	/* both, reporting full's; a difference is a model bug (for tests) */
	GMS_CHECK_VERIFY,
};

struct gms_invariant {
	const char *id;
	const char *summary;
	gms_check_fn check; /* NULL: named in DESIGN.md, not modelled yet */
	/* NULL: @check costs what the step did already (its records) */
	gms_check_scope_fn check_in;
	bool at_end_only; /* leak: only when every fd is closed */
	bool hw_only; /* over hardware state: holds trivially while it is idle */
};

const struct gms_invariant *gms_invariants(size_t *n);
const struct gms_invariant *gms_invariant_lookup(const char *id);

/* Run every per-step invariant; returns struct gms_violation * (owned). */
GPtrArray *gms_check_run(struct gms_world *w);
/* the same, appending to @out */
void gms_check_run_into(struct gms_world *w, GPtrArray *out);
/* after a step: every per-step invariant in @mode, appending to @out */
void gms_check_step_into(struct gms_world *w, enum gms_check_mode mode,
			 GPtrArray *out);
/* "incremental", "full" or "verify" to the mode; false for anything else */
bool gms_check_mode_parse(const char *s, enum gms_check_mode *mode);
/* Run one invariant by id; NULL if unknown. */
GPtrArray *gms_check_one(struct gms_world *w, const char *id);
/* Run the end-of-scenario invariants (leak) if every fd is closed. */
GPtrArray *gms_check_end(struct gms_world *w);

/* Record a violation; @objects is a NULL-terminated list of strings. */
struct gms_violation *gms_violation_add(GPtrArray *out, const char *id,
					const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);
void gms_violation_object(struct gms_violation *v, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);
void gms_violation_free(struct gms_violation *v);
/*
 * the same ids and messages in the same order; both lists exist (a step
 * always has one, empty for none: runner.c's step_violations())
 */
bool gms_violations_same(const GPtrArray *a, const GPtrArray *b);
GPtrArray *gms_violations_new(void);

#endif
