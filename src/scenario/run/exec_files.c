// SPDX-License-Identifier: GPL-2.0
/* Ops on VM fds, guest_memfd fds and host mappings. */
#include "runner_internal.h"

void gms_exec_vm_create(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_handle h = { .kind = GMS_H_VM, .fd = -1 };
	int fd = gms_target_create_vm(r->t, r->kvm_fd,
				      gms_stmt_num(s, "type", GMS_VM_DEFAULT));

	if (fd < 0) {
		gms_result_set(res, fd);
	} else {
		h.fd = fd;
		if (r->w) {
			h.obj = gms_fd_get(r->w, fd)->obj;
			gms_runner_name_object(r, GMS_OBJ_KVM,
					       ((struct gms_kvm *)h.obj)->id,
					       pos0(s));
		}
	}
	gms_runner_define(r, pos0(s), h);
}

void gms_exec_vm_close(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res)
{
	gms_result_set(res, gms_target_close(r->t, gms_runner_fd(r, pos0(s))));
}

void gms_exec_gmem_create(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	struct gms_handle h = { .kind = GMS_H_GMEM, .fd = -1 };
	int vm = gms_runner_fd(r, gms_stmt_arg(s, "vm")->values[0]);
	int fd = gms_target_create_guest_memfd_order(
		r->t, vm, gms_stmt_num(s, "size", 0),
		gms_stmt_num(s, "flags", 0), gms_stmt_num(s, "page_order", 0));

	if (fd < 0) {
		gms_result_set(res, fd);
	} else if (r->w) {
		struct gms_gmem_file *f = gms_fd_get(r->w, fd)->obj;

		h.fd = fd;
		h.obj = f;
		gms_runner_name_object(r, GMS_OBJ_FILE, f->id, pos0(s));
		gms_runner_name_object(r, GMS_OBJ_INODE, f->inode->id, pos0(s));
	} else {
		h.fd = fd;
	}
	gms_runner_define(r, pos0(s), h);
}

void gms_exec_gmem_close(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	gms_result_set(res, gms_target_close(r->t, gms_runner_fd(r, pos0(s))));
}

static void fallocate(struct gms_runner *r, const struct gms_stmt *s, int mode,
		      struct gms_result *res)
{
	gms_result_set(
		res, gms_target_fallocate(r->t, gms_runner_fd(r, pos0(s)), mode,
					  (s64)gms_stmt_num(s, "offset", 0),
					  (s64)gms_stmt_num(s, "len", 0)));
}

void gms_exec_gmem_allocate(struct gms_runner *r, const struct gms_stmt *s,
			    struct gms_result *res)
{
	fallocate(r, s, FALLOC_FL_KEEP_SIZE, res);
}

void gms_exec_gmem_punch(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	fallocate(r, s, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, res);
}

void gms_exec_gmem_fallocate(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res)
{
	fallocate(r, s, (int)gms_stmt_num(s, "mode", 0), res);
}

/* read, write, pread, pwrite, lseek, truncate: dispatched on the verb */
void gms_exec_gmem_fileop(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	const char *op = s->op->verb + 5;
	int fd = gms_runner_fd(r, pos0(s));
	u64 len = gms_stmt_num(s, "len", 64);
	s64 pos = (s64)gms_stmt_num(s, "offset", 0);
	s64 ret;

	if (g_str_equal(op, "read"))
		ret = gms_target_read(r->t, fd, len);
	else if (g_str_equal(op, "write"))
		ret = gms_target_write(r->t, fd, len);
	else if (g_str_equal(op, "pread"))
		ret = gms_target_pread(r->t, fd, len, pos);
	else if (g_str_equal(op, "pwrite"))
		ret = gms_target_pwrite(r->t, fd, len, pos);
	else if (g_str_equal(op, "lseek"))
		ret = gms_target_lseek(r->t, fd, pos, 0);
	else
		ret = gms_target_ftruncate(r->t, fd,
					   (s64)gms_stmt_num(s, "size", 0));
	gms_result_set(res, ret < 0 ? ret : 0);
}

void gms_exec_gmem_mmap(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	const char *g = gms_stmt_arg(s, "gmem")->values[0];
	struct gms_handle h = { .kind = GMS_H_MAPPING, .fd = -1 };
	u32 prot = GMS_PROT_READ | GMS_PROT_WRITE;
	struct gms_stat st = { 0 };
	u64 len;
	int fd = gms_runner_fd(r, g), ret;

	if (gms_stmt_word(s, "exec"))
		prot |= GMS_PROT_EXEC;
	gms_target_fstat(r->t, fd, &st);
	len = gms_stmt_num(
		s, "len", st.size - MIN(st.size, gms_stmt_num(s, "offset", 0)));
	ret = gms_target_mmap(r->t, len, prot,
			      gms_stmt_word(s, "private") ? GMS_MAP_PRIVATE :
							    GMS_MAP_SHARED,
			      fd, gms_stmt_num(s, "offset", 0), &h.addr);
	if (ret)
		gms_result_set(res, ret);
	else
		h.len = len;
	h.gmem_fd = fd;
	h.gmem_offset = gms_stmt_num(s, "offset", 0);
	gms_runner_define(r, pos0(s), h);
}

void gms_exec_mmap_anon(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_handle h = { .kind = GMS_H_MAPPING, .fd = -1 };
	int ret =
		gms_target_mmap_anon(r->t, gms_stmt_num(s, "size", 0), &h.addr);

	if (ret)
		gms_result_set(res, ret);
	else
		h.len = gms_stmt_num(s, "size", 0);
	gms_runner_define(r, pos0(s), h);
}

/*
 * munmap() of the named mapping's own pages only, and only of those it has
 * not unmapped yet: their addresses may belong to a later mapping now.
 */
void gms_exec_munmap(struct gms_runner *r, const struct gms_stmt *s,
		     struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	u64 off = gms_stmt_num(s, "offset", 0);
	u64 len = gms_stmt_num(s, "len", h->len - MIN(h->len, off));
	u64 first, last, page;
	int ret = 0;

	if (h->kind != GMS_H_MAPPING || !h->addr) {
		res->err = EINVAL;
		return;
	}
	if ((off & (GMS_PAGE_SIZE - 1)) || !len) {
		gms_result_set(res,
			       -EINVAL); /* do_munmap(): unaligned or empty */
		return;
	}
	first = off >> GMS_PAGE_SHIFT;
	last = MIN(off + len < off ? G_MAXUINT64 : off + len, h->len);
	last = (last + GMS_PAGE_SIZE - 1) >> GMS_PAGE_SHIFT;
	/* the gaps between the ranges already unmapped, range by range */
	for (page = first; page < last && !ret;) {
		const struct gms_range *done =
			gms_range_map_find(&h->unmapped, page, last);
		/* copied: storing below may merge (free) that range */
		u64 end = done ? MAX(done->start, page) : last;
		u64 next = done ? MAX(done->end, end) : last;

		if (end > page) {
			ret = gms_target_munmap(
				r->t, h->addr + (page << GMS_PAGE_SHIFT),
				(end - page) << GMS_PAGE_SHIFT);
			if (!ret)
				gms_range_map_store(&h->unmapped, page, end, 1);
		}
		page = next;
	}
	gms_result_set(res, ret);
}

/* host.read / write / pin / unpin at offset= of a mapping */
void gms_exec_host_access(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	const char *op = s->op->verb + 5;
	u64 off = gms_stmt_num(s, "offset", 0);
	u64 addr = h->addr + off;

	/*
	 * Not a mapping, or outside it: address 0, where nothing is mapped
	 * (SIGSEGV). Where a neighbour lies is the target's business.
	 */
	if (h->kind != GMS_H_MAPPING || !h->addr || off >= h->len ||
	    gms_range_map_load(&h->unmapped, off >> GMS_PAGE_SHIFT))
		addr = 0;
	if (g_str_equal(op, "read")) {
		gms_result_set(res,
			       gms_target_host_read(r->t, addr, &res->value));
		res->has_value = !res->err && !res->sigbus && !res->uffd;
	} else if (g_str_equal(op, "write")) {
		gms_result_set(
			res, gms_target_host_write(r->t, addr,
						   gms_stmt_num(s, "tag", 0)));
	} else if (g_str_equal(op, "pin")) {
		gms_result_set(res, gms_target_host_pin(r->t, addr));
	} else {
		gms_result_set(res, gms_target_host_unpin(r->t, addr));
	}
}
