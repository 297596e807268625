// SPDX-License-Identifier: GPL-2.0
/* Ops on a VM: memslots, memory attributes, vCPU accesses. */
#include "runner_internal.h"

static u32 slot_field(const struct gms_stmt *s)
{
	return (u32)(gms_stmt_num(s, "as", 0) << 16) |
	       (u32)(gms_stmt_num(s, "slot", 0) & 0xffff);
}

/* uaddr=M names a mapping (its start address), or is a number */
static u64 uaddr_of(struct gms_runner *r, const struct gms_stmt *s)
{
	const struct gms_arg *a = gms_stmt_arg(s, "uaddr");

	if (!a)
		return 0;
	if (g_hash_table_contains(r->handles, a->values[0]))
		return gms_runner_handle(r, a->values[0])->addr;
	return a->num;
}

/*
 * The fd in the low half: g_direct_hash() keeps only those 32 bits, and slot
 * 0 of every VM on one hash made each memslot.set walk all the others.
 */
static gpointer slot_key(int fd, u32 slot)
{
	return GSIZE_TO_POINTER(((gsize)slot << 32) | (u32)fd);
}

/* Set the region, and remember what is in the slot for memslot.move. */
static void region(struct gms_runner *r, const struct gms_stmt *s,
		   const struct gms_userspace_memory_region2 *m,
		   struct gms_result *res)
{
	int fd = gms_runner_fd(r, pos0(s));
	/* ioctl=v1: KVM_SET_USER_MEMORY_REGION, the struct without gmem fields */
	int ret = gms_stmt_num(s, "ioctl", 1) == 0 ?
			  gms_target_set_user_memory_region(r->t, fd, m) :
			  gms_target_set_user_memory_region2(r->t, fd, m);
	gpointer key;

	gms_result_set_status(res, ret); /* the ioctl's success is 0 */
	if (ret)
		return;
	key = slot_key(fd, m->slot);
	if (m->memory_size) {
		g_hash_table_insert(r->slots, key, g_memdup2(m, sizeof(*m)));
		return;
	}
	g_hash_table_remove(r->slots, key);
}

/*
 * flags= is passed as written; without it, gmem= implies
 * KVM_MEM_GUEST_MEMFD, as the DESIGN.md example expects.
 */
void gms_exec_memslot_set(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	const struct gms_arg *g = gms_stmt_arg(s, "gmem");
	struct gms_userspace_memory_region2 m = {
		.slot = slot_field(s),
		.guest_phys_addr = gms_stmt_num(s, "gpa", 0),
		.memory_size = gms_stmt_num(s, "size", 0),
		.userspace_addr = uaddr_of(r, s),
		.guest_memfd_offset = gms_stmt_num(s, "offset", 0),
		.guest_memfd = g ? (u32)gms_runner_fd(r, g->values[0]) :
				   (u32)-1,
	};

	m.flags = gms_stmt_arg(s, "flags") ? (u32)gms_stmt_num(s, "flags", 0) :
		  g			   ? KVM_MEM_GUEST_MEMFD :
					     0;
	region(r, s, &m, res);
}

void gms_exec_memslot_delete(struct gms_runner *r, const struct gms_stmt *s,
			     struct gms_result *res)
{
	struct gms_userspace_memory_region2 m = { .slot = slot_field(s),
						  .guest_memfd = (u32)-1 };

	region(r, s, &m, res);
}

/*
 * Re-issue the slot as it was last set, with a new gpa, as userspace would;
 * for a slot that was never set that is a delete of nothing (-EINVAL).
 */
void gms_exec_memslot_move(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res)
{
	struct gms_userspace_memory_region2 m = { .slot = slot_field(s),
						  .guest_memfd = (u32)-1 };
	const struct gms_userspace_memory_region2 *old = g_hash_table_lookup(
		r->slots, slot_key(gms_runner_fd(r, pos0(s)), m.slot));

	if (old) {
		m = *old;
		m.guest_phys_addr = gms_stmt_num(s, "gpa", 0);
	}
	region(r, s, &m, res);
}

/* attr.set's arguments as the ioctl's struct */
struct gms_memory_attributes gms_stmt_mem_attributes(const struct gms_stmt *s)
{
	u64 dflt = gms_stmt_word(s, "private") ? KVM_MEMORY_ATTRIBUTE_PRIVATE :
						 0;

	return (struct gms_memory_attributes){
		.address = gms_stmt_num(s, "gpa", 0),
		.size = gms_stmt_num(s, "size", 0),
		.attributes = gms_stmt_num(s, "attributes", dflt),
		.flags = gms_stmt_num(s, "flags", 0),
	};
}

void gms_exec_attr_set(struct gms_runner *r, const struct gms_stmt *s,
		       struct gms_result *res)
{
	struct gms_memory_attributes a = gms_stmt_mem_attributes(s);
	int ret = gms_target_set_memory_attributes(
		r->t, gms_runner_fd(r, pos0(s)), &a);

	gms_result_set(res, ret);
}

void gms_exec_guest_access(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res)
{
	enum gms_access_kind kind = GMS_ACCESS_DEFAULT;
	int fd = gms_runner_fd(r, pos0(s));
	u64 gpa = gms_stmt_num(s, "gpa", 0);
	struct gms_vcpu_exit exit;
	int ret;

	if (gms_stmt_word(s, "private"))
		kind = GMS_ACCESS_PRIVATE;
	else if (gms_stmt_word(s, "shared"))
		kind = GMS_ACCESS_SHARED;
	if (g_str_equal(s->op->verb, "guest.read"))
		ret = gms_target_vcpu_read(r->t, fd, gpa, kind, &res->value,
					   &exit);
	else
		ret = gms_target_vcpu_write(r->t, fd, gpa, kind,
					    gms_stmt_num(s, "tag", 0), &exit);
	gms_result_set(res, ret);
	gms_result_exit(res, &exit);
	res->has_value = !ret && exit.reason == GMS_EXIT_NONE &&
			 g_str_equal(s->op->verb, "guest.read");
}
