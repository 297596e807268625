// SPDX-License-Identifier: GPL-2.0
/*
 * Ops of launch and of the host kernel's own accesses, and the hardware
 * assertions. They act on the model: the kernel target reports them as
 * unsupported (changes) or not applicable (assertions).
 */
#include <string.h>

#include "runner_internal.h"

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
	u64 tag = gms_stmt_num(s, "tag", 0);

	if (!model_op(r, res))
		return;
	/* no tag=: no source page (the series' in-place population) */
	gms_result_set(res,
		       gms_sys_populate(r->w, gms_runner_fd(r, pos0(s)),
					gms_stmt_num(s, "offset", 0),
					gms_stmt_arg(s, "tag") ? &tag : NULL));
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
	const struct gms_arg *level = gms_stmt_arg(s, "level");

	if (!model_op(r, res))
		return;
	gms_result_set(res, gms_vcpu_accept(r->w, gms_runner_fd(r, pos0(s)),
					    gms_stmt_num(s, "gpa", 0),
					    level ? (int)level->num : GMS_PG_4K,
					    &exit));
	gms_result_exit(res, &exit);
}

/* host.kernel_read, host.kvm_map, host.direct_read/write, host.migrate */
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
	else if (g_str_equal(op, "kvm_map"))
		ret = gms_host_kvm_map(r->w, fd, gms_stmt_num(s, "gpa", 0),
				       &res->value);
	else if (g_str_equal(op, "direct_read"))
		ret = gms_host_direct_read(
			r->w, fd, gms_stmt_num(s, "offset", 0), &res->value);
	else if (g_str_equal(op, "direct_write"))
		ret = gms_host_direct_write(r->w, fd,
					    gms_stmt_num(s, "offset", 0),
					    gms_stmt_num(s, "tag", 0));
	else
		ret = gms_host_migrate(r->w, fd, gms_stmt_num(s, "offset", 0));
	gms_result_set(res, ret);
	res->has_value = !ret && (strstr(op, "read") || strstr(op, "map"));
}

/* expect.rmp G offset=O: the RMP entry of the folio there (none: hypervisor-owned) */
void gms_exec_expect_rmp(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	u64 index = gms_stmt_num(s, "offset", 0) >> GMS_PAGE_SHIFT;
	struct gms_gmem_inode *inode;
	struct gms_folio *folio;
	struct gms_rmp_entry e = { 0 };

	if (!gms_runner_gmem_folio(r, s, res, index, &inode, &folio))
		return;
	if (folio)
		e = gms_rmp_lookup(&r->w->hw.rmp,
				   gms_folio_file_pfn(folio, index));
	gms_expect_num(res, s, "assigned", e.assigned);
	gms_expect_num(res, s, "asid", e.asid);
	gms_expect_num(res, s, "validated", e.validated);
	gms_expect_num(res, s, "immutable", e.immutable);
	gms_expect_num(res, s, "pagesize", e.pagesize);
}

/* expect.mapping VM gpa=A [present=] [level=]: the leaf mapping that gpa */
void gms_exec_expect_mapping(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	struct gms_kvm *kvm = h->obj;
	struct gms_spte *spte;

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_VM || !kvm) {
		gms_result_mismatch(res, "'%s' is not a VM", pos0(s));
		return;
	}
	spte = gms_kvm_lookup_spte(kvm,
				   gms_stmt_num(s, "gpa", 0) >> GMS_PAGE_SHIFT);
	gms_expect_num(res, s, "present", spte != NULL);
	if (gms_stmt_arg(s, "level") && !spte && !res->mismatch)
		gms_result_mismatch(res, "no leaf maps it");
	else if (spte)
		gms_expect_num(res, s, "level", spte->level);
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

static const struct gms_flag_name sept_states[] = {
	{ "free", SEPT_FREE },
	{ "mapped", SEPT_MAPPED },
	{ "blocked", SEPT_BLOCKED },
	{ "pending", SEPT_PENDING },
	{ "pending_blocked", SEPT_PENDING_BLOCKED },
	{ NULL, 0 },
};

/* expect.sept VM gpa=A state=...: the TD's S-EPT leaf there */
void gms_exec_expect_sept(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	struct gms_kvm *kvm = h->obj;
	struct gms_td *td;
	struct gms_sept_entry e = { 0 };
	const struct gms_arg *want = gms_stmt_arg(s, "state");

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_VM || !kvm || kvm->arch->type != GMS_VM_TDX) {
		gms_result_mismatch(res, "'%s' is not a TDX VM", pos0(s));
		return;
	}
	td = gms_tdx_td(&r->w->hw.tdx, kvm->arch_page);
	if (td)
		e = gms_tdx_sept(td, gms_stmt_num(s, "gpa", 0));
	if (want && sept_states[want->num].bit != e.state)
		gms_result_mismatch(res, "state=%s (expected %s)",
				    sept_states[e.state].name, want->values[0]);
	gms_expect_num(res, s, "level", e.level);
}

/* expect.pkvm G offset=O [owner=host|hyp|VM] [state=...]: the page's host view */
void gms_exec_expect_pkvm(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	static const char *const states[] = { "owned", "shared_owned",
					      "shared_borrowed", "nopage" };
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	const struct gms_arg *state = gms_stmt_arg(s, "state");
	const struct gms_arg *owner = gms_stmt_arg(s, "owner");
	struct gms_folio *folio = NULL;
	struct gms_hyp_page p;
	const char *who;

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_GMEM || !h->obj) {
		gms_result_mismatch(res, "'%s' is not a guest_memfd", pos0(s));
		return;
	}
	if (!((struct gms_gmem_file *)h->obj)->inode->freed)
		folio = gms_gmem_lookup_folio(
			((struct gms_gmem_file *)h->obj)->inode,
			gms_stmt_num(s, "offset", 0) >> GMS_PAGE_SHIFT);
	p = folio ? gms_pkvm_page(&r->w->hw.pkvm,
				  gms_folio_file_pfn(
					  folio, gms_stmt_num(s, "offset", 0) >>
							 GMS_PAGE_SHIFT)) :
		    (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED };
	if (state && strcmp(states[p.host_state & 3], state->values[0]))
		gms_result_mismatch(res, "state=%s (expected %s)",
				    states[p.host_state & 3], state->values[0]);
	who = p.host_state != PKVM_NOPAGE ? "host" :
	      p.owner == PKVM_ID_HYP	  ? "hyp" :
					    NULL;
	if (owner && !res->mismatch) {
		struct gms_handle *vm = gms_runner_handle(r, owner->values[0]);
		bool match =
			who ? !strcmp(who, owner->values[0]) :
			      vm->kind == GMS_H_VM && vm->obj &&
					((struct gms_kvm *)vm->obj)->arch_id ==
						p.handle;

		if (!match)
			gms_result_mismatch(res, "owner is %s (expected %s)",
					    who ? who : "a guest",
					    owner->values[0]);
	}
}
