// SPDX-License-Identifier: GPL-2.0
/* The TDX module's SEAMCALLs: hw_models.md 2.2, precondition by precondition. */
#include "helpers.h"

#define TDR 100
#define TDCX 101
#define GPA 0x1000

static void build(struct gms_tdx *tdx, struct gms_warn_log *log)
{
	gms_tdx_init(tdx, log);
	assert_int_equal(tdh_mng_create(tdx, TDR, 1), TDX_SUCCESS);
	assert_int_equal(tdh_mng_key_config(tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_addcx(tdx, TDR, TDCX), TDX_SUCCESS);
	assert_int_equal(tdh_mng_init(tdx, TDR), TDX_SUCCESS);
}

static void test_build(void **state)
{
	struct gms_tdx tdx;
	struct gms_warn_log log = { 0 };

	(void)state;
	gms_tdx_init(&tdx, &log);
	assert_int_equal(tdh_mng_create(&tdx, TDR, 0), TDX_OPERAND_INVALID);
	assert_int_equal(tdh_mng_create(&tdx, TDR, 1), TDX_SUCCESS);
	assert_int_equal(tdh_mng_create(&tdx, TDR, 2),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mng_create(&tdx, TDR + 9, 1), TDX_OPERAND_INVALID);
	assert_int_equal(tdh_mng_addcx(&tdx, TDR, TDCX),
			 TDX_LIFECYCLE_STATE_INCORRECT);
	assert_int_equal(tdh_mng_key_config(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_key_config(&tdx, TDR),
			 TDX_LIFECYCLE_STATE_INCORRECT);
	assert_int_equal(tdh_mng_addcx(&tdx, TDR, TDR),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mng_init(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_init(&tdx, TDR), TDX_OP_STATE_INCORRECT);
	assert_int_equal(gms_tdx_keyid_alloc(&tdx), 2);
	gms_tdx_destroy(&tdx);
}

static void test_add_aug_accept(void **state)
{
	struct gms_tdx tdx;
	struct gms_warn_log log = { 0 };
	struct gms_td *td;

	(void)state;
	build(&tdx, &log);
	td = gms_tdx_td(&tdx, TDR);
	/* AUG needs FREE and an NDA page; PAGE.ADD only while INITIALIZED */
	assert_int_equal(tdh_mem_page_add(&tdx, TDR, GPA, TDCX),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mem_page_add(&tdx, TDR, GPA, 5), TDX_SUCCESS);
	assert_int_equal(gms_tdx_sept(td, GPA).state, SEPT_MAPPED);
	assert_int_equal(tdh_mem_page_add(&tdx, TDR, GPA, 6),
			 TDX_EPT_ENTRY_STATE_INCORRECT);
	assert_int_equal(tdh_mr_finalize(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mr_finalize(&tdx, TDR), TDX_OP_STATE_INCORRECT);
	assert_int_equal(tdh_mem_page_add(&tdx, TDR, 2 * GPA, 6),
			 TDX_OP_STATE_INCORRECT);
	assert_int_equal(tdh_mem_page_aug(&tdx, TDR, 2 * GPA, 5),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mem_page_aug(&tdx, TDR, 2 * GPA, 6), TDX_SUCCESS);
	assert_int_equal(gms_tdx_sept(td, 2 * GPA).state, SEPT_PENDING);
	assert_int_equal(td->chldcnt, 3);
	/* ACCEPT: PENDING -> MAPPED once */
	assert_int_equal(tdg_mem_page_accept(&tdx, TDR, 3 * GPA),
			 TDX_EPT_ENTRY_STATE_INCORRECT);
	assert_int_equal(tdg_mem_page_accept(&tdx, TDR, 2 * GPA), TDX_SUCCESS);
	assert_int_equal(tdg_mem_page_accept(&tdx, TDR, 2 * GPA),
			 TDX_PAGE_ALREADY_ACCEPTED);
	gms_tdx_destroy(&tdx);
}

static void test_block_track_remove(void **state)
{
	struct gms_tdx tdx;
	struct gms_warn_log log = { 0 };
	struct gms_td *td;

	(void)state;
	build(&tdx, &log);
	td = gms_tdx_td(&tdx, TDR);
	assert_int_equal(tdh_mr_finalize(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mem_page_aug(&tdx, TDR, GPA, 5), TDX_SUCCESS);
	/* RUNNABLE: REMOVE wants BLOCKED, then a TRACK past the block epoch */
	assert_int_equal(tdh_mem_page_remove(&tdx, TDR, GPA),
			 TDX_GPA_RANGE_NOT_BLOCKED);
	assert_int_equal(tdh_mem_range_block(&tdx, TDR, 2 * GPA),
			 TDX_EPT_ENTRY_STATE_INCORRECT);
	assert_int_equal(tdh_mem_range_block(&tdx, TDR, GPA), TDX_SUCCESS);
	assert_int_equal(gms_tdx_sept(td, GPA).state, SEPT_PENDING_BLOCKED);
	assert_int_equal(tdh_mem_range_block(&tdx, TDR, GPA),
			 TDX_GPA_RANGE_ALREADY_BLOCKED);
	assert_int_equal(tdh_mem_page_remove(&tdx, TDR, GPA),
			 TDX_TLB_TRACKING_NOT_DONE);
	assert_int_equal(tdh_mem_range_unblock(&tdx, TDR, GPA),
			 TDX_TLB_TRACKING_NOT_DONE);
	assert_int_equal(tdh_mem_track(&tdx, TDR), TDX_SUCCESS);
	/* WBINVD only of a removed (NDA) page */
	assert_int_equal(tdh_phymem_page_wbinvd(&tdx, 5),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mem_page_remove(&tdx, TDR, GPA), TDX_SUCCESS);
	assert_int_equal(gms_tdx_sept(td, GPA).state, SEPT_FREE);
	assert_int_equal(gms_tdx_pamt(&tdx, 5).pt, PT_NDA);
	assert_int_equal(tdh_mem_page_remove(&tdx, TDR, GPA),
			 TDX_EPT_ENTRY_STATE_INCORRECT);
	assert_true(gms_hw_table_contains(tdx.dirty, GSIZE_TO_POINTER(5)));
	assert_int_equal(tdh_phymem_page_wbinvd(&tdx, 5), TDX_SUCCESS);
	gms_tdx_clear_page(&tdx, 5);
	assert_false(gms_hw_table_contains(tdx.dirty, GSIZE_TO_POINTER(5)));
	/* UNBLOCK restores the state after tracking */
	assert_int_equal(tdh_mem_page_aug(&tdx, TDR, GPA, 6), TDX_SUCCESS);
	assert_int_equal(tdh_mem_range_block(&tdx, TDR, GPA), TDX_SUCCESS);
	assert_int_equal(tdh_mem_track(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mem_range_unblock(&tdx, TDR, GPA), TDX_SUCCESS);
	assert_int_equal(gms_tdx_sept(td, GPA).state, SEPT_PENDING);
	assert_int_equal(tdh_mem_range_unblock(&tdx, TDR, GPA),
			 TDX_EPT_ENTRY_STATE_INCORRECT);
	gms_tdx_destroy(&tdx);
}

static void test_teardown(void **state)
{
	struct gms_tdx tdx;
	struct gms_warn_log log = { 0 };
	struct gms_td *td;

	(void)state;
	build(&tdx, &log);
	td = gms_tdx_td(&tdx, TDR);
	assert_int_equal(tdh_mem_page_add(&tdx, TDR, GPA, 5), TDX_SUCCESS);
	/* RECLAIM needs TEARDOWN; KEY.FREEID needs BLOCKED and the write-back */
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, 5),
			 TDX_LIFECYCLE_STATE_INCORRECT);
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, 77),
			 TDX_PAGE_METADATA_INCORRECT);
	assert_int_equal(tdh_mng_key_freeid(&tdx, TDR),
			 TDX_LIFECYCLE_STATE_INCORRECT);
	td->assoc_vcpus = 1;
	assert_int_equal(tdh_mng_vpflushdone(&tdx, TDR), TDX_FLUSHVP_NOT_DONE);
	assert_int_equal(tdh_vp_flush(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_vpflushdone(&tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdx.kot[1], KOT_FLUSHED);
	assert_int_equal(tdh_mng_vpflushdone(&tdx, TDR),
			 TDX_LIFECYCLE_STATE_INCORRECT);
	assert_int_equal(tdh_mng_key_freeid(&tdx, TDR),
			 TDX_WBCACHE_NOT_COMPLETE);
	assert_int_equal(tdh_phymem_cache_wb(&tdx), TDX_SUCCESS);
	assert_int_equal(tdh_phymem_cache_wb(&tdx),
			 TDX_NO_HKID_READY_TO_WBCACHE);
	assert_int_equal(tdh_mng_key_freeid(&tdx, TDR), TDX_SUCCESS);
	assert_true(
		td->leaves_at_freeid); /* T7: the PAGE.ADD leaf is still there */
	assert_int_equal(tdx.kot[1], KOT_FREE);
	/* the TDR last: not while children exist */
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, TDR),
			 TDX_TD_ASSOCIATED_PAGES_EXIST);
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, 5), TDX_SUCCESS);
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, TDCX), TDX_SUCCESS);
	assert_int_equal(tdh_phymem_page_reclaim(&tdx, TDR), TDX_SUCCESS);
	assert_null(gms_tdx_td(&tdx, TDR));
	gms_tdx_destroy(&tdx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_add_aug_accept),
		cmocka_unit_test(test_block_track_remove),
		cmocka_unit_test(test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
