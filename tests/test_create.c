// SPDX-License-Identifier: GPL-2.0
/* KVM_CREATE_VM and KVM_CREATE_GUEST_MEMFD: gmem_uapi.md 2.1, selftests 3.A.1-3. */
#include "helpers.h"

static void test_create_vm_types(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);

	assert_true(gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_SW_PROTECTED) >
		    vm);
	/* not supported by this host (KVM_CAP_VM_TYPES): kvm_arch_init_vm() */
	assert_int_equal(gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_NR_TYPES),
			 -EINVAL);
	assert_int_equal(gms_sys_create_vm(fx->w, fx->kvm, 99), -EINVAL);
	/* a VM ioctl that is not one, and a closed fd */
	assert_int_equal(gms_sys_create_vm(fx->w, vm, 0), -ENOTTY);
	assert_int_equal(gms_sys_create_vm(fx->w, 1000, 0), -EBADF);
}

static void test_invalid_sizes(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	u64 bad[] = { 0, 1, PAGE - 1, PAGE + 1, -PAGE, 0x8000000000000000ULL };

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		assert_int_equal(gms_sys_create_guest_memfd(fx->w, vm, bad[i],
							    0),
				 -EINVAL);
	/* selftest 3: 1..PAGE-1 under every flag set the VM supports */
	for (u64 s = 1; s < PAGE; s += 97)
		assert_int_equal(gms_sys_create_guest_memfd(
					 fx->w, vm, s,
					 GUEST_MEMFD_FLAG_MMAP |
						 GUEST_MEMFD_FLAG_INIT_SHARED),
				 -EINVAL);
}

static void test_huge_sizes_succeed(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	struct gms_stat st;
	int g1 = gmem_new(fx, vm, 1ULL << 62, 0);
	int g2 = gmem_new(fx, vm, 0x7ffffffffffff000ULL, 0);

	assert_int_equal(gms_sys_fstat(fx->w, g1, &st), 0);
	assert_int_equal(st.size, 1ULL << 62);
	assert_int_equal(gms_sys_fstat(fx->w, g2, &st), 0);
	assert_int_equal(st.size, 0x7ffffffffffff000ULL);
	/* no page is allocated for either */
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
}

static void check_flags(struct fx *fx, int vm, u64 supported)
{
	for (int b = 0; b < 64; b++) {
		int fd = gms_sys_create_guest_memfd(fx->w, vm, PAGE, 1ULL << b);

		if (supported & (1ULL << b)) {
			assert_true(fd >= 0);
			assert_int_equal(gms_sys_close(fx->w, fd), 0);
		} else {
			assert_int_equal(fd, -EINVAL);
		}
	}
}

/* selftest 1: test_guest_memfd_flags per VM type; 1.5 capabilities */
static void test_flags_per_vm_type(void **state)
{
	struct fx *fx = *state;
	int def = vm_new(fx, GMS_VM_DEFAULT);
	int sw = vm_new(fx, GMS_VM_SW_PROTECTED);
	s64 caps;

	caps = gms_sys_check_extension(fx->w, def, GMS_CAP_GUEST_MEMFD_FLAGS);
	assert_int_equal(caps, 3);
	check_flags(fx, def, (u64)caps);
	/* x86: kvm_arch_supports_gmem_init_shared() = !has_private_mem */
	caps = gms_sys_check_extension(fx->w, sw, GMS_CAP_GUEST_MEMFD_FLAGS);
	assert_int_equal(caps, GUEST_MEMFD_FLAG_MMAP);
	check_flags(fx, sw, (u64)caps);
	/* on /dev/kvm: kvm NULL, INIT_SHARED included */
	assert_int_equal(gms_sys_check_extension(fx->w, fx->kvm,
						 GMS_CAP_GUEST_MEMFD_FLAGS),
			 3);
	/* INIT_SHARED without MMAP is accepted; MMAP|bit5 is not */
	assert_true(gms_sys_create_guest_memfd(fx->w, def, PAGE,
					       GUEST_MEMFD_FLAG_INIT_SHARED) >=
		    0);
	assert_int_equal(gms_sys_create_guest_memfd(fx->w, def, PAGE,
						    GUEST_MEMFD_FLAG_MMAP | 32),
			 -EINVAL);
}

/* flags are checked before the size */
static void test_check_order(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);

	assert_int_equal(gms_sys_create_guest_memfd(fx->w, fx->kvm, PAGE, 0),
			 -EINVAL);
	assert_int_equal(gms_sys_create_guest_memfd(fx->w, 77, PAGE, 0),
			 -EBADF);
	assert_int_equal(gms_sys_create_guest_memfd(
				 fx->w, vm, 0, GUEST_MEMFD_FLAG_INIT_SHARED),
			 -EINVAL);
	/* an ioctl on a guest_memfd has no handler */
	assert_int_equal(gms_sys_create_guest_memfd(
				 fx->w, gmem_new(fx, vm, PAGE, 0), PAGE, 0),
			 -ENOTTY);
}

/* selftest 2: test_create_guest_memfd_multiple */
static void test_create_multiple(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int fd1 = gmem_new(fx, vm, PAGE, 0),
	    fd2 = gmem_new(fx, vm, 2 * PAGE, 0);
	struct gms_stat s1, s2;

	assert_int_equal(gms_sys_fstat(fx->w, fd1, &s1), 0);
	assert_int_equal(gms_sys_fstat(fx->w, fd2, &s2), 0);
	assert_int_equal(s1.size, PAGE);
	assert_int_equal(s2.size, 2 * PAGE);
	assert_int_not_equal(s1.ino, s2.ino);
	/* each file pins the VM */
	assert_int_equal(vm_of(fx, vm)->users_count, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_create_vm_types),
		FX_TEST(test_invalid_sizes),
		FX_TEST(test_huge_sizes_succeed),
		FX_TEST(test_flags_per_vm_type),
		FX_TEST(test_check_order),
		FX_TEST(test_create_multiple),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
