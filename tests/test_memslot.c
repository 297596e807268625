// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_SET_USER_MEMORY_REGION2 with and without KVM_MEM_GUEST_MEMFD:
 * gmem_uapi.md 2.3 (check order and the observed 16-page table), 1.4,
 * selftests 3.B.17-19.
 */
#include "helpers.h"

#define G KVM_MEM_GUEST_MEMFD
#define MB (1ULL << 20)

struct tbl {
	struct fx *fx;
	int vm, other, g, g_other;
};

static void tbl_setup(struct fx *fx, struct tbl *t)
{
	t->fx = fx;
	t->vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	t->other = vm_new(fx, GMS_VM_SW_PROTECTED);
	t->g = gmem_new(fx, t->vm, 16 * PAGE, 0);
	t->g_other = gmem_new(fx, t->other, 16 * PAGE, 0);
}

static int bind(struct tbl *t, u32 slot, u32 flags, u64 gpa, u64 size,
		u64 uaddr, int gmem, u64 off)
{
	return region(t->fx, t->vm, slot, flags, gpa, size, uaddr, gmem, off);
}

/* 1.4 and row 10: what the guest_memfd field refers to */
static void test_foreign_fds(void **state)
{
	struct tbl t;

	tbl_setup(*state, &t);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, -1, 0), -EBADF);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, 1000, 0), -EBADF);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.fx->kvm, 0),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.vm, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g_other, 0),
			 -EINVAL);
	/* nothing was left behind by the failures */
	assert_int_equal(vm_of(t.fx, t.vm)->memslots[0]->len, 0);
	assert_true(gms_range_map_empty(&file_of(t.fx, t.g_other)->bindings));
}

/* rows 2-5 and 10 of the observed table */
static void test_invalid_geometry(void **state)
{
	struct tbl t;

	tbl_setup(*state, &t);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 1), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, PAGE / 2),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 16 * PAGE),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 14 * PAGE),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 17 * PAGE, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, -PAGE), -EINVAL);
	assert_int_equal(bind(&t, 1, G | KVM_MEM_LOG_DIRTY_PAGES, MB, 4 * PAGE,
			      0, t.g, 0),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G | KVM_MEM_READONLY, MB, 4 * PAGE, 0, t.g,
			      0),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 1, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB + 1, 4 * PAGE, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE + 1, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, 0, MB, 0, 0, 0, 0), -EINVAL);
	/* slot id and address space */
	assert_int_equal(bind(&t, KVM_USER_MEM_SLOTS, G, MB, PAGE, 0, t.g, 0),
			 -EINVAL);
	assert_int_equal(bind(&t, 1 << 16, G, MB, PAGE, 0, t.g, 0), -EINVAL);
	/* gpa + size wraps; beyond the 52-bit guest physical space */
	assert_int_equal(bind(&t, 1, 0, -PAGE, 2 * PAGE, 0, 0, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, 1ULL << 52, PAGE, 0, t.g, 0), -EINVAL);
	assert_true(gms_range_map_empty(&file_of(t.fx, t.g)->bindings));
	/* unknown flag bits */
	assert_int_equal(bind(&t, 1, 1U << 3, MB, PAGE, 0, 0, 0), -EINVAL);
}

/* the second half of the observed table, in its order */
static void test_observed_table(void **state)
{
	struct tbl t;
	struct fx *fx = *state;

	tbl_setup(fx, &t);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 0), 0);
	/* Private memslots are immutable, they can only be deleted. */
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, 0, MB, 4 * PAGE, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, 2 * MB, 4 * PAGE, 0, t.g, 0), -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 4 * PAGE),
			 -EINVAL);
	/* gmem overlap only: -EEXIST on 7.2 */
	assert_int_equal(bind(&t, 2, G, 4 * MB, 4 * PAGE, 0, t.g, 2 * PAGE),
			 -EEXIST);
	assert_int_equal(bind(&t, 2, G, MB + PAGE, 4 * PAGE, 0, t.g, 8 * PAGE),
			 -EEXIST);
	assert_int_equal(bind(&t, 2, G, MB + PAGE, 4 * PAGE, 0, t.g, 0),
			 -EEXIST);
	assert_int_equal(bind(&t, 2, G, 4 * MB, 4 * PAGE, 0, t.g, 4 * PAGE), 0);
	assert_int_equal(bind(&t, 4, 0, 8 * MB, 4 * PAGE, 0, 0, 0), 0);
	assert_int_equal(bind(&t, 4, G, 8 * MB, 4 * PAGE, 0, t.g, 8 * PAGE),
			 -EINVAL);
	/* delete ignores flags and fd; the range is bindable again */
	assert_int_equal(bind(&t, 1, 0, 0, 0, 0, -1, 0), 0);
	assert_int_equal(bind(&t, 5, G, 16 * MB, 4 * PAGE, 0, t.g, 0), 0);
	assert_int_equal(all_violations(fx), 0);
}

/* abi=6.18: overlapping bindings were -EINVAL before 7ea987a90585 */
static void test_overlap_errno_by_abi(void **state)
{
	struct tbl t;
	struct fx *fx = *state;

	assert_int_equal(gms_policy_set(&fx->w->policy, "abi", "6.18"), 0);
	tbl_setup(fx, &t);
	assert_int_equal(bind(&t, 1, G, MB, 4 * PAGE, 0, t.g, 0), 0);
	assert_int_equal(bind(&t, 2, G, 4 * MB, 4 * PAGE, 0, t.g, 2 * PAGE),
			 -EINVAL);
	/* GPA overlap is EEXIST under both */
	assert_int_equal(bind(&t, 2, G, MB, 4 * PAGE, 0, t.g, 8 * PAGE),
			 -EEXIST);
}

/* signed offset+size (eba85fee7fc6): accepted on 6.18, and out of the file */
static void test_signed_offset(void **state)
{
	struct tbl t;
	struct fx *fx = *state;

	tbl_setup(fx, &t);
	assert_int_equal(bind(&t, 1, G, MB, PAGE, 0, t.g,
			      0x7ffffffffffff000ULL),
			 -EINVAL);
	assert_int_equal(bind(&t, 1, G, MB, PAGE, 0, t.g,
			      0x7fffffffffffe000ULL),
			 -EINVAL);
	assert_int_equal(gms_policy_set(&fx->w->policy, "abi", "6.18"), 0);
	/* does not wrap: still EINVAL */
	assert_int_equal(bind(&t, 1, G, MB, PAGE, 0, t.g,
			      0x7fffffffffffe000ULL),
			 -EINVAL);
	assert_int_equal(violations(fx, "binding"), 0);
	assert_int_equal(
		bind(&t, 1, G, MB, PAGE, 0, t.g, 0x7ffffffffffff000ULL), 0);
	assert_int_equal(violations(fx, "binding"), 1);
}

/* selftest 18: test_add_private_memory_region */
static void test_add_private_memory_region(void **state)
{
	struct tbl t;

	tbl_setup(*state, &t);
	assert_int_equal(bind(&t, 10, G, 0xc0000000, SZ_2M, 0, t.fx->kvm, 0),
			 -EINVAL);
	assert_int_equal(bind(&t, 10, G, 0xc0000000, SZ_2M, 0, t.vm, 0),
			 -EINVAL);
	t.g_other = gmem_new(t.fx, t.other, SZ_2M, 0);
	assert_int_equal(bind(&t, 10, G, 0xc0000000, SZ_2M, 0, t.g_other, 0),
			 -EINVAL);
	assert_int_equal(region(t.fx, t.other, 10, G, 0xc0000000, SZ_2M, 0,
				t.g_other, 0),
			 0);
	t.g = gmem_new(t.fx, t.vm, SZ_2M, 0);
	for (u64 off = 1; off < PAGE; off += 511)
		assert_int_equal(bind(&t, 10, G, 0xc0000000, SZ_2M, 0, t.g,
				      off),
				 -EINVAL);
	assert_int_equal(bind(&t, 10, G, 0xc0000000, SZ_2M, 0, t.g, 0), 0);
}

/* selftest 19: the GPA overlap is found before the binding check */
static void test_overlapping_private_regions(void **state)
{
	struct tbl t;
	u64 M4 = 4 * MB;

	tbl_setup(*state, &t);
	t.g = gmem_new(t.fx, t.vm, 8 * MB, 0);
	assert_int_equal(bind(&t, 10, G, 0xc0000000, M4, 0, t.g, 0), 0);
	assert_int_equal(bind(&t, 11, G, 0x180000000, M4, 0, t.g, M4), 0);
	assert_int_equal(bind(&t, 10, 0, 0, 0, 0, -1, 0), 0);
	assert_int_equal(bind(&t, 10, G, 0x180000000 - SZ_2M, M4, 0, t.g, 0),
			 -EEXIST);
	assert_int_equal(bind(&t, 10, G, 0x180000000 + SZ_2M, M4, 0, t.g, 0),
			 -EEXIST);
	/* ... even with the binding check failing too */
	assert_int_equal(bind(&t, 10, G, 0x180000000, M4, 0, t.g, M4), -EEXIST);
}

/* selftest 17: flag validation */
static void test_invalid_memory_region_flags(void **state)
{
	struct tbl t;

	tbl_setup(*state, &t);
	for (int b = 0; b < 32; b++) {
		u32 f = 1U << b;
		int r = bind(&t, 0, f, 0, SZ_2M, 0, t.g, 0);

		if (f == KVM_MEM_LOG_DIRTY_PAGES || f == KVM_MEM_READONLY) {
			assert_int_equal(r, 0);
			assert_int_equal(bind(&t, 0, 0, 0, 0, 0, 0, 0), 0);
		} else if (f != G) {
			assert_int_equal(r, -EINVAL);
		}
	}
}

/* a plain slot may move and toggle dirty logging, not READONLY */
static void test_plain_slot_modify(void **state)
{
	struct tbl t;
	struct gms_memslot *s;

	tbl_setup(*state, &t);
	assert_int_equal(bind(&t, 3, 0, MB, 4 * PAGE, 0, 0, 0), 0);
	assert_int_equal(bind(&t, 3, 0, MB, 4 * PAGE, 0, 0, 0), 0);
	assert_int_equal(bind(&t, 3, 0, 2 * MB, 4 * PAGE, 0, 0, 0), 0);
	s = gms_kvm_id_to_memslot(vm_of(t.fx, t.vm), 0, 3);
	assert_int_equal(s->base_gfn, (2 * MB) >> 12);
	assert_int_equal(bind(&t, 3, KVM_MEM_LOG_DIRTY_PAGES, 2 * MB, 4 * PAGE,
			      0, 0, 0),
			 0);
	assert_int_equal(s->flags, KVM_MEM_LOG_DIRTY_PAGES);
	assert_int_equal(bind(&t, 3, KVM_MEM_READONLY, 2 * MB, 4 * PAGE, 0, 0,
			      0),
			 -EINVAL);
	assert_int_equal(bind(&t, 3, 0, 2 * MB, 8 * PAGE, 0, 0, 0), -EINVAL);
	assert_int_equal(bind(&t, 3, 0, 2 * MB, 4 * PAGE, PAGE, 0, 0), -EINVAL);
	/* moving onto another slot */
	assert_int_equal(bind(&t, 6, 0, 8 * MB, 4 * PAGE, 0, 0, 0), 0);
	assert_int_equal(bind(&t, 3, 0, 8 * MB, 4 * PAGE, 0, 0, 0), -EEXIST);
}

/* MMAP-capable files make the slot GMEM_ONLY (kvm_gmem_bind) */
static void test_gmem_only_flag(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g1 = gmem_new(fx, vm, 4 * PAGE, GUEST_MEMFD_FLAG_MMAP);
	int g2 = gmem_new(fx, vm, 4 * PAGE, 0);

	assert_int_equal(gmem_slot(fx, vm, 1, 0, 4 * PAGE, g1, 0), 0);
	assert_int_equal(gmem_slot(fx, vm, 2, MB, 4 * PAGE, g2, 0), 0);
	assert_true(gms_kvm_id_to_memslot(vm_of(fx, vm), 0, 1)->flags &
		    KVM_MEMSLOT_GMEM_ONLY);
	assert_false(gms_kvm_id_to_memslot(vm_of(fx, vm), 0, 2)->flags &
		     KVM_MEMSLOT_GMEM_ONLY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_foreign_fds),
		FX_TEST(test_invalid_geometry),
		FX_TEST(test_observed_table),
		FX_TEST(test_overlap_errno_by_abi),
		FX_TEST(test_signed_offset),
		FX_TEST(test_add_private_memory_region),
		FX_TEST(test_overlapping_private_regions),
		FX_TEST(test_invalid_memory_region_flags),
		FX_TEST(test_plain_slot_modify),
		FX_TEST(test_gmem_only_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
