// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel developer's own cmocka test, built outside gmemsim's tree against
 * the installed libgmemsim (pkg-config gmemsim): a VM, a guest_memfd, a
 * memslot binding it, a guest write that faults a page in, then the page
 * cache's state and the invariants. The model's calls take the uAPI's
 * arguments (include/gmemsim/uapi.h), as a selftest's ioctls do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gmemsim/gmemsim.h>

#define GPA 0x100000ULL
#define SECRET 0x5ec

struct fx {
	struct gms_world *w;
	int kvm; /* open("/dev/kvm") */
	int vm, gmem;
};

/* no violation of any invariant in the world as it stands */
static guint violations(struct gms_world *w, const char *id)
{
	GPtrArray *v = gms_check_run(w);
	guint n = 0;

	for (guint i = 0; i < v->len; i++) {
		const struct gms_violation *x = v->pdata[i];

		n += !id || !g_strcmp0(x->id, id);
	}
	g_ptr_array_unref(v);
	return n;
}

/* KVM_SET_USER_MEMORY_REGION2 with KVM_MEM_GUEST_MEMFD */
static int bind(struct fx *fx, int vm, int gmem)
{
	struct gms_userspace_memory_region2 r = {
		.slot = 0,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = GPA,
		.memory_size = 2 * GMS_PAGE_SIZE,
		.guest_memfd = (u32)gmem,
	};

	return gms_sys_set_user_memory_region2(fx->w, vm, &r);
}

/* KVM_SET_MEMORY_ATTRIBUTES: the two pages private */
static int make_private(struct fx *fx, int vm)
{
	struct gms_memory_attributes a = {
		.address = GPA,
		.size = 2 * GMS_PAGE_SIZE,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE,
	};

	return gms_sys_set_memory_attributes(fx->w, vm, &a);
}

/* a sw_protected VM whose first private page the guest wrote */
static int setup(void **state)
{
	struct fx *fx = g_new0(struct fx, 1);
	struct gms_vcpu_exit e;

	fx->w = gms_world_new();
	fx->kvm = gms_sys_open_kvm(fx->w);
	fx->vm = gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_SW_PROTECTED);
	fx->gmem =
		gms_sys_create_guest_memfd(fx->w, fx->vm, 2 * GMS_PAGE_SIZE, 0);
	*state = fx;
	if (fx->vm < 0 || fx->gmem < 0 || bind(fx, fx->vm, fx->gmem) ||
	    make_private(fx, fx->vm))
		return -1;
	return gms_vcpu_write(fx->w, fx->vm, GPA, GMS_ACCESS_DEFAULT, SECRET,
			      &e);
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	gms_world_free(fx->w);
	g_free(fx);
	return 0;
}

/* the fault allocated one zeroed folio at index 0, and nothing else */
static void test_fault_allocates_folio(void **state)
{
	struct fx *fx = *state;
	struct gms_gmem_file *f = gms_fd_get(fx->w, fx->gmem)->obj;
	struct gms_folio *folio = gms_page_cache_lookup(&f->inode->pages, 0);
	struct gms_vcpu_exit e;
	u64 tag = 0;

	assert_non_null(folio);
	assert_true(folio->uptodate);
	assert_null(gms_page_cache_lookup(&f->inode->pages, 1));
	assert_int_equal(gms_page_cache_count(&f->inode->pages), 1);
	assert_int_equal(gms_vcpu_read(fx->w, fx->vm, GPA, GMS_ACCESS_DEFAULT,
				       &tag, &e),
			 0);
	assert_int_equal(e.reason, GMS_EXIT_NONE);
	assert_int_equal(tag, SECRET);
	assert_int_equal(violations(fx->w, NULL), 0);
}

/* upstream refuses a second VM's binding (kvm_gmem_bind(): f->kvm != kvm) */
static void test_other_vm_cannot_bind(void **state)
{
	struct fx *fx = *state;
	int other = gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_SW_PROTECTED);
	struct gms_userspace_memory_region2 del = { .slot = 0 };

	assert_true(other >= 0);
	assert_int_equal(gms_sys_set_user_memory_region2(fx->w, fx->vm, &del),
			 0);
	assert_int_equal(bind(fx, other, fx->gmem), -EINVAL);
	assert_int_equal(violations(fx->w, NULL), 0);
}

/* seed 004's proposal, bind=unrestricted: the invariant catches the leak */
static void test_unrestricted_bind_leaks(void **state)
{
	struct fx *fx = *state;
	int other = gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_SW_PROTECTED);
	struct gms_userspace_memory_region2 del = { .slot = 0 };
	struct gms_vcpu_exit e;
	u64 tag = 0;

	assert_int_equal(gms_policy_set(&fx->w->policy, "bind", "unrestricted"),
			 0);
	assert_int_equal(gms_sys_set_user_memory_region2(fx->w, fx->vm, &del),
			 0);
	assert_int_equal(bind(fx, other, fx->gmem), 0);
	assert_int_equal(make_private(fx, other), 0);
	assert_int_equal(violations(fx->w, NULL), 0);
	gms_world_begin_step(fx->w);
	assert_int_equal(gms_vcpu_read(fx->w, other, GPA, GMS_ACCESS_DEFAULT,
				       &tag, &e),
			 0);
	assert_int_equal(tag, SECRET);
	assert_true(violations(fx->w, "confidentiality") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fault_allocates_folio,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_vm_cannot_bind,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_unrestricted_bind_leaks,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
