/* SPDX-License-Identifier: GPL-2.0 */
/* Runner state shared by the op implementations. */
#ifndef GMEMSIM_SRC_SCENARIO_RUN_RUNNER_INTERNAL_H
#define GMEMSIM_SRC_SCENARIO_RUN_RUNNER_INTERNAL_H

#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

#include "exec.h"

/* What a scenario name stands for at run time. */
struct gms_handle {
	enum gms_handle_kind kind;
	int fd; /* VM or guest_memfd fd; -1 if its creation failed */
	u64 addr, len; /* mappings */
	/*
	 * Pages of the mapping it has unmapped: a target may hand those
	 * addresses to a later mapping, which this name must not reach.
	 */
	struct gms_range_map unmapped;
	void *obj; /* struct gms_kvm * or struct gms_gmem_file *, kept for expect.* */
	/* guest_memfd mappings: the file's fd and the byte offset mapped at addr */
	int gmem_fd;
	u64 gmem_offset;
};

struct gms_runner {
	struct gms_target *t; /* what executes the ops */
	struct gms_world *w; /* the model's world; NULL on the kernel */
	struct gms_scenario *sc;
	int kvm_fd;
	GHashTable *handles; /* name -> struct gms_handle */
	GHashTable *obj_names; /* the run's names: "kind:id" -> name */
	GHashTable *slots; /* (vm fd, slot) -> the region last set there */
	bool keep_going; /* diff mode: a wrong outcome does not stop the run */
	bool ignore_policy; /* matrix: the variant's policy, not the scenario's lines */
	enum gms_check_mode check; /* the invariants after each step */
	GHashTable *
		tasks; /* task name -> GUINT_TO_POINTER(task id); NULL: none yet */
	GPtrArray *scratch; /* the invariants' verdicts on the step in progress */
	struct gms_handle none; /* what an undefined name stands for */
};

void gms_runner_init(struct gms_runner *r, struct gms_run *run,
		     struct gms_target *t);
/* The same run's names on @t, which starts empty: as init, without allocating */
void gms_runner_reset(struct gms_runner *r, struct gms_target *t);
void gms_runner_fini(struct gms_runner *r);
struct gms_run *gms_run_new(struct gms_scenario *sc);
/* Point the model's report names at @run. */
void gms_runner_name_world(struct gms_world *w, struct gms_run *run);
/* One statement; false stops the run (failure, violation, unsupported). */
bool gms_runner_step(struct gms_runner *r, struct gms_run *run,
		     const struct gms_stmt *s);
struct gms_handle *gms_runner_handle(struct gms_runner *r, const char *name);
/* The statement's first positional name (its VM, file or mapping). */
static inline const char *pos0(const struct gms_stmt *s)
{
	return s->pos[0];
}

/* expect.*: a mismatch when KEY= was given and differs from @actual */
void gms_expect_num(struct gms_result *res, const struct gms_stmt *s,
		    const char *key, u64 actual);

/* The fd a name passes where a file descriptor is expected. */
int gms_runner_fd(struct gms_runner *r, const char *name);
void gms_runner_define(struct gms_runner *r, const char *name,
		       struct gms_handle h);
void gms_runner_name_object(struct gms_runner *r, enum gms_obj_kind kind,
			    u64 id, const char *name);
void gms_result_mismatch(struct gms_result *res, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);
/* Record a target's return value: -errno, -GMS_ESIGBUS or -GMS_EUNSUPPORTED. */
void gms_result_set(struct gms_result *res, s64 ret);
void gms_result_set_status(struct gms_result *res, s64 ret);
/* Record the vCPU's exit, with its details. */
void gms_result_exit(struct gms_result *res, const struct gms_vcpu_exit *exit);
/* The op needs the model's internals (expect.*): say so on the kernel. */
bool gms_runner_needs_model(struct gms_runner *r, struct gms_result *res);
/*
 * The inode of the statement's guest_memfd (its first word) and the folio
 * at @index there (NULL: none, or the inode is gone); false, with the
 * result set, when the model does not run or the name is no guest_memfd
 */
struct gms_gmem_inode;
struct gms_folio;
bool gms_runner_gmem_folio(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res, u64 index,
			   struct gms_gmem_inode **inode,
			   struct gms_folio **folio);

struct gms_memory_attributes gms_stmt_mem_attributes(const struct gms_stmt *s);

/*
 * The address of byte @off of mapping @h: 0 (nothing is mapped there) when
 * @h is not a mapping or @off is past it or unmapped, as host.read has it.
 */
u64 gms_mapping_addr(const struct gms_handle *h, u64 off);
/* exec_numa.c: expect.page's node= and interleave_node= (every target) */
void gms_expect_page_node(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);

#endif
