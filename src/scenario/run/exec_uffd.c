// SPDX-License-Identifier: GPL-2.0
/*
 * userfaultfd on guest_memfd mappings (uffd=, a posted series): register,
 * UFFDIO_COPY, UFFDIO_CONTINUE. The model only: the kernel target does not
 * run a scenario that sets uffd= (no kernel has the series).
 */
#include <gmemsim/uapi.h>

#include "runner_internal.h"

void gms_exec_host_uffd(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	const char *op = s->op->verb + 10; /* after "host.uffd_" */
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	u64 off = gms_stmt_num(s, "offset", 0);
	u64 addr = gms_mapping_addr(h, off);

	if (!r->w) {
		res->unsupported =
			"userfaultfd on guest_memfd is a posted series";
		return;
	}
	if (g_str_equal(op, "register"))
		gms_result_set(
			res,
			gms_sys_uffd_register(
				r->w, addr,
				gms_stmt_num(s, "len",
					     h->len > off ? h->len - off : 0),
				(u32)gms_stmt_num(s, "mode", 0)));
	else if (g_str_equal(op, "copy"))
		gms_result_set(res,
			       gms_sys_uffd_copy(r->w, addr,
						 gms_stmt_num(s, "tag", 0)));
	else
		gms_result_set(res, gms_sys_uffd_continue(r->w, addr));
}
