// SPDX-License-Identifier: GPL-2.0
/*
 * Ops of launch and of the host kernel's own accesses, and the hardware
 * assertions. They act on the model: the kernel target reports them as
 * unsupported (changes) or not applicable (assertions).
 */
#include "runner_internal.h"

static const char *pos0(const struct gms_stmt *s)
{
	return s->pos[0];
}

/* A state-changing op only the model can carry out. */
static bool model_op(struct gms_runner *r, struct gms_result *res)
{
	if (r->w)
		return true;
	res->unsupported = "only the model carries out this op";
	return false;
}

void gms_exec_populate(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res)
{
	if (!model_op(r, res))
		return;
	gms_result_set(res, gms_sys_populate(r->w, gms_runner_fd(r, pos0(s)),
					     gms_stmt_num(s, "offset", 0),
					     gms_stmt_num(s, "tag", 0)));
}

void gms_exec_finalize(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res)
{
	if (!model_op(r, res))
		return;
	gms_result_set(res, gms_sys_finalize(r->w, gms_runner_fd(r, pos0(s))));
}

void gms_exec_accept(struct gms_runner *r, const struct gms_stmt *s,
		     struct gms_result *res)
{
	struct gms_vcpu_exit exit = { 0 };

	if (!model_op(r, res))
		return;
	gms_result_set(res, gms_vcpu_accept(r->w, gms_runner_fd(r, pos0(s)),
					    gms_stmt_num(s, "gpa", 0), &exit));
	res->exit = exit.reason;
}

/* host.kernel_read, host.direct_read, host.migrate */
void gms_exec_host_kernel(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	const char *op = s->op->verb + 5;
	int fd = gms_runner_fd(r, pos0(s));
	int ret;

	if (!model_op(r, res))
		return;
	if (g_str_equal(op, "kernel_read"))
		ret = gms_host_kernel_read(r->w, fd, gms_stmt_num(s, "gpa", 0),
					   &res->value);
	else if (g_str_equal(op, "direct_read"))
		ret = gms_host_direct_read(
			r->w, fd, gms_stmt_num(s, "offset", 0), &res->value);
	else
		ret = gms_host_migrate(r->w, fd, gms_stmt_num(s, "offset", 0));
	gms_result_set(res, ret);
	res->has_value = !ret && !g_str_equal(op, "migrate");
}

static void expect_field(struct gms_result *res, const struct gms_stmt *s,
			 const char *key, u64 actual)
{
	const struct gms_arg *a = gms_stmt_arg(s, key);

	if (a && a->num != actual && !res->mismatch)
		gms_result_mismatch(res,
				    "%s=%" G_GUINT64_FORMAT
				    " (expected %" G_GUINT64_FORMAT ")",
				    key, actual, a->num);
}

/* expect.rmp G offset=O: the RMP entry of the folio there (none: hypervisor-owned) */
void gms_exec_expect_rmp(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	struct gms_gmem_inode *inode;
	struct gms_folio *folio = NULL;
	struct gms_rmp_entry e = { 0 };

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_GMEM || !h->obj) {
		gms_result_mismatch(res, "'%s' is not a guest_memfd", pos0(s));
		return;
	}
	inode = ((struct gms_gmem_file *)h->obj)->inode;
	if (!inode->freed)
		folio = gms_gmem_lookup_folio(
			inode, gms_stmt_num(s, "offset", 0) >> GMS_PAGE_SHIFT);
	if (folio)
		e = gms_rmp_lookup(&r->w->hw.rmp, folio->pfn);
	expect_field(res, s, "assigned", e.assigned);
	expect_field(res, s, "asid", e.asid);
	expect_field(res, s, "validated", e.validated);
	expect_field(res, s, "immutable", e.immutable);
}

void gms_exec_move_enc_context(struct gms_runner *r, const struct gms_stmt *s,
			       struct gms_result *res)
{
	if (!model_op(r, res))
		return;
	gms_result_set(
		res,
		gms_sys_move_enc_context(
			r->w, gms_runner_fd(r, pos0(s)),
			gms_runner_fd(r, gms_stmt_arg(s, "from")->values[0])));
}
