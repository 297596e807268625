// SPDX-License-Identifier: GPL-2.0
/* KVM_SET_MEMORY_ATTRIBUTES: gmem_uapi.md 2.6. */
#include "helpers.h"

#define P KVM_MEMORY_ATTRIBUTE_PRIVATE

static void test_checks_in_order(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	struct gms_memory_attributes a = {
		.address = 0, .size = PAGE, .attributes = P, .flags = 1
	};

	assert_int_equal(gms_sys_set_memory_attributes(fx->w, vm, &a), -EINVAL);
	assert_int_equal(set_attr(fx, vm, 0, PAGE, 1ULL << 4), -EINVAL);
	assert_int_equal(set_attr(fx, vm, 0, 0, P), -EINVAL);
	assert_int_equal(set_attr(fx, vm, -PAGE, 2 * PAGE, P), -EINVAL);
	assert_int_equal(set_attr(fx, vm, 1, PAGE, P), -EINVAL);
	assert_int_equal(set_attr(fx, vm, 0, PAGE + 1, P), -EINVAL);
	/* flags first: a bad size does not hide it, and vice versa */
	a.size = 0;
	assert_int_equal(gms_sys_set_memory_attributes(fx->w, vm, &a), -EINVAL);
	assert_int_equal(set_attr(fx, 99, 0, PAGE, P), -EBADF);
	assert_false(gms_kvm_mem_is_private(vm_of(fx, vm), 0));
}

static void test_default_vm_has_no_private(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);

	assert_int_equal(gms_kvm_supported_mem_attributes(fx->w, vm_of(fx, vm)),
			 0);
	assert_int_equal(set_attr(fx, vm, 0, PAGE, P), -EINVAL);
	assert_int_equal(set_attr(fx, vm, 0, PAGE, 0), 0);
}

/* no slot needed; whole ranges cost one entry; same value is a no-op */
static void test_semantics(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	struct gms_kvm *kvm = vm_of(fx, vm);
	u64 seq;

	assert_int_equal(set_attr(fx, vm, 0, 1ULL << 40, P), 0);
	assert_int_equal(gms_range_map_count(&kvm->mem_attr), 1);
	assert_true(gms_kvm_mem_is_private(kvm, (1ULL << 28) - 1));
	assert_false(gms_kvm_mem_is_private(kvm, 1ULL << 28));
	seq = kvm->mmu_invalidate_seq;
	assert_int_equal(set_attr(fx, vm, PAGE, PAGE, P), 0);
	assert_int_equal(kvm->mmu_invalidate_seq, seq);
	/* overwriting all attributes: shared in the middle */
	assert_int_equal(set_attr(fx, vm, PAGE, PAGE, 0), 0);
	assert_int_equal(kvm->mmu_invalidate_seq, seq + 1);
	assert_int_equal(kvm->mmu_invalidate_in_progress, 0);
	assert_false(gms_kvm_mem_is_private(kvm, 1));
	assert_true(gms_kvm_mem_is_private(kvm, 2));
}

/*
 * KVM_SET_MEMORY_ATTRIBUTES2 on a guest_memfd (the in-place series'
 * kvm_gmem_ioctl()): error_offset is copied back only when the conversion
 * itself fails (-EAGAIN at a pinned page); a bad range and a success leave
 * the caller's struct as it was.
 */
static void test_gmem_error_offset_on_failure_only(void **state)
{
	struct fx *fx = *state;
	u64 flags = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED;
	const u64 untouched = 0xdead000;
	u64 a, off = untouched;
	int vm, g;

	fx->w->policy.convert = GMS_CONVERT_IN_PLACE;
	vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	g = gmem_new(fx, vm, 4 * PAGE, flags);
	assert_int_equal(gms_sys_gmem_convert(fx->w, g, PAGE, 5 * PAGE, true,
					      &off),
			 -EINVAL);
	assert_int_equal(off, untouched);
	assert_int_equal(gms_sys_gmem_convert(fx->w, g, 0, PAGE, true, &off),
			 0);
	assert_int_equal(off, untouched);
	assert_int_equal(gms_sys_gmem_convert(fx->w, g, 0, PAGE, false, &off),
			 0);
	assert_int_equal(off, untouched);
	assert_int_equal(gms_sys_mmap(fx->w, 4 * PAGE,
				      GMS_PROT_READ | GMS_PROT_WRITE,
				      GMS_MAP_SHARED, g, 0, &a),
			 0);
	assert_int_equal(gms_host_pin(fx->w, a + 2 * PAGE), 0);
	assert_int_equal(gms_sys_gmem_convert(fx->w, g, 0, 4 * PAGE, true,
					      &off),
			 -EAGAIN);
	assert_int_equal(off, 2 * PAGE);
	assert_int_equal(gms_host_unpin(fx->w, a + 2 * PAGE), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a, 4 * PAGE), 0);
	fx->w->policy.convert = GMS_CONVERT_ATTRIBUTES;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_checks_in_order),
		FX_TEST(test_default_vm_has_no_private),
		FX_TEST(test_semantics),
		FX_TEST(test_gmem_error_offset_on_failure_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
