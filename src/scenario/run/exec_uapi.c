// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 18's ops: the uAPI the upstream guest_memfd selftests use that the
 * first round could not state (fstat, KVM_CHECK_EXTENSION, a memfd,
 * madvise, mlock, KVM_PRE_FAULT_MEMORY). Each is one call on the target.
 */
#include "runner_internal.h"

/* kvm.check_extension's cap= names, in the op table's order (lang/ops.c) */
static const u64 caps[] = {
	GMS_CAP_GUEST_MEMFD,	   GMS_CAP_GUEST_MEMFD_FLAGS,
	GMS_CAP_MEMORY_ATTRIBUTES, GMS_CAP_VM_TYPES,
	GMS_CAP_USER_MEMORY2,	   GMS_CAP_PRE_FAULT_MEMORY,
	GMS_CAP_MEMORY_FAULT_INFO,
};

/* madvise advice=, in the op table's order */
static const int advice[] = { GMS_MADV_DONTNEED, GMS_MADV_REMOVE,
			      GMS_MADV_COLLAPSE, GMS_MADV_HUGEPAGE };

/* gmem.fstat G [size=] [blksize=] [blocks=]: a field given must match */
void gms_exec_gmem_fstat(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	struct gms_stat st;
	int ret = gms_target_fstat(r->t, gms_runner_fd(r, pos0(s)), &st);

	gms_result_set(res, ret);
	if (ret)
		return;
	gms_expect_num(res, s, "size", st.size);
	gms_expect_num(res, s, "blksize", st.blksize);
	gms_expect_num(res, s, "blocks", st.blocks);
}

/* kvm.check_extension cap=NAME [vm=VM] => value:N; without vm=, on /dev/kvm */
void gms_exec_check_extension(struct gms_runner *r, const struct gms_stmt *s,
			      struct gms_result *res)
{
	const struct gms_arg *vm = gms_stmt_arg(s, "vm");
	int fd = vm ? gms_runner_fd(r, vm->values[0]) : r->kvm_fd;
	u64 cap = caps[gms_stmt_num(s, "cap", 0)];
	s64 ret = gms_target_check_extension(r->t, fd, cap);

	gms_result_set(res, ret < 0 ? ret : 0);
	res->has_number = ret >= 0;
	res->number = ret >= 0 ? (u64)ret : 0;
}

/* the errno a statement expects of its call: 0 for success */
static int expected_errno(const struct gms_stmt *s)
{
	return s->outcome.kind == GMS_OUT_ERRNO ? s->outcome.err : 0;
}

/*
 * vm.pre_fault VM gpa=A size=S [flags=N] [left=N]: one KVM_PRE_FAULT_MEMORY;
 * left= is the size the kernel leaves in the struct (partial progress). It
 * is the call's detail, compared when the call returned what the statement
 * expects: a wrong errno is itself the difference to report (and the one a
 * known difference of the host names).
 */
void gms_exec_pre_fault(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_pre_fault range = {
		.gpa = gms_stmt_num(s, "gpa", 0),
		.size = gms_stmt_num(s, "size", 0),
		.flags = gms_stmt_num(s, "flags", 0),
	};
	int ret = gms_target_vcpu_pre_fault(r->t, gms_runner_fd(r, pos0(s)),
					    &range);

	gms_result_set(res, ret);
	if (ret != -GMS_EUNSUPPORTED && -ret == expected_errno(s))
		gms_expect_num(res, s, "left", range.size);
}

/* host.memfd NAME size=S: a memfd, a name for any fd argument */
void gms_exec_host_memfd(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	struct gms_handle h = { .kind = GMS_H_FD, .fd = -1 };
	int fd = gms_target_memfd_create(r->t, gms_stmt_num(s, "size", 0));

	if (fd < 0)
		gms_result_set(res, fd);
	else
		h.fd = fd;
	gms_runner_define(r, pos0(s), h);
}

/*
 * The range [offset, offset + len) of mapping @h (the whole by default), as
 * host addresses. A name that is not a mapping is address 0, where nothing
 * is mapped (-ENOMEM for both calls).
 */
static void mapping_range(struct gms_handle *h, const struct gms_stmt *s,
			  u64 *addr, u64 *len)
{
	u64 off = gms_stmt_num(s, "offset", 0);

	*len = gms_stmt_num(s, "len", h->len - MIN(h->len, off));
	*addr = h->kind == GMS_H_MAPPING && h->addr ? h->addr + off : 0;
}

/* host.madvise M advice=... [offset=O len=L] */
void gms_exec_madvise(struct gms_runner *r, const struct gms_stmt *s,
		      struct gms_result *res)
{
	u64 addr, len;

	mapping_range(gms_runner_handle(r, pos0(s)), s, &addr, &len);
	gms_result_set(
		res, gms_target_madvise(r->t, addr, len,
					advice[gms_stmt_num(s, "advice", 0)]));
}

/* host.mlock / host.munlock M [offset=O len=L] */
void gms_exec_mlock(struct gms_runner *r, const struct gms_stmt *s,
		    struct gms_result *res)
{
	u64 addr, len;

	mapping_range(gms_runner_handle(r, pos0(s)), s, &addr, &len);
	gms_result_set(
		res, gms_target_mlock(r->t, addr, len,
				      g_str_equal(s->op->verb, "host.mlock")));
}
