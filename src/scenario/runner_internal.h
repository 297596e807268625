/* SPDX-License-Identifier: GPL-2.0 */
/* Runner state shared by the op implementations. */
#ifndef GMEMSIM_SRC_RUNNER_INTERNAL_H
#define GMEMSIM_SRC_RUNNER_INTERNAL_H

#include <gmemsim/scenario.h>

/* What a scenario name stands for at run time. */
struct gms_handle {
	enum gms_handle_kind kind;
	int fd; /* VM or guest_memfd fd; -1 if its creation failed */
	u64 addr, len; /* mappings */
	void *obj; /* struct gms_kvm * or struct gms_gmem_file *, kept for expect.* */
};

struct gms_runner {
	struct gms_world *w;
	struct gms_scenario *sc;
	int kvm_fd;
	GHashTable *handles; /* name -> struct gms_handle */
	GHashTable *obj_names; /* the run's names: "kind:id" -> name */
};

struct gms_handle *gms_runner_handle(struct gms_runner *r, const char *name);
/* The fd a name passes where a file descriptor is expected. */
int gms_runner_fd(struct gms_runner *r, const char *name);
void gms_runner_define(struct gms_runner *r, const char *name,
		       struct gms_handle h);
void gms_runner_name_object(struct gms_runner *r, enum gms_obj_kind kind,
			    u64 id, const char *name);
void gms_result_mismatch(struct gms_result *res, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);

/* op implementations, by subject */
void gms_exec_vm_create(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_vm_close(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res);
void gms_exec_gmem_create(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_gmem_close(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
void gms_exec_gmem_allocate(struct gms_runner *r, const struct gms_stmt *s,
			    struct gms_result *res);
void gms_exec_gmem_punch(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
void gms_exec_gmem_fallocate(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res);
void gms_exec_gmem_fileop(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_gmem_mmap(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_munmap(struct gms_runner *r, const struct gms_stmt *s,
		     struct gms_result *res);
void gms_exec_mmap_anon(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_host_access(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_memslot_set(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_memslot_delete(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res);
void gms_exec_memslot_move(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res);
void gms_exec_attr_set(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res);
void gms_exec_guest_access(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res);
void gms_exec_expect_page(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_expect_vm(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_expect_gmem(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_check(struct gms_runner *r, const struct gms_stmt *s,
		    struct gms_result *res);

#endif
