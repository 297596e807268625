// SPDX-License-Identifier: GPL-2.0
/* Objects, references and lifetimes: gmem_uapi.md 1.2-1.3, selftest 3.D.26. */
#include "helpers.h"

#define P KVM_MEMORY_ATTRIBUTE_PRIVATE
#define GPA 0x100000ULL

static guint end_violations(struct fx *fx)
{
	GPtrArray *v = gms_check_end(fx->w);
	guint n = v->len;

	g_ptr_array_unref(v);
	return n;
}

/* 3.D.26: the guest_memfd keeps its VM alive after the VM fd is closed */
static void test_file_pins_vm(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	struct gms_kvm *kvm = vm_of(fx, vm);
	int g = gmem_new(fx, vm, 4 * PAGE, 0);

	assert_int_equal(kvm->users_count, 2);
	assert_int_equal(gms_sys_close(fx->w, vm), 0);
	assert_false(kvm->freed);
	assert_int_equal(kvm->users_count, 1);
	assert_int_equal(gms_sys_fallocate(fx->w, g, PUNCH, 0, 4 * PAGE), 0);
	assert_int_equal(gms_sys_fallocate(fx->w, g, KEEP, 0, 4 * PAGE), 0);
	/* the VM fd is gone: VM ioctls get EBADF */
	assert_int_equal(gms_sys_create_guest_memfd(fx->w, vm, PAGE, 0),
			 -EBADF);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_true(kvm->freed);
	assert_int_equal(kvm->state, GMS_KVM_DEAD);
	assert_null(fx->w->vms);
	assert_null(fx->w->inodes);
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
	assert_int_equal(end_violations(fx), 0);
}

/* closing the file under live memslots leaves dead slots */
static void test_close_gmem_under_memslots(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, 4 * PAGE, 0);
	struct gms_memslot *slot;
	struct gms_vcpu_exit e;
	u64 tag;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, 4 * PAGE, g, 0), 0);
	slot = gms_kvm_id_to_memslot(vm_of(fx, vm), 0, 1);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_null(slot->gmem.file);
	assert_false(slot->freed);
	assert_int_equal(set_attr(fx, vm, GPA, 4 * PAGE, P), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), -EFAULT);
	assert_int_equal(e.reason, GMS_EXIT_MEMORY_FAULT);
	/* cannot be modified, can be deleted; a new file binds the GPA */
	assert_int_equal(region(fx, vm, 1, 0, GPA, 4 * PAGE, 0, 0, 0), -EINVAL);
	assert_int_equal(region(fx, vm, 1, 0, GPA, 0, 0, 0, 0), 0);
	g = gmem_new(fx, vm, 4 * PAGE, 0);
	assert_int_equal(gmem_slot(fx, vm, 1, GPA, 4 * PAGE, g, 0), 0);
	assert_int_equal(all_violations(fx), 0);
}

/* memslot deletion does not free data: the inode outlives the binding */
static void test_inode_data_outlives_memslot(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, 4 * PAGE, 0);
	struct gms_vcpu_exit e;
	u64 tag;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, 4 * PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, 0, 1ULL << 30, P), 0);
	assert_int_equal(guest_write(fx, vm, GPA + PAGE, 0x5ec, &e), 0);
	assert_int_equal(region(fx, vm, 1, 0, GPA, 0, 0, 0, 0), 0);
	assert_true(gms_range_map_empty(&file_of(fx, g)->bindings));
	assert_int_equal(fx->w->physmem.nr_allocated, 1);
	/* rebind the range elsewhere in the same VM: the data is still there */
	assert_int_equal(gmem_slot(fx, vm, 2, 2 * GPA, 4 * PAGE, g, 0), 0);
	assert_int_equal(guest_read(fx, vm, 2 * GPA + PAGE, &tag, &e), 0);
	assert_int_equal(tag, 0x5ec);
	assert_int_equal(all_violations(fx), 0);
}

/* VM fd closed first, slots still bound: the last file release destroys it */
static void test_destroy_with_bound_slots(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g1 = gmem_new(fx, vm, 4 * PAGE, 0), g2 = gmem_new(fx, vm, PAGE, 0);
	struct gms_kvm *kvm = vm_of(fx, vm);
	struct gms_vcpu_exit e;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, 4 * PAGE, g1, 0), 0);
	assert_int_equal(gmem_slot(fx, vm, 2, 2 * GPA, PAGE, g2, 0), 0);
	assert_int_equal(set_attr(fx, vm, 0, 1ULL << 30, P), 0);
	assert_int_equal(guest_write(fx, vm, GPA, 1, &e), 0);
	assert_int_equal(guest_write(fx, vm, 2 * GPA, 2, &e), 0);
	assert_int_equal(gms_sys_close(fx->w, vm), 0);
	assert_int_equal(gms_sys_close(fx->w, g1), 0);
	assert_false(kvm->freed);
	assert_int_equal(all_violations(fx), 0);
	assert_int_equal(gms_sys_close(fx->w, g2), 0);
	assert_true(kvm->freed);
	assert_int_equal(all_violations(fx), 0);
	assert_int_equal(end_violations(fx), 0);
}

/* a mapping keeps the file, and so the VM and its bindings, alive */
static void test_mapping_keeps_file(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, PAGE,
			 GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED);
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(gms_sys_mmap(fx->w, PAGE, 3, GMS_MAP_SHARED, g, 0, &a),
			 0);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_int_equal(gms_sys_close(fx->w, vm), 0);
	assert_int_equal(gms_host_write(fx->w, a, 0x42), 0);
	assert_int_equal(end_violations(fx), 0); /* a mapping remains */
	assert_int_equal(gms_sys_munmap(fx->w, a, PAGE), 0);
	assert_null(fx->w->vms);
	assert_int_equal(end_violations(fx), 0);
	(void)e;
	(void)tag;
}

/* the leak check sees what a finished scenario left behind */
static void test_leak_detects_remains(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	u64 a;

	assert_int_equal(gms_sys_mmap_anon(fx->w, PAGE, &a), 0);
	assert_int_equal(gms_host_pin(fx->w, a), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a, PAGE), 0);
	assert_int_equal(end_violations(fx), 0); /* the VM fd is open */
	assert_int_equal(gms_sys_close(fx->w, vm), 0);
	/* the pin outlives the mapping: one pin and one page remain */
	assert_int_equal(end_violations(fx), 2);
	assert_int_equal(gms_host_unpin(fx->w, a), 0);
	assert_int_equal(end_violations(fx), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_file_pins_vm),
		FX_TEST(test_close_gmem_under_memslots),
		FX_TEST(test_inode_data_outlives_memslot),
		FX_TEST(test_destroy_with_bound_slots),
		FX_TEST(test_mapping_keeps_file),
		FX_TEST(test_leak_detects_remains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
