/* SPDX-License-Identifier: GPL-2.0 */
/* Small wrappers so each test reads like its selftest or table row. */
#ifndef GMEMSIM_TESTS_HELPERS_H
#define GMEMSIM_TESTS_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gmemsim/gmemsim.h>

#define PAGE GMS_PAGE_SIZE
#define SZ_2M (2ULL << 20)
#define KEEP FALLOC_FL_KEEP_SIZE
#define PUNCH (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)

struct fx {
	struct gms_world *w;
	int kvm; /* /dev/kvm */
};

static inline int fx_setup(void **state)
{
	struct fx *fx = g_new0(struct fx, 1);

	fx->w = gms_world_new();
	fx->kvm = gms_sys_open_kvm(fx->w);
	*state = fx;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *fx = *state;

	gms_world_free(fx->w);
	g_free(fx);
	return 0;
}

static inline int vm_new(struct fx *fx, enum gms_vm_type type)
{
	int fd = gms_sys_create_vm(fx->w, fx->kvm, type);

	assert_true(fd >= 0);
	return fd;
}

static inline int gmem_new(struct fx *fx, int vm, u64 size, u64 flags)
{
	int fd = gms_sys_create_guest_memfd(fx->w, vm, size, flags);

	assert_true(fd >= 0);
	return fd;
}

static inline int region(struct fx *fx, int vm, u32 slot, u32 flags, u64 gpa,
			 u64 size, u64 uaddr, int gmem, u64 offset)
{
	struct gms_userspace_memory_region2 r = {
		.slot = slot,
		.flags = flags,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = uaddr,
		.guest_memfd_offset = offset,
		.guest_memfd = (u32)gmem,
	};

	return gms_sys_set_user_memory_region2(fx->w, vm, &r);
}

static inline int gmem_slot(struct fx *fx, int vm, u32 slot, u64 gpa, u64 size,
			    int gmem, u64 offset)
{
	return region(fx, vm, slot, KVM_MEM_GUEST_MEMFD, gpa, size, 0, gmem,
		      offset);
}

static inline int set_attr(struct fx *fx, int vm, u64 gpa, u64 size, u64 attr)
{
	struct gms_memory_attributes a = {
		.address = gpa, .size = size, .attributes = attr, .flags = 0
	};

	return gms_sys_set_memory_attributes(fx->w, vm, &a);
}

static inline int guest_read(struct fx *fx, int vm, u64 gpa, u64 *tag,
			     struct gms_vcpu_exit *exit)
{
	return gms_vcpu_read(fx->w, vm, gpa, GMS_ACCESS_DEFAULT, tag, exit);
}

static inline int guest_write(struct fx *fx, int vm, u64 gpa, u64 tag,
			      struct gms_vcpu_exit *exit)
{
	return gms_vcpu_write(fx->w, vm, gpa, GMS_ACCESS_DEFAULT, tag, exit);
}

static inline struct gms_kvm *vm_of(struct fx *fx, int fd)
{
	return gms_fd_get(fx->w, fd)->obj;
}

static inline struct gms_gmem_file *file_of(struct fx *fx, int fd)
{
	return gms_fd_get(fx->w, fd)->obj;
}

/* Number of violations of @id right now (per-step invariants). */
static inline guint violations(struct fx *fx, const char *id)
{
	GPtrArray *v = gms_check_run(fx->w);
	guint n = 0;

	for (guint i = 0; i < v->len; i++)
		n += !g_strcmp0(((struct gms_violation *)v->pdata[i])->id, id);
	g_ptr_array_unref(v);
	return n;
}

static inline guint all_violations(struct fx *fx)
{
	GPtrArray *v = gms_check_run(fx->w);
	guint n = v->len;

	g_ptr_array_unref(v);
	return n;
}

#define FX_TEST(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

#endif
