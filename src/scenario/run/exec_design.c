// SPDX-License-Identifier: GPL-2.0
/* Ops of the design knobs' proposals (gmem.convert, gmem.link): model only. */
#include "runner_internal.h"

void gms_exec_gmem_convert(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res)
{
	u64 error_offset = 0;
	int ret;

	if (!r->w) {
		res->unsupported = "no in-place conversion upstream";
		return;
	}
	ret = gms_sys_gmem_convert(r->w, gms_runner_fd(r, pos0(s)),
				   gms_stmt_num(s, "offset", 0),
				   gms_stmt_num(s, "len", 0),
				   gms_stmt_num(s, "to", 0), &error_offset);
	/* the ioctl returns 0 or -errno: a positive return is a difference */
	gms_result_set_status(res, ret);
	/* KVM_SET_MEMORY_ATTRIBUTES2 writes error_offset back on -EAGAIN */
	if (ret == -EAGAIN) {
		res->has_offset = true;
		res->offset = error_offset;
	}
}

void gms_exec_gmem_link(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_handle h = { .kind = GMS_H_GMEM, .fd = -1 };
	int fd;

	if (!r->w) {
		res->unsupported = "no guest_memfd link upstream";
		gms_runner_define(r, pos0(s), h);
		return;
	}
	fd = gms_sys_gmem_link(
		r->w, gms_runner_fd(r, gms_stmt_arg(s, "from")->values[0]),
		gms_runner_fd(r, gms_stmt_arg(s, "vm")->values[0]));
	if (fd < 0) {
		gms_result_set(res, fd);
	} else {
		struct gms_gmem_file *f = gms_fd_get(r->w, fd)->obj;

		h.fd = fd;
		h.obj = f;
		gms_runner_name_object(r, GMS_OBJ_FILE, f->id, pos0(s));
	}
	gms_runner_define(r, pos0(s), h);
}
