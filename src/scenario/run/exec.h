/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The op implementations the language's op table names (lang/ops.c): one
 * per verb, and the tasks spawn, step and finish (the parser's keywords).
 * They run on a struct gms_runner (runner_internal.h).
 */
#ifndef GMEMSIM_SRC_SCENARIO_RUN_EXEC_H
#define GMEMSIM_SRC_SCENARIO_RUN_EXEC_H

#include <gmemsim/scenario.h>

/* tasks: the statements and the ops that can be spawned */
extern const struct gms_op_spec gms_op_spawn, gms_op_step, gms_op_finish;
struct gms_task *gms_spawn_guest_access(struct gms_runner *r,
					const struct gms_stmt *s);
struct gms_task *gms_spawn_gmem_convert(struct gms_runner *r,
					const struct gms_stmt *s);
struct gms_task *gms_spawn_gmem_punch(struct gms_runner *r,
				      const struct gms_stmt *s);
struct gms_task *gms_spawn_memslot_delete(struct gms_runner *r,
					  const struct gms_stmt *s);
struct gms_task *gms_spawn_attr_set(struct gms_runner *r,
				    const struct gms_stmt *s);
struct gms_task *gms_spawn_gmem_close(struct gms_runner *r,
				      const struct gms_stmt *s);

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
void gms_exec_expect_folio(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res);
void gms_exec_expect_page(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_expect_vm(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_expect_gmem(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_check(struct gms_runner *r, const struct gms_stmt *s,
		    struct gms_result *res);
void gms_exec_gmem_convert(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res);
void gms_exec_gmem_link(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_populate(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res);
void gms_exec_finalize(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res);
void gms_exec_accept(struct gms_runner *r, const struct gms_stmt *s,
		     struct gms_result *res);
void gms_exec_host_kernel(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_move_enc_context(struct gms_runner *r, const struct gms_stmt *s,
			       struct gms_result *res);
void gms_exec_expect_mapping(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res);
void gms_exec_expect_sept(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_expect_pkvm(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res);
void gms_exec_expect_rmp(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
/* exec_numa.c: NUMA mempolicy */
void gms_exec_host_mbind(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
void gms_exec_expect_mempolicy(struct gms_runner *r, const struct gms_stmt *s,
			       struct gms_result *res);
/* exec_uffd.c: userfaultfd (uffd=) */
void gms_exec_host_uffd(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
/* exec_uapi.c: issue 18's ops */
void gms_exec_gmem_fstat(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
void gms_exec_check_extension(struct gms_runner *r, const struct gms_stmt *s,
			      struct gms_result *res);
void gms_exec_pre_fault(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res);
void gms_exec_host_memfd(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res);
void gms_exec_madvise(struct gms_runner *r, const struct gms_stmt *s,
		      struct gms_result *res);
void gms_exec_mlock(struct gms_runner *r, const struct gms_stmt *s,
		    struct gms_result *res);

#endif
