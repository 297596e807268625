// SPDX-License-Identifier: GPL-2.0
/*
 * The SEV-SNP RMP and ASIDs (hw_models.md 1.2-1.4, row by row) in the form
 * of pKVM's pkvm_ownership_selftest(): a few RMP entries (and the ASID
 * table) under watch; after every instruction or firmware command its
 * return value and every watched entry, field by field, are checked, and
 * that the model recorded no bug. RMPADJUST, FAIL_INUSE and the firmware's
 * guest-context commands are not modelled.
 */
#include "helpers.h"

#define A 3 /* an ASID */
#define NR_WATCH 4
#define GPA_2M 0x200000ULL

struct rmp_test {
	struct gms_warn_log log;
	struct gms_rmp rmp;
	struct gms_snp_asids asids;
	/* what RMPREAD must return for each watched pfn */
	u64 pfn[NR_WATCH];
	struct gms_rmp_entry exp[NR_WATCH];
	guint nr;
	/* what the ASID table must hold */
	struct gms_snp_asids exp_asids;
};

static int setup(void **state)
{
	struct rmp_test *t = g_new0(struct rmp_test, 1);

	gms_warn_log_init(&t->log);
	gms_rmp_init(&t->rmp, &t->log);
	gms_snp_asids_init(&t->asids, &t->log);
	gms_snp_asids_init(&t->exp_asids, NULL);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct rmp_test *t = *state;

	gms_rmp_destroy(&t->rmp);
	gms_warn_log_destroy(&t->log);
	g_free(t);
	return 0;
}

/* from now on RMPREAD of @pfn must return @e */
static void expect(struct rmp_test *t, u64 pfn, struct gms_rmp_entry e)
{
	guint i;

	for (i = 0; i < t->nr && t->pfn[i] != pfn; i++)
		;
	assert_true(i < NR_WATCH);
	t->pfn[i] = pfn;
	t->exp[i] = e;
	t->nr = MAX(t->nr, i + 1);
}

static struct gms_rmp_entry priv(u16 asid, u64 gpa, bool immutable)
{
	return (struct gms_rmp_entry){ .assigned = true,
				       .asid = asid,
				       .gpa = gpa,
				       .immutable = immutable };
}

static struct gms_rmp_entry big(u16 asid, u64 gpa)
{
	struct gms_rmp_entry e = priv(asid, gpa, false);

	e.pagesize = RMP_PG_SIZE_2M;
	return e;
}

static struct gms_rmp_entry validated(struct gms_rmp_entry e)
{
	e.validated = true;
	return e;
}

static void expect_eq(const char *what, u64 pfn, u64 got, u64 want,
		      const char *file, int line)
{
	if (got == want)
		return;
	print_error("%s of pfn %" G_GUINT64_FORMAT " is %#" G_GINT64_MODIFIER
		    "x, expected %#" G_GINT64_MODIFIER "x\n",
		    what, pfn, got, want);
	_fail(file, line);
}

static void check_bugs(struct rmp_test *t, const char *file, int line)
{
	expect_eq("model bugs", 0, t->log.count, 0, file, line);
	gms_rmp_assert_invariants(&t->rmp);
	gms_snp_asids_assert_invariants(&t->asids);
	expect_eq("model bugs after the walk", 0, t->log.count, 0, file, line);
}

/* every field of every watched entry, as RMPREAD returns it */
static void check_rmp_state(struct rmp_test *t, const char *file, int line)
{
	for (guint i = 0; i < t->nr; i++) {
		struct gms_rmp_entry got = gms_rmp_read(&t->rmp, t->pfn[i]);
		const struct gms_rmp_entry *want = &t->exp[i];
		u64 pfn = t->pfn[i];

		expect_eq("assigned", pfn, got.assigned, want->assigned, file,
			  line);
		expect_eq("pagesize", pfn, got.pagesize, want->pagesize, file,
			  line);
		expect_eq("immutable", pfn, got.immutable, want->immutable,
			  file, line);
		expect_eq("validated", pfn, got.validated, want->validated,
			  file, line);
		expect_eq("vmsa", pfn, got.vmsa, want->vmsa, file, line);
		expect_eq("reclaimed", pfn, got.reclaimed, want->reclaimed,
			  file, line);
		expect_eq("asid", pfn, got.asid, want->asid, file, line);
		expect_eq("gpa", pfn, got.gpa, want->gpa, file, line);
	}
	check_bugs(t, file, line);
}

/* every ASID's state, binding and S4 bookkeeping, and the firmware gate */
static void check_asid_state(struct rmp_test *t, const char *file, int line)
{
	const struct gms_snp_asids *a = &t->asids, *want = &t->exp_asids;

	for (u16 i = 0; i <= GMS_SNP_MAX_ASID; i++) {
		expect_eq("ASID state", i, a->state[i], want->state[i], file,
			  line);
		expect_eq("ASID bound", i, a->bound[i], want->bound[i], file,
			  line);
		expect_eq("reused_unflushed", i, a->reused_unflushed[i],
			  want->reused_unflushed[i], file, line);
		expect_eq("stale_at_activate", i, a->stale_at_activate[i],
			  want->stale_at_activate[i], file, line);
	}
	expect_eq("wbinvd_done", 0, a->wbinvd_done, want->wbinvd_done, file,
		  line);
	expect_eq("df_flushes", 0, a->df_flushes, want->df_flushes, file, line);
	check_bugs(t, file, line);
}

/* mirrors: assert_transition_res() of pkvm_ownership_selftest() */
#define assert_transition(t, res, fn, ...)                           \
	do {                                                         \
		assert_int_equal(fn(&(t)->rmp, ##__VA_ARGS__), res); \
		check_rmp_state(t, __FILE__, __LINE__);              \
	} while (0)

#define assert_asid_transition(t, res, fn, ...)                        \
	do {                                                           \
		assert_int_equal(fn(&(t)->asids, ##__VA_ARGS__), res); \
		check_asid_state(t, __FILE__, __LINE__);               \
	} while (0)

/* the same for the commands that return nothing */
#define assert_asid_step(t, fn, ...)                     \
	do {                                             \
		fn(&(t)->asids, ##__VA_ARGS__);          \
		check_asid_state(t, __FILE__, __LINE__); \
	} while (0)

static void test_rmpupdate(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry e = priv(A, 0x1000, false), shared = { 0 };
	struct gms_rmp_entry bad;

	expect(t, 7, e);
	assert_transition(t, 0, gms_rmp_update, 7, &e);
	assert_true(gms_rmp_read(&t->rmp, 7).assigned);
	/* S1: an unassigned entry carries nothing */
	bad = (struct gms_rmp_entry){ .asid = A };
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_update, 7, &bad);
	bad = (struct gms_rmp_entry){ .gpa = 0x1000 };
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_update, 7, &bad);
	bad = (struct gms_rmp_entry){ .immutable = true };
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_update, 7, &bad);
	/* S8: a changed binding drops Validated, whatever the input says */
	expect(t, 7, validated(e));
	assert_transition(t, 0, gms_rmp_pvalidate, 7, A, 0x1000, true,
			  RMP_PG_SIZE_4K);
	e.gpa = 0x2000;
	e.validated = true;
	expect(t, 7, priv(A, 0x2000, false));
	assert_transition(t, 0, gms_rmp_update, 7, &e);
	assert_false(gms_rmp_read(&t->rmp, 7).validated);

	/* immutable (Pre-Guest, Firmware) entries go back only after a reclaim */
	e = priv(A, 0x3000, true);
	expect(t, 8, e);
	assert_transition(t, 0, gms_rmp_update, 8, &e);
	assert_transition(t, RMP_FAIL_PERMISSION, gms_rmp_update, 8, &shared);
	e.immutable = false;
	e.reclaimed = true;
	expect(t, 8, e);
	assert_transition(t, 0, gms_rmp_page_reclaim, 8);
	expect(t, 8, shared);
	assert_transition(t, 0, gms_rmp_update, 8, &shared);
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_page_reclaim,
			  8);

	/* 2M: aligned, all 512 unassigned; a 4K update inside it is refused */
	e = big(A, 0);
	expect(t, 0, shared);
	expect(t, 300, shared);
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_update, 513, &e);
	assert_transition(t, RMP_FAIL_OVERLAP, gms_rmp_update, 0, &e);
	expect(t, 7, shared);
	assert_transition(t, 0, gms_rmp_update, 7, &shared);
	expect(t, 0, e);
	assert_transition(t, 0, gms_rmp_update, 0, &e);
	assert_true(gms_rmp_lookup(&t->rmp, 300).assigned);
	assert_int_equal(gms_rmp_lookup(&t->rmp, 300).asid, A);
	assert_false(gms_rmp_read(&t->rmp, 300).assigned);
	assert_transition(t, RMP_FAIL_SIZEMISMATCH, gms_rmp_update, 300,
			  &shared);
	/* rmp_make_shared() of the whole 2M: a hypervisor-owned 2M entry */
	shared.pagesize = RMP_PG_SIZE_2M;
	expect(t, 0, shared);
	assert_transition(t, 0, gms_rmp_update, 0, &shared);
	assert_false(gms_rmp_lookup(&t->rmp, 300).assigned);
}

/*
 * S8, the page size. A validated 4K entry at an aligned pfn cannot become a
 * 2M one in place: the model's RMPUPDATE wants the whole 2M range
 * unassigned (UNVERIFIED against the APM; KVM never asks, since
 * is_large_rmp_possible() goes 2M only over a shared range), so the entry
 * stays as it was. An update that changes nothing of a 2M entry's binding
 * keeps Validated: the page size is part of the binding only when it moves.
 */
static void test_rmpupdate_size_change(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry e = priv(A, GPA_2M, false);

	expect(t, 512, e);
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	expect(t, 512, validated(e));
	assert_transition(t, 0, gms_rmp_pvalidate, 512, A, GPA_2M, true,
			  RMP_PG_SIZE_4K);
	e = big(A, GPA_2M);
	assert_transition(t, RMP_FAIL_OVERLAP, gms_rmp_update, 512, &e);
	e = priv(A, GPA_2M, false);
	expect(t, 512, e);
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	e = (struct gms_rmp_entry){ 0 };
	expect(t, 512, e);
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	e = big(A, GPA_2M);
	expect(t, 512, e);
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	expect(t, 512, validated(e));
	assert_transition(t, 0, gms_rmp_pvalidate, 512, A, GPA_2M, true,
			  RMP_PG_SIZE_2M);
	e = validated(e);
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	assert_int_equal(gms_rmp_guest_access(&t->rmp, 600, A,
					      GPA_2M + 88 * PAGE, true),
			 0);
}

static void test_psmash_and_pvalidate(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry e = big(A, GPA_2M), small;

	expect(t, 512, e);
	expect(t, 513, (struct gms_rmp_entry){ 0 });
	assert_transition(t, 0, gms_rmp_update, 512, &e);
	/* PVALIDATE: size mismatches, wrong ASID or gpa, no-update */
	assert_transition(t, RMP_NPF, gms_rmp_pvalidate, 512, A, GPA_2M, true,
			  RMP_PG_SIZE_4K);
	assert_transition(t, RMP_NPF, gms_rmp_pvalidate, 512, A + 1, GPA_2M,
			  true, RMP_PG_SIZE_2M);
	assert_transition(t, RMP_NPF, gms_rmp_pvalidate, 512, A, GPA_2M + SZ_2M,
			  true, RMP_PG_SIZE_2M);
	assert_transition(t, RMP_NPF, gms_rmp_pvalidate, 1024, A, GPA_2M, true,
			  RMP_PG_SIZE_4K);
	expect(t, 512, validated(e));
	assert_transition(t, 0, gms_rmp_pvalidate, 512, A, GPA_2M, true,
			  RMP_PG_SIZE_2M);
	assert_transition(t, PVALIDATE_FAIL_NOUPDATE, gms_rmp_pvalidate, 512, A,
			  GPA_2M, true, RMP_PG_SIZE_2M);
	/* a follower's pfn reaches the 2M entry */
	assert_transition(t, PVALIDATE_FAIL_NOUPDATE, gms_rmp_pvalidate, 600, A,
			  GPA_2M, true, RMP_PG_SIZE_2M);

	/* PSMASH keeps Validated and splits the gpa */
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_psmash, 513);
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_psmash, 1024);
	small = validated(priv(A, GPA_2M, false));
	expect(t, 512, small);
	small.gpa += PAGE;
	expect(t, 513, small);
	assert_transition(t, 0, gms_rmp_psmash, 512);
	assert_true(gms_rmp_read(&t->rmp, 513).validated);
	assert_int_equal(gms_rmp_read(&t->rmp, 513).gpa, 0x201000);
	assert_transition(t, RMP_FAIL_SIZEMISMATCH, gms_rmp_pvalidate, 513, A,
			  0x201000, true, RMP_PG_SIZE_2M);
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_psmash, 512);
	/* 4K now: each page on its own, invalidated one by one */
	small.validated = false;
	expect(t, 513, small);
	assert_transition(t, 0, gms_rmp_pvalidate, 513, A, 0x201000, false,
			  RMP_PG_SIZE_4K);
	assert_transition(t, PVALIDATE_FAIL_NOUPDATE, gms_rmp_pvalidate, 513, A,
			  0x201000, false, RMP_PG_SIZE_4K);
	/* another processor in the region: FAIL_INUSE, then it goes through */
	e = big(A, 2 * GPA_2M);
	assert_transition(t, 0, gms_rmp_update, 1024, &e);
	gms_rmp_contend(&t->rmp, 1024 + 9, 2);
	assert_transition(t, RMP_FAIL_INPUT, gms_rmp_psmash, 1024 + 9);
	assert_transition(t, RMP_FAIL_INUSE, gms_rmp_psmash, 1024);
	assert_transition(t, RMP_FAIL_INUSE, gms_rmp_psmash, 1024);
	assert_int_equal(gms_rmp_read(&t->rmp, 1024).pagesize, RMP_PG_SIZE_2M);
	assert_transition(t, 0, gms_rmp_psmash, 1024);
	assert_int_equal(gms_rmp_lookup(&t->rmp, 1024 + 9).pagesize,
			 RMP_PG_SIZE_4K);
	assert_int_equal(gms_rmp_lookup(&t->rmp, 1024 + 9).gpa,
			 2 * GPA_2M + 9 * PAGE);
	/* a PSMASHed region does not go shared at 2M: 4K entries stay assigned */
	small = (struct gms_rmp_entry){ .pagesize = RMP_PG_SIZE_2M };
	assert_transition(t, RMP_FAIL_OVERLAP, gms_rmp_update, 1024, &small);
	assert_true(gms_rmp_read(&t->rmp, 1024).assigned);
	/* but a whole assigned 2M entry does */
	e = big(A, 3 * GPA_2M);
	assert_transition(t, 0, gms_rmp_update, 1536, &e);
	assert_transition(t, 0, gms_rmp_update, 1536, &small);
	assert_false(gms_rmp_lookup(&t->rmp, 1536 + 3).assigned);
}

/* SNP_LAUNCH_UPDATE turns a Pre-Guest page into a Guest-Valid one */
static void test_launch_update(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry e = priv(A, 0x5000, false);
	struct gms_rmp_entry fw = { .assigned = true, .immutable = true };

	expect(t, 5, (struct gms_rmp_entry){ 0 });
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_launch_update,
			  5);
	/* a runtime (mutable) guest page: nothing to launch */
	expect(t, 5, e);
	assert_transition(t, 0, gms_rmp_update, 5, &e);
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_launch_update,
			  5);
	/* a firmware page (ASID 0): no guest's */
	expect(t, 6, fw);
	assert_transition(t, 0, gms_rmp_update, 6, &fw);
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_launch_update,
			  6);
	/* Pre-Guest -> Guest-Valid: validated, mutable (UNVERIFIED) */
	e = priv(A, 0x7000, true);
	expect(t, 7, e);
	assert_transition(t, 0, gms_rmp_update, 7, &e);
	expect(t, 7, validated(priv(A, 0x7000, false)));
	assert_transition(t, 0, gms_rmp_launch_update, 7);
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_launch_update,
			  7);
	/* the firmware page goes back through SNP_PAGE_RECLAIM */
	fw.immutable = false;
	fw.reclaimed = true;
	expect(t, 6, fw);
	assert_transition(t, 0, gms_rmp_page_reclaim, 6);
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_page_reclaim,
			  6);
	expect(t, 6, (struct gms_rmp_entry){ 0 });
	assert_transition(t, 0, gms_rmp_update, 6,
			  &(struct gms_rmp_entry){ 0 });
}

static void test_access_checks(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry e = priv(A, 0x5000, false);
	struct gms_rmp *rmp = &t->rmp;

	expect(t, 5, e);
	assert_transition(t, 0, gms_rmp_update, 5, &e);
	/* S2: 4K writes fault on the page, 2M ones on the whole region */
	assert_true(gms_rmp_host_write_faults(rmp, 5, RMP_PG_SIZE_4K));
	assert_false(gms_rmp_host_write_faults(rmp, 6, RMP_PG_SIZE_4K));
	assert_true(gms_rmp_host_write_faults(rmp, 6, RMP_PG_SIZE_2M));
	assert_false(gms_rmp_host_write_faults(rmp, 600, RMP_PG_SIZE_2M));
	/* guest: C=1 needs ASID, gpa and Validated; C=0 an unassigned page */
	assert_int_equal(gms_rmp_guest_access(rmp, 5, A, 0x5000, true),
			 RMP_VC_NOT_VALIDATED);
	assert_int_equal(gms_rmp_guest_access(rmp, 5, A + 1, 0x5000, true),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(rmp, 5, A, 0x6000, true),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(rmp, 5, A, 0x5000, false),
			 RMP_NPF);
	assert_int_equal(gms_rmp_guest_access(rmp, 6, A, 0x5000, false), 0);
	expect(t, 5, validated(e));
	assert_transition(t, 0, gms_rmp_pvalidate, 5, A, 0x5000, true,
			  RMP_PG_SIZE_4K);
	assert_int_equal(gms_rmp_guest_access(rmp, 5, A, 0x5000, true), 0);
	assert_int_equal(gms_rmp_count_asid(rmp, A), 1);
	/* SNP_LAUNCH_UPDATE needs a Pre-Guest page */
	assert_transition(t, SEV_RET_INVALID_PAGE_STATE, gms_rmp_launch_update,
			  5);
}

static void test_asids(void **state)
{
	struct rmp_test *t = *state;
	struct gms_snp_asids *want = &t->exp_asids;

	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++) {
		want->state[i] = ASID_INUSE;
		assert_asid_transition(t, i, gms_snp_asid_new);
	}
	want->bound[1] = true;
	assert_asid_transition(t, 0, gms_snp_activate, 1, 0);
	assert_asid_transition(t, SEV_RET_ASID_OWNED, gms_snp_activate, 1, 0);
	assert_asid_transition(t, SEV_RET_INVALID_ASID, gms_snp_activate, 0, 0);
	assert_asid_transition(t, SEV_RET_INVALID_ASID, gms_snp_activate,
			       GMS_SNP_MAX_ASID + 1, 0);
	/* freeing only marks it: nothing is free until a flushed recycle */
	want->state[1] = ASID_NEEDS_FLUSH;
	assert_asid_step(t, gms_snp_asid_free, 1);
	assert_int_equal(t->asids.state[1], ASID_NEEDS_FLUSH);
	assert_asid_step(t, gms_snp_asid_free, 1); /* already queued */
	assert_asid_step(t, gms_snp_asid_free, 0);
	assert_asid_step(t, gms_snp_asid_free, GMS_SNP_MAX_ASID + 1);
	/* a freed ASID is no longer activatable */
	assert_asid_transition(t, SEV_RET_INVALID_ASID, gms_snp_activate, 1, 0);
	/* DECOMMISSION clears the WBINVD indicator: DF_FLUSH wants a WBINVD */
	want->bound[1] = false;
	assert_asid_transition(t, 0, gms_snp_decommission, 1);
	assert_asid_transition(t, SEV_RET_INVALID_GUEST_STATE,
			       gms_snp_decommission, 1);
	assert_asid_transition(t, SEV_RET_INVALID_GUEST_STATE,
			       gms_snp_decommission, 0);
	assert_asid_transition(t, SEV_RET_WBINVD_REQUIRED, gms_snp_df_flush);
	/* allocation recycles: WBINVD, DF_FLUSH, then ASID 1 again, flushed */
	want->state[1] = ASID_INUSE;
	want->wbinvd_done = true;
	want->df_flushes = 1;
	assert_asid_transition(t, 1, gms_snp_asid_new);
	assert_false(t->asids.reused_unflushed[1]);
	assert_int_equal(t->asids.df_flushes, 1);
	/* none left: the recycle flushes again and finds nothing */
	want->df_flushes = 2;
	assert_asid_transition(t, 0, gms_snp_asid_new);
	/* the mutant's recycle skips the gate */
	want->state[2] = ASID_NEEDS_FLUSH;
	assert_asid_step(t, gms_snp_asid_free, 2);
	t->asids.skip_flush = true;
	want->state[2] = ASID_INUSE;
	want->reused_unflushed[2] = true;
	assert_asid_transition(t, 2, gms_snp_asid_new);
	assert_true(t->asids.reused_unflushed[2]);
	/* S4: stale entries seen at SNP_ACTIVATE are remembered */
	want->bound[2] = true;
	want->stale_at_activate[2] = 5;
	assert_asid_transition(t, 0, gms_snp_activate, 2, 5);
	assert_int_equal(t->asids.stale_at_activate[2], 5);
	/* DF_FLUSH after WBINVD succeeds */
	want->wbinvd_done = false;
	want->bound[2] = false;
	assert_asid_transition(t, 0, gms_snp_decommission, 2);
	want->wbinvd_done = true;
	assert_asid_step(t, gms_snp_wbinvd);
	want->df_flushes = 3;
	assert_asid_transition(t, 0, gms_snp_df_flush);
	/* the highest ASID is recycled like any (max_sev_asid is inclusive) */
	t->asids.skip_flush = false;
	want->state[GMS_SNP_MAX_ASID] = ASID_NEEDS_FLUSH;
	assert_asid_step(t, gms_snp_asid_free, GMS_SNP_MAX_ASID);
	want->state[GMS_SNP_MAX_ASID] = ASID_INUSE;
	want->df_flushes = 4;
	assert_asid_transition(t, GMS_SNP_MAX_ASID, gms_snp_asid_new);
}

/* the latest model bug was one, reported from src/hw/@file */
static void assert_one_bug(const struct gms_warn_log *log, u32 before,
			   const char *file)
{
	g_autofree char *prefix = g_strdup_printf("src/hw/%s:", file);
	const char *site = log->last;
	char *end;

	assert_int_equal(log->count, before + 1);
	assert_non_null(site);
	while (g_str_has_prefix(site, "../"))
		site += 3; /* meson compiles from the build directory */
	assert_true(g_str_has_prefix(site, prefix));
	assert_true(strtoul(site + strlen(prefix), &end, 10) > 0);
	assert_true(g_str_has_prefix(end, ": WARN_ON("));
}

/* write @e at @pfn behind the instructions' back */
static void poke(struct rmp_test *t, u64 pfn, struct gms_rmp_entry e)
{
	g_hash_table_insert(gms_hw_table(&t->rmp.entries, g_free),
			    GSIZE_TO_POINTER(pfn), g_memdup2(&e, sizeof(e)));
}

/* Each breaks one invariant of a consistent table, as a model bug would. */
static void test_rmp_invariants_catch_corruption(void **state)
{
	struct gms_rmp_entry fw = { .assigned = true, .immutable = true };
	struct gms_rmp_entry huge = big(A, GPA_2M);
	struct gms_rmp_entry bad[] = {
		/* S1: a hypervisor-owned entry with Validated */
		{ .validated = true },
		/* a 2M entry at an unaligned pfn (see below) */
		{ .assigned = true, .pagesize = RMP_PG_SIZE_2M, .asid = A },
		/* no such page size */
		{ .assigned = true, .pagesize = 5, .asid = A },
		/* a validated firmware page */
		{ .assigned = true, .asid = 0, .validated = true },
		/* reclaimed, yet still immutable */
		{ .assigned = true,
		  .asid = A,
		  .immutable = true,
		  .reclaimed = true },
		/* S5: a follower of the 2M entry bound elsewhere */
		{ .assigned = true, .asid = A + 1, .gpa = GPA_2M + PAGE },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		struct rmp_test *t;
		void *s;

		setup(&s);
		t = s;
		/* a 2M guest entry at 512, a firmware page at 7 */
		assert_int_equal(gms_rmp_update(&t->rmp, 512, &huge), 0);
		assert_int_equal(gms_rmp_update(&t->rmp, 7, &fw), 0);
		assert_true(gms_rmp_assert_invariants(&t->rmp));
		poke(t, i == G_N_ELEMENTS(bad) - 1 ? 513 : 9, bad[i]);
		assert_false(gms_rmp_assert_invariants(&t->rmp));
		assert_one_bug(&t->log, 0, "rmp.c");
		teardown(&s);
	}
}

/* An instruction checks the entry it wrote: a corrupted one is caught there. */
static void test_instruction_checks_its_entry(void **state)
{
	struct rmp_test *t = *state;

	/* a firmware page someone marked validated */
	poke(t, 7,
	     (struct gms_rmp_entry){
		     .assigned = true, .immutable = true, .validated = true });
	assert_int_equal(t->log.count, 0);
	assert_int_equal(gms_rmp_page_reclaim(&t->rmp, 7), 0);
	assert_one_bug(&t->log, 0, "rmp.c");
	/* a Pre-Guest page with a page size no RMP entry has */
	poke(t, 9,
	     (struct gms_rmp_entry){ .assigned = true,
				     .immutable = true,
				     .asid = 1,
				     .pagesize = RMP_PG_SIZE_2M + 1 });
	assert_int_equal(gms_rmp_launch_update(&t->rmp, 9), 0);
	assert_one_bug(&t->log, 1, "rmp.c");
}

static void test_asid_invariants_catch_corruption(void **state)
{
	struct rmp_test *t = *state;
	struct gms_snp_asids *a = &t->asids;
	u32 bugs = 0;

	assert_int_equal(gms_snp_asid_new(a), 1);
	assert_true(gms_snp_asids_assert_invariants(a));
	/* queued for a flush, though never freed */
	a->state[2] = ASID_NEEDS_FLUSH;
	assert_false(gms_snp_asids_assert_invariants(a));
	assert_one_bug(&t->log, bugs++, "snp_asid.c");
	a->state[2] = ASID_FREE;
	/* ASID 0 bound to a guest context */
	a->bound[0] = true;
	assert_false(gms_snp_asids_assert_invariants(a));
	assert_one_bug(&t->log, bugs++, "snp_asid.c");
	a->bound[0] = false;
	/* not a state */
	a->state[3] = 7;
	assert_false(gms_snp_asids_assert_invariants(a));
	assert_one_bug(&t->log, bugs++, "snp_asid.c");
	a->state[3] = ASID_FREE;
	/* flushed since a free that never was */
	a->flushed_since_free[4] = true;
	assert_false(gms_snp_asids_assert_invariants(a));
	assert_one_bug(&t->log, bugs++, "snp_asid.c");
	a->flushed_since_free[4] = false;
	assert_true(gms_snp_asids_assert_invariants(a));
}

/*
 * Only SNP_PAGE_RECLAIM makes an immutable page mutable: an RMPUPDATE that
 * asks for the model's reclaimed mark does not get it, so the Pre-Guest page
 * it made still refuses the next update until a real reclaim.
 */
static void test_update_cannot_forge_reclaim(void **state)
{
	struct rmp_test *t = *state;
	struct gms_rmp_entry forged = { .assigned = true,
					.asid = 1,
					.immutable = true,
					.reclaimed = true };
	struct gms_rmp_entry shared = { 0 };

	assert_int_equal(gms_rmp_update(&t->rmp, 9, &forged), 0);
	assert_false(gms_rmp_lookup(&t->rmp, 9).reclaimed);
	assert_int_equal(gms_rmp_update(&t->rmp, 9, &shared),
			 RMP_FAIL_PERMISSION);
	assert_int_equal(gms_rmp_page_reclaim(&t->rmp, 9), 0);
	assert_int_equal(gms_rmp_update(&t->rmp, 9, &shared), 0);
	assert_int_equal(t->log.count, 0);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_rmpupdate),
		TEST(test_rmpupdate_size_change),
		TEST(test_psmash_and_pvalidate),
		TEST(test_launch_update),
		TEST(test_access_checks),
		TEST(test_asids),
		cmocka_unit_test(test_rmp_invariants_catch_corruption),
		TEST(test_instruction_checks_its_entry),
		TEST(test_asid_invariants_catch_corruption),
		TEST(test_update_cannot_forge_reclaim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
