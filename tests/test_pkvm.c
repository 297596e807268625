// SPDX-License-Identifier: GPL-2.0
/* pKVM's ownership hypercalls: hw_models.md 3.2, row by row. */
#include "helpers.h"

static void test_share_unshare(void **state)
{
	struct gms_pkvm pk;
	struct gms_warn_log log = { 0 };
	u16 h;

	(void)state;
	gms_pkvm_init(&pk, &log);
	h = pkvm_init_vm(&pk);
	assert_int_equal(h, 1);
	assert_int_equal(__pkvm_host_share_guest(&pk, 9, 5, 0), -ENOENT);
	assert_int_equal(__pkvm_host_share_guest(&pk, h, 5, 0), 0);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_state,
			 PKVM_PAGE_SHARED_OWNED);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_share_guest_count, 1);
	/* the guest IPA is taken; a second gfn may share the same page */
	assert_int_equal(__pkvm_host_share_guest(&pk, h, 6, 0), -EPERM);
	assert_int_equal(__pkvm_host_share_guest(&pk, h, 5, 1), 0);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_share_guest_count, 2);
	assert_int_equal(__pkvm_host_unshare_guest(&pk, h, 7), -ENOENT);
	assert_int_equal(__pkvm_host_unshare_guest(&pk, h, 0), 0);
	assert_int_equal(__pkvm_host_unshare_guest(&pk, h, 1), 0);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_state, PKVM_PAGE_OWNED);
	gms_pkvm_destroy(&pk);
}

static void test_donate_and_reclaim(void **state)
{
	struct gms_pkvm pk;
	struct gms_warn_log log = { 0 };
	u64 pfn;
	u16 h;

	(void)state;
	gms_pkvm_init(&pk, &log);
	h = pkvm_init_vm(&pk);
	assert_int_equal(__pkvm_host_donate_guest(&pk, h, 5, 3), 0);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_state, PKVM_NOPAGE);
	assert_int_equal(gms_pkvm_page(&pk, 5).owner, PKVM_ID_GUEST);
	assert_int_equal(gms_pkvm_page(&pk, 5).gfn, 3);
	/* a donated page cannot be shared or donated again */
	assert_int_equal(__pkvm_host_donate_guest(&pk, h, 5, 4), -EPERM);
	assert_int_equal(__pkvm_host_share_guest(&pk, h, 5, 4), -EPERM);
	assert_int_equal(__pkvm_host_unshare_guest(&pk, h, 3), -EPERM);
	/* reclaim only from a dying VM */
	assert_int_equal(__pkvm_host_reclaim_page_guest(&pk, h, 3, &pfn),
			 -EINVAL);
	assert_int_equal(__pkvm_finalize_teardown_vm(&pk, h), -EBUSY);
	gms_pkvm_vm(&pk, h)->refcount = 1;
	assert_int_equal(__pkvm_start_teardown_vm(&pk, h), -EBUSY);
	gms_pkvm_vm(&pk, h)->refcount = 0;
	assert_int_equal(__pkvm_start_teardown_vm(&pk, h), 0);
	assert_int_equal(__pkvm_start_teardown_vm(&pk, h), -EINVAL);
	assert_int_equal(__pkvm_start_teardown_vm(&pk, 7), -ENOENT);
	assert_int_equal(__pkvm_host_reclaim_page_guest(&pk, h, 3, &pfn), 0);
	assert_int_equal(pfn, 5);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_state, PKVM_PAGE_OWNED);
	assert_int_equal(__pkvm_finalize_teardown_vm(&pk, h), 0);
	assert_null(gms_pkvm_vm(&pk, h));
	gms_pkvm_destroy(&pk);
}

static void test_force_reclaim_and_guest_share(void **state)
{
	struct gms_pkvm pk;
	struct gms_warn_log log = { 0 };
	u16 h;

	(void)state;
	gms_pkvm_init(&pk, &log);
	h = pkvm_init_vm(&pk);
	assert_int_equal(__pkvm_host_force_reclaim_page_guest(&pk, 5), -EAGAIN);
	assert_int_equal(__pkvm_host_donate_guest(&pk, h, 5, 3), 0);
	assert_int_equal(__pkvm_guest_share_host(&pk, h, 4), -ENOENT);
	assert_int_equal(__pkvm_guest_share_host(&pk, h, 3), 0);
	assert_int_equal(gms_pkvm_page(&pk, 5).host_state,
			 PKVM_PAGE_SHARED_BORROWED);
	/* shared back: not force-reclaimable, the guest no longer owns it alone */
	assert_int_equal(__pkvm_host_force_reclaim_page_guest(&pk, 5), -EPERM);
	assert_int_equal(__pkvm_host_donate_guest(&pk, h, 6, 8), 0);
	assert_int_equal(__pkvm_host_force_reclaim_page_guest(&pk, 6), 0);
	assert_int_equal(gms_pkvm_guest_pte(gms_pkvm_vm(&pk, h), 8).state,
			 PKVM_POISON);
	assert_int_equal(__pkvm_guest_share_host(&pk, h, 8), -EHWPOISON);
	/* a new donation may take the poisoned IPA (UNVERIFIED) */
	assert_int_equal(__pkvm_host_donate_guest(&pk, h, 6, 8), 0);
	/* handles run out */
	for (int i = 1; i < GMS_PKVM_MAX_HANDLE; i++)
		assert_int_not_equal(pkvm_init_vm(&pk), 0);
	assert_int_equal(pkvm_init_vm(&pk), 0);
	gms_pkvm_destroy(&pk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_unshare),
		cmocka_unit_test(test_donate_and_reclaim),
		cmocka_unit_test(test_force_reclaim_and_guest_share),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
