// SPDX-License-Identifier: GPL-2.0
/* The SEV-SNP RMP and ASIDs: hw_models.md 1.2-1.4, row by row. */
#include "helpers.h"

#define A 3 /* an ASID */

static struct gms_rmp_entry priv(u16 asid, u64 gpa, bool immutable)
{
	return (struct gms_rmp_entry){ .assigned = true,
				       .asid = asid,
				       .gpa = gpa,
				       .immutable = immutable };
}

static void test_rmpupdate(void **state)
{
	struct gms_rmp rmp;
	struct gms_warn_log log = { 0 };
	struct gms_rmp_entry e = priv(A, 0x1000, false), shared = { 0 };
	struct gms_rmp_entry big = priv(A, 0, false);

	(void)state;
	gms_rmp_init(&rmp, &log);
	assert_int_equal(gms_rmp_update(&rmp, 7, &e), 0);
	assert_true(gms_rmp_read(&rmp, 7).assigned);
	/* S1: an unassigned entry carries nothing */
	shared.asid = A;
	assert_int_equal(gms_rmp_update(&rmp, 7, &shared), RMP_FAIL_INPUT);
	shared.asid = 0;
	/* S8: a changed binding drops Validated */
	assert_int_equal(
		gms_rmp_pvalidate(&rmp, 7, A, 0x1000, true, RMP_PG_SIZE_4K), 0);
	e.gpa = 0x2000;
	e.validated = true;
	assert_int_equal(gms_rmp_update(&rmp, 7, &e), 0);
	assert_false(gms_rmp_read(&rmp, 7).validated);
	/* immutable (Pre-Guest, Firmware) entries go back only after a reclaim */
	e = priv(A, 0x3000, true);
	assert_int_equal(gms_rmp_update(&rmp, 8, &e), 0);
	assert_int_equal(gms_rmp_update(&rmp, 8, &shared), RMP_FAIL_PERMISSION);
	assert_int_equal(gms_rmp_page_reclaim(&rmp, 8), 0);
	assert_int_equal(gms_rmp_update(&rmp, 8, &shared), 0);
	assert_int_equal(gms_rmp_page_reclaim(&rmp, 8),
			 SEV_RET_INVALID_PAGE_STATE);
	/* 2M: aligned, all 512 unassigned; a 4K update inside it is refused */
	big.pagesize = RMP_PG_SIZE_2M;
	assert_int_equal(gms_rmp_update(&rmp, 513, &big), RMP_FAIL_INPUT);
	assert_int_equal(gms_rmp_update(&rmp, 0, &big), RMP_FAIL_OVERLAP);
	assert_int_equal(gms_rmp_update(&rmp, 7, &shared), 0);
	assert_int_equal(gms_rmp_update(&rmp, 0, &big), 0);
	assert_true(gms_rmp_lookup(&rmp, 300).assigned);
	assert_int_equal(gms_rmp_update(&rmp, 300, &shared),
			 RMP_FAIL_SIZEMISMATCH);
	gms_rmp_destroy(&rmp);
}

static void test_psmash_and_pvalidate(void **state)
{
	struct gms_rmp rmp;
	struct gms_warn_log log = { 0 };
	struct gms_rmp_entry big = priv(A, 0x200000, false);

	(void)state;
	gms_rmp_init(&rmp, &log);
	big.pagesize = RMP_PG_SIZE_2M;
	assert_int_equal(gms_rmp_update(&rmp, 512, &big), 0);
	/* PVALIDATE: size mismatches, wrong ASID or gpa, no-update */
	assert_int_equal(gms_rmp_pvalidate(&rmp, 512, A, 0x200000, true,
					   RMP_PG_SIZE_4K),
			 RMP_NPF);
	assert_int_equal(gms_rmp_pvalidate(&rmp, 512, A + 1, 0x200000, true,
					   RMP_PG_SIZE_2M),
			 RMP_NPF);
	assert_int_equal(gms_rmp_pvalidate(&rmp, 512, A, 0x200000, true,
					   RMP_PG_SIZE_2M),
			 0);
	assert_int_equal(gms_rmp_pvalidate(&rmp, 512, A, 0x200000, true,
					   RMP_PG_SIZE_2M),
			 PVALIDATE_FAIL_NOUPDATE);
	/* PSMASH keeps Validated and splits the gpa */
	assert_int_equal(gms_rmp_psmash(&rmp, 513), RMP_FAIL_INPUT);
	assert_int_equal(gms_rmp_psmash(&rmp, 512), 0);
	assert_true(gms_rmp_read(&rmp, 513).validated);
	assert_int_equal(gms_rmp_read(&rmp, 513).gpa, 0x201000);
	assert_int_equal(gms_rmp_pvalidate(&rmp, 513, A, 0x201000, true,
					   RMP_PG_SIZE_2M),
			 RMP_FAIL_SIZEMISMATCH);
	assert_int_equal(gms_rmp_psmash(&rmp, 512), RMP_FAIL_INPUT);
	gms_rmp_destroy(&rmp);
}

static void test_access_checks(void **state)
{
	struct gms_rmp rmp;
	struct gms_warn_log log = { 0 };
	struct gms_rmp_entry e = priv(A, 0x5000, false);

	(void)state;
	gms_rmp_init(&rmp, &log);
	assert_int_equal(gms_rmp_update(&rmp, 5, &e), 0);
	/* S2: 4K writes fault on the page, 2M ones on the whole region */
	assert_true(gms_rmp_host_write_faults(&rmp, 5, RMP_PG_SIZE_4K));
	assert_false(gms_rmp_host_write_faults(&rmp, 6, RMP_PG_SIZE_4K));
	assert_true(gms_rmp_host_write_faults(&rmp, 6, RMP_PG_SIZE_2M));
	assert_false(gms_rmp_host_write_faults(&rmp, 600, RMP_PG_SIZE_2M));
	/* guest: C=1 needs ASID, gpa and Validated; C=0 an unassigned page */
	assert_int_equal(gms_rmp_guest_access(&rmp, 5, A, 0x5000, true),
			 RMP_VC_NOT_VALIDATED);
	assert_int_equal(gms_rmp_guest_access(&rmp, 5, A + 1, 0x5000, true),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(&rmp, 5, A, 0x6000, true),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(&rmp, 5, A, 0x5000, false),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(&rmp, 6, A, 0x5000, false), 0);
	assert_int_equal(
		gms_rmp_pvalidate(&rmp, 5, A, 0x5000, true, RMP_PG_SIZE_4K), 0);
	assert_int_equal(gms_rmp_guest_access(&rmp, 5, A, 0x5000, true), 0);
	assert_int_equal(gms_rmp_count_asid(&rmp, A), 1);
	/* SNP_LAUNCH_UPDATE needs a Pre-Guest page */
	assert_int_equal(gms_rmp_launch_update(&rmp, 5),
			 SEV_RET_INVALID_PAGE_STATE);
	gms_rmp_destroy(&rmp);
}

static void test_asids(void **state)
{
	struct gms_snp_asids a;
	struct gms_warn_log log = { 0 };
	u16 ids[GMS_SNP_MAX_ASID];

	(void)state;
	gms_snp_asids_init(&a, &log);
	for (int i = 0; i < GMS_SNP_MAX_ASID; i++) {
		ids[i] = gms_snp_asid_new(&a);
		assert_int_equal(ids[i], i + 1);
	}
	assert_int_equal(gms_snp_activate(&a, 1, 0), 0);
	assert_int_equal(gms_snp_activate(&a, 1, 0), SEV_RET_ASID_OWNED);
	assert_int_equal(gms_snp_activate(&a, 0, 0), SEV_RET_INVALID_ASID);
	/* freeing only marks it: nothing is free until a flushed recycle */
	gms_snp_asid_free(&a, 1);
	assert_int_equal(a.state[1], ASID_NEEDS_FLUSH);
	/* DECOMMISSION clears the WBINVD indicator: DF_FLUSH wants a WBINVD */
	assert_int_equal(gms_snp_decommission(&a, 1), 0);
	assert_int_equal(gms_snp_decommission(&a, 1),
			 SEV_RET_INVALID_GUEST_STATE);
	assert_int_equal(gms_snp_df_flush(&a), SEV_RET_WBINVD_REQUIRED);
	/* allocation recycles: WBINVD, DF_FLUSH, then ASID 1 again, flushed */
	assert_int_equal(gms_snp_asid_new(&a), 1);
	assert_false(a.reused_unflushed[1]);
	assert_int_equal(a.df_flushes, 1);
	assert_int_equal(gms_snp_asid_new(&a), 0);
	/* the mutant's recycle skips the gate */
	gms_snp_asid_free(&a, 2);
	a.skip_flush = true;
	assert_int_equal(gms_snp_asid_new(&a), 2);
	assert_true(a.reused_unflushed[2]);
	/* S4: stale entries seen at SNP_ACTIVATE are remembered */
	assert_int_equal(gms_snp_activate(&a, 2, 5), 0);
	assert_int_equal(a.stale_at_activate[2], 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rmpupdate),
		cmocka_unit_test(test_psmash_and_pvalidate),
		cmocka_unit_test(test_access_checks),
		cmocka_unit_test(test_asids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
