/* SPDX-License-Identifier: GPL-2.0 */
/* The design matrix (DESIGN.md section 7): scenarios x policy variants. */
#ifndef GMEMSIM_MATRIX_H
#define GMEMSIM_MATRIX_H

#include <stdio.h>

#include <gmemsim/scenario.h>

enum gms_cell_kind {
	GMS_CELL_PASS, /* every outcome as the scenario expects, nothing broke */
	GMS_CELL_DIFFERS, /* nothing broke, but an outcome changed */
	GMS_CELL_VIOLATION, /* an invariant broke (expected or not) */
	GMS_CELL_UNSUPPORTED,
	GMS_CELL_MODEL_BUG,
};

struct gms_matrix_cell {
	enum gms_cell_kind kind;
	char *invariants; /* GMS_CELL_VIOLATION: "id,id" in order of breaking */
	char *reason; /* the first wrong outcome (or why unsupported) */
	char *trace; /* the run's trace, for every cell but a pass */
};

struct gms_matrix_variant {
	char *name; /* "default", "knob=value" or "k=v k=v" (a scenario's combination) */
	struct gms_policy policy;
};

struct gms_matrix {
	GArray *variants; /* struct gms_matrix_variant */
	GPtrArray *scenarios; /* char *: the scenario paths */
	struct gms_matrix_cell *cells; /* [scenario * variants->len + variant] */
};

typedef void (*gms_matrix_progress)(void *data, guint done, guint total);

/* Run every scenario of @scs under every variant. */
struct gms_matrix *gms_matrix_run(GPtrArray *scs, gms_matrix_progress progress,
				  void *data);
/* The same with the invariants checked in @mode (check.h). */
struct gms_matrix *gms_matrix_run_mode(GPtrArray *scs, enum gms_check_mode mode,
				       gms_matrix_progress progress,
				       void *data);
void gms_matrix_free(struct gms_matrix *m);
static inline struct gms_matrix_cell *
gms_matrix_cell(const struct gms_matrix *m, guint scenario, guint variant)
{
	return &m->cells[scenario * m->variants->len + variant];
}
/* whether the cell broke invariant @id */
bool gms_matrix_cell_broke(const struct gms_matrix_cell *c, const char *id);
/* @format: text, markdown, json or html; false for an unknown format */
bool gms_matrix_print(const struct gms_matrix *m, const char *format,
		      FILE *out);

#endif
