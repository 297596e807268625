// SPDX-License-Identifier: GPL-2.0
/*
 * The TDX module's SEAMCALLs (hw_models.md 2.2, precondition by
 * precondition) in the form of pKVM's pkvm_ownership_selftest(): one TD,
 * two of its GPAs and four pages under watch; after every SEAMCALL its
 * return value and every view (TD lifecycle, op state, chldcnt, epoch, the
 * KOT slot of its key, each S-EPT leaf, each page's PAMT entry and what it
 * still needs before the allocator may have it) are checked, and that the
 * model recorded no bug. The 4K tests watch two GPAs; the 2M ones
 * (test_huge_*) watch a 2M leaf at GPA_2M over the pages PFN_2M..+511 by
 * its level, state and PAMT size. SEPT.ADD/REMOVE, PROMOTE and MR.EXTEND
 * are not modelled; OPERAND_BUSY comes from a vCPU holding an entry.
 */
#include "helpers.h"

#define TDR 100
#define TDCX 101
#define HKID 1
#define NO_TD (TDR + 9)
#define GPA_A 0x1000ULL
#define GPA_B 0x2000ULL
#define PFN_A 5
#define PFN_B 6
#define NDA_PFN 77 /* a page the module never had */
#define GPA_2M 0x200000ULL
#define PFN_2M 1024ULL
#define PG(i) ((u64)(i) << GMS_PAGE_SHIFT)

enum { PG_A, PG_B, PG_TDCX, PG_TDR, NR_PAGES };
static const u64 watched_pfn[NR_PAGES] = { PFN_A, PFN_B, TDCX, TDR };
static const u64 watched_gpa[2] = { GPA_A, GPA_B };

struct tdx_expected {
	bool td; /* TDR's TD exists */
	enum gms_td_life life;
	enum gms_td_op op;
	u64 chldcnt;
	u64 epoch;
	enum gms_kot_state kot; /* KOT[HKID] */
	bool wbinvd_pending;
	struct {
		enum gms_sept_state state;
		u64 hpa;
	} leaf[2]; /* at GPA_A, GPA_B */
	struct {
		u8 pt;
		u64 owner;
		guint dirty; /* GMS_TDX_NEEDS_* */
	} page[NR_PAGES];
};

struct tdx_test {
	struct gms_warn_log log;
	struct gms_tdx tdx;
	struct tdx_expected exp;
};

static int setup(void **state)
{
	struct tdx_test *t = g_new0(struct tdx_test, 1);

	gms_warn_log_init(&t->log);
	gms_tdx_init(&t->tdx, &t->log);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tdx_test *t = *state;

	gms_tdx_destroy(&t->tdx);
	gms_warn_log_destroy(&t->log);
	g_free(t);
	return 0;
}

static void expect_eq(const char *what, u64 got, u64 want, const char *file,
		      int line)
{
	if (got == want)
		return;
	print_error("%s is %#" G_GINT64_MODIFIER
		    "x, expected %#" G_GINT64_MODIFIER "x\n",
		    what, got, want);
	_fail(file, line);
}

static void check_tdx_state(struct tdx_test *t, const char *file, int line)
{
	const struct gms_td *td = gms_tdx_td(&t->tdx, TDR);
	const struct tdx_expected *x = &t->exp;

	expect_eq("TD exists", td != NULL, x->td, file, line);
	if (td) {
		expect_eq("lifecycle", td->life, x->life, file, line);
		expect_eq("op_state", td->op_state, x->op, file, line);
		expect_eq("chldcnt", td->chldcnt, x->chldcnt, file, line);
		expect_eq("td_epoch", td->td_epoch, x->epoch, file, line);
		expect_eq("hkid", td->hkid, HKID, file, line);
	}
	for (int i = 0; i < 2; i++) {
		struct gms_sept_entry e =
			td ? gms_tdx_sept(td, watched_gpa[i]) :
			     (struct gms_sept_entry){ SEPT_FREE, 0 };

		expect_eq(i ? "S-EPT state at GPA_B" : "S-EPT state at GPA_A",
			  e.state, x->leaf[i].state, file, line);
		if (e.state != SEPT_FREE)
			expect_eq(i ? "hpa at GPA_B" : "hpa at GPA_A",
				  e.hpa_pfn, x->leaf[i].hpa, file, line);
	}
	expect_eq("KOT[HKID]", t->tdx.kot[HKID], x->kot, file, line);
	expect_eq("wbinvd_pending[HKID]", t->tdx.wbinvd_pending[HKID],
		  x->wbinvd_pending, file, line);
	for (int i = 0; i < NR_PAGES; i++) {
		struct gms_pamt_entry p = gms_tdx_pamt(&t->tdx, watched_pfn[i]);
		guint dirty = GPOINTER_TO_UINT(gms_hw_table_lookup(
			t->tdx.dirty, GSIZE_TO_POINTER(watched_pfn[i])));

		expect_eq("PAMT type", p.pt, x->page[i].pt, file, line);
		if (p.pt != PT_NDA)
			expect_eq("PAMT owner", p.owner, x->page[i].owner, file,
				  line);
		expect_eq("needs", dirty, x->page[i].dirty, file, line);
	}
	expect_eq("model bugs", t->log.count, 0, file, line);
	gms_tdx_assert_invariants(&t->tdx);
	expect_eq("model bugs after the walk", t->log.count, 0, file, line);
}

#define assert_tdx_state(t) check_tdx_state(t, __FILE__, __LINE__)

/* mirrors: assert_transition_res() of pkvm_ownership_selftest() */
#define assert_transition(t, res, fn, ...)                           \
	do {                                                         \
		assert_int_equal(fn(&(t)->tdx, ##__VA_ARGS__), res); \
		assert_tdx_state(t);                                 \
	} while (0)

static void expect_page(struct tdx_test *t, int i, u8 pt, guint dirty)
{
	t->exp.page[i].pt = pt;
	t->exp.page[i].owner = pt == PT_NDA ? 0 : TDR;
	t->exp.page[i].dirty = dirty;
}

static void expect_leaf(struct tdx_test *t, int i, enum gms_sept_state st,
			u64 hpa)
{
	t->exp.leaf[i].state = st;
	t->exp.leaf[i].hpa = hpa;
}

/* TDH.MNG.CREATE, KEY.CONFIG, ADDCX, INIT: a TD ready for PAGE.ADD */
static void build(struct tdx_test *t)
{
	assert_int_equal(tdh_mng_create(&t->tdx, TDR, HKID), TDX_SUCCESS);
	assert_int_equal(tdh_mng_key_config(&t->tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_addcx(&t->tdx, TDR, TDCX), TDX_SUCCESS);
	assert_int_equal(tdh_mng_init(&t->tdx, TDR), TDX_SUCCESS);
	t->exp.td = true;
	t->exp.life = TD_KEYS_CONFIGURED;
	t->exp.op = OP_INITIALIZED;
	t->exp.chldcnt = 1;
	t->exp.kot = KOT_ASSIGNED;
	expect_page(t, PG_TDR, PT_TDR, 0);
	expect_page(t, PG_TDCX, PT_TDCX, 0);
	assert_tdx_state(t);
}

static void test_build(void **state)
{
	struct tdx_test *t = *state;

	assert_tdx_state(t);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_create, TDR, 0);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_create, TDR,
			  GMS_TDX_MAX_HKID + 1);
	t->exp.td = true;
	t->exp.life = TD_HKID_ASSIGNED;
	t->exp.kot = KOT_ASSIGNED;
	expect_page(t, PG_TDR, PT_TDR, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mng_create, TDR, HKID);
	/* the TDR page is taken; the key is taken */
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mng_create, TDR,
			  2);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_create, NO_TD, HKID);
	/* nothing before KEY.CONFIG */
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mng_addcx, TDR,
			  TDCX);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mng_init, TDR);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mem_page_add,
			  TDR, GPA_A, PFN_A);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_key_config, NO_TD);
	t->exp.life = TD_KEYS_CONFIGURED;
	assert_transition(t, TDX_SUCCESS, tdh_mng_key_config, TDR);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mng_key_config,
			  TDR);
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mng_addcx, TDR,
			  TDR);
	t->exp.chldcnt = 1;
	expect_page(t, PG_TDCX, PT_TDCX, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mng_addcx, TDR, TDCX);
	/* nothing before MNG.INIT */
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mem_page_add, TDR,
			  GPA_A, PFN_A);
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mem_page_aug, TDR,
			  GPA_A, TDX_PS_4K, PFN_A);
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mr_finalize, TDR);
	t->exp.op = OP_INITIALIZED;
	assert_transition(t, TDX_SUCCESS, tdh_mng_init, TDR);
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mng_init, TDR);
	assert_int_equal(gms_tdx_keyid_alloc(&t->tdx), 2);
}

static void test_add_aug_accept(void **state)
{
	struct tdx_test *t = *state;

	build(t);
	/* AUG needs FREE and an NDA page; PAGE.ADD only while INITIALIZED */
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_add, NO_TD,
			  GPA_A, PFN_A);
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mem_page_add, TDR,
			  GPA_A, TDCX);
	t->exp.chldcnt = 2;
	expect_leaf(t, 0, SEPT_MAPPED, PFN_A);
	expect_page(t, PG_A, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_add, TDR, GPA_A, PFN_A);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_add,
			  TDR, GPA_A, PFN_B);
	assert_transition(t, TDX_PAGE_ALREADY_ACCEPTED, tdg_mem_page_accept,
			  TDR, GPA_A, TDX_PS_4K);
	/* before RUNNABLE no TLB tracking: REMOVE takes an unblocked leaf */
	t->exp.chldcnt = 3;
	expect_leaf(t, 1, SEPT_MAPPED, PFN_B);
	expect_page(t, PG_B, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_add, TDR, GPA_B, PFN_B);
	t->exp.chldcnt = 2;
	expect_leaf(t, 1, SEPT_FREE, 0);
	expect_page(t, PG_B, PT_NDA,
		    GMS_TDX_NEEDS_WBINVD | GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_remove, TDR, GPA_B,
			  TDX_PS_4K);
	expect_page(t, PG_B, PT_NDA, GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_wbinvd, PFN_B);
	expect_page(t, PG_B, PT_NDA, 0);
	gms_tdx_clear_page(&t->tdx, PFN_B);
	assert_tdx_state(t);

	t->exp.op = OP_RUNNABLE;
	assert_transition(t, TDX_SUCCESS, tdh_mr_finalize, TDR);
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mr_finalize, TDR);
	assert_transition(t, TDX_OP_STATE_INCORRECT, tdh_mem_page_add, TDR,
			  GPA_B, PFN_B);
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mem_page_aug, TDR,
			  GPA_B, TDX_PS_4K, PFN_A);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_aug,
			  TDR, GPA_A, TDX_PS_4K, PFN_B);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_aug, NO_TD,
			  GPA_B, TDX_PS_4K, PFN_B);
	t->exp.chldcnt = 3;
	expect_leaf(t, 1, SEPT_PENDING, PFN_B);
	expect_page(t, PG_B, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, GPA_B,
			  TDX_PS_4K, PFN_B);
	assert_int_equal(gms_tdx_td(&t->tdx, TDR)->chldcnt, 3);
	/* ACCEPT: PENDING -> MAPPED once */
	/* nothing mapped there: the TD exits, KVM maps it (Table 8.2) */
	assert_transition(t, GMS_TDX_EXIT_EPT_VIOLATION, tdg_mem_page_accept,
			  TDR, 3 * GPA_A, TDX_PS_4K);
	assert_transition(t, TDX_OPERAND_INVALID, tdg_mem_page_accept, NO_TD,
			  GPA_B, TDX_PS_4K);
	expect_leaf(t, 1, SEPT_MAPPED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR, GPA_B,
			  TDX_PS_4K);
	assert_transition(t, TDX_PAGE_ALREADY_ACCEPTED, tdg_mem_page_accept,
			  TDR, GPA_B, TDX_PS_4K);
}

static void test_block_track_remove(void **state)
{
	struct tdx_test *t = *state;
	u64 blocked_at;

	build(t);
	t->exp.op = OP_RUNNABLE;
	assert_transition(t, TDX_SUCCESS, tdh_mr_finalize, TDR);
	t->exp.chldcnt = 2;
	expect_leaf(t, 0, SEPT_PENDING, PFN_A);
	expect_page(t, PG_A, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, GPA_A,
			  TDX_PS_4K, PFN_A);
	/* RUNNABLE: REMOVE wants BLOCKED, then a TRACK past the block epoch */
	assert_transition(t, TDX_GPA_RANGE_NOT_BLOCKED, tdh_mem_page_remove,
			  TDR, GPA_A, TDX_PS_4K);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_range_block,
			  TDR, GPA_B, TDX_PS_4K);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_range_block, NO_TD,
			  GPA_A, TDX_PS_4K);
	expect_leaf(t, 0, SEPT_PENDING_BLOCKED, PFN_A);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, GPA_A,
			  TDX_PS_4K);
	blocked_at = gms_tdx_pamt(&t->tdx, PFN_A).bepoch;
	assert_int_equal(blocked_at, t->exp.epoch);
	assert_transition(t, TDX_GPA_RANGE_ALREADY_BLOCKED, tdh_mem_range_block,
			  TDR, GPA_A, TDX_PS_4K);
	assert_transition(t, TDX_TLB_TRACKING_NOT_DONE, tdh_mem_page_remove,
			  TDR, GPA_A, TDX_PS_4K);
	assert_transition(t, TDX_TLB_TRACKING_NOT_DONE, tdh_mem_range_unblock,
			  TDR, GPA_A, TDX_PS_4K);
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
	/* WBINVD only of a removed (NDA) page */
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT,
			  tdh_phymem_page_wbinvd, PFN_A);
	t->exp.chldcnt = 1;
	expect_leaf(t, 0, SEPT_FREE, 0);
	expect_page(t, PG_A, PT_NDA,
		    GMS_TDX_NEEDS_WBINVD | GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_remove, TDR, GPA_A,
			  TDX_PS_4K);
	assert_int_equal(gms_tdx_sept(gms_tdx_td(&t->tdx, TDR), GPA_A).state,
			 SEPT_FREE);
	assert_int_equal(gms_tdx_pamt(&t->tdx, PFN_A).pt, PT_NDA);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_remove,
			  TDR, GPA_A, TDX_PS_4K);
	assert_true(
		gms_hw_table_contains(t->tdx.dirty, GSIZE_TO_POINTER(PFN_A)));
	expect_page(t, PG_A, PT_NDA, GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_wbinvd, PFN_A);
	expect_page(t, PG_A, PT_NDA, 0);
	gms_tdx_clear_page(&t->tdx, PFN_A);
	assert_tdx_state(t);
	assert_false(
		gms_hw_table_contains(t->tdx.dirty, GSIZE_TO_POINTER(PFN_A)));

	/* UNBLOCK restores the state after tracking: PENDING ... */
	t->exp.chldcnt = 2;
	expect_leaf(t, 0, SEPT_PENDING, PFN_B);
	expect_page(t, PG_B, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, GPA_A,
			  TDX_PS_4K, PFN_B);
	expect_leaf(t, 0, SEPT_PENDING_BLOCKED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, GPA_A,
			  TDX_PS_4K);
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
	expect_leaf(t, 0, SEPT_PENDING, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_unblock, TDR, GPA_A,
			  TDX_PS_4K);
	assert_int_equal(gms_tdx_sept(gms_tdx_td(&t->tdx, TDR), GPA_A).state,
			 SEPT_PENDING);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT,
			  tdh_mem_range_unblock, TDR, GPA_A, TDX_PS_4K);
	/* ... and MAPPED */
	expect_leaf(t, 0, SEPT_MAPPED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR, GPA_A,
			  TDX_PS_4K);
	expect_leaf(t, 0, SEPT_BLOCKED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, GPA_A,
			  TDX_PS_4K);
	assert_transition(t, TDX_GPA_RANGE_ALREADY_BLOCKED, tdh_mem_range_block,
			  TDR, GPA_A, TDX_PS_4K);
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
	expect_leaf(t, 0, SEPT_MAPPED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_unblock, TDR, GPA_A,
			  TDX_PS_4K);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_track, NO_TD);
}

static void test_teardown(void **state)
{
	struct tdx_test *t = *state;
	struct gms_td *td;

	build(t);
	td = gms_tdx_td(&t->tdx, TDR);
	t->exp.chldcnt = 2;
	expect_leaf(t, 0, SEPT_MAPPED, PFN_A);
	expect_page(t, PG_A, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_add, TDR, GPA_A, PFN_A);
	/* RECLAIM needs TEARDOWN; KEY.FREEID needs BLOCKED and the write-back */
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT,
			  tdh_phymem_page_reclaim, PFN_A);
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT,
			  tdh_phymem_page_reclaim, NDA_PFN);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mng_key_freeid,
			  TDR);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_key_freeid, NO_TD);
	td->assoc_vcpus = 1;
	assert_transition(t, TDX_FLUSHVP_NOT_DONE, tdh_mng_vpflushdone, TDR);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_vp_flush, NO_TD);
	assert_transition(t, TDX_SUCCESS, tdh_vp_flush, TDR);
	assert_int_equal(td->assoc_vcpus, 0);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mng_vpflushdone, NO_TD);
	t->exp.life = TD_BLOCKED;
	t->exp.kot = KOT_FLUSHED;
	t->exp.wbinvd_pending = true;
	assert_transition(t, TDX_SUCCESS, tdh_mng_vpflushdone, TDR);
	assert_int_equal(t->tdx.kot[HKID], KOT_FLUSHED);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mng_vpflushdone,
			  TDR);
	/* the S-EPT leaf SEAMCALLs want the keys configured */
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mem_track, TDR);
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT, tdh_mem_page_remove,
			  TDR, GPA_A, TDX_PS_4K);
	assert_transition(t, TDX_WBCACHE_NOT_COMPLETE, tdh_mng_key_freeid, TDR);
	t->exp.wbinvd_pending = false;
	assert_transition(t, TDX_SUCCESS, tdh_phymem_cache_wb);
	assert_transition(t, TDX_NO_HKID_READY_TO_WBCACHE, tdh_phymem_cache_wb);
	t->exp.life = TD_TEARDOWN;
	t->exp.kot = KOT_FREE;
	assert_transition(t, TDX_SUCCESS, tdh_mng_key_freeid, TDR);
	/* T7: the PAGE.ADD leaf is still there */
	assert_true(td->leaves_at_freeid);
	assert_int_equal(t->tdx.kot[HKID], KOT_FREE);
	/* the TDR last: not while children exist */
	assert_transition(t, TDX_TD_ASSOCIATED_PAGES_EXIST,
			  tdh_phymem_page_reclaim, TDR);
	/* the S-EPT is dead now: its leaf outlives the page it mapped */
	t->exp.chldcnt = 1;
	expect_page(t, PG_A, PT_NDA, GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_reclaim, PFN_A);
	/* the key may serve a new TD already */
	t->exp.kot = KOT_ASSIGNED;
	assert_transition(t, TDX_SUCCESS, tdh_mng_create, 2 * TDR, HKID);
	t->exp.chldcnt = 0;
	expect_page(t, PG_TDCX, PT_NDA, GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_reclaim, TDCX);
	t->exp.td = false;
	expect_leaf(t, 0, SEPT_FREE, 0);
	expect_page(t, PG_TDR, PT_NDA, GMS_TDX_NEEDS_CLEAR);
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_reclaim, TDR);
	assert_null(gms_tdx_td(&t->tdx, TDR));
	/* the new TD's pages go back only after its own teardown */
	assert_transition(t, TDX_LIFECYCLE_STATE_INCORRECT,
			  tdh_phymem_page_reclaim, 2 * TDR);
}

/* the latest model bug was one, reported from src/hw/tdx.c */
static void assert_one_bug(const struct gms_warn_log *log, u32 before)
{
	const char *site = log->last;
	char *end;

	assert_int_equal(log->count, before + 1);
	assert_non_null(site);
	while (g_str_has_prefix(site, "../"))
		site += 3; /* meson compiles from the build directory */
	assert_true(g_str_has_prefix(site, "src/hw/tdx.c:"));
	assert_true(strtoul(site + strlen("src/hw/tdx.c:"), &end, 10) > 0);
	assert_true(g_str_has_prefix(end, ": WARN_ON("));
}

static struct gms_sept_entry *leaf_of(struct tdx_test *t, u64 gpa)
{
	return g_hash_table_lookup(gms_tdx_td(&t->tdx, TDR)->sept,
				   GSIZE_TO_POINTER(gpa >> GMS_PAGE_SHIFT));
}

static struct gms_pamt_entry *pamt_of(struct tdx_test *t, u64 pfn)
{
	struct gms_pamt_entry p = gms_tdx_pamt(&t->tdx, pfn);

	g_hash_table_insert(gms_hw_table(&t->tdx.pamt, g_free),
			    GSIZE_TO_POINTER(pfn), g_memdup2(&p, sizeof(p)));
	return g_hash_table_lookup(t->tdx.pamt, GSIZE_TO_POINTER(pfn));
}

/* Each breaks one invariant of a consistent module, as a model bug would. */
static void corrupt_leaf_hpa(struct tdx_test *t)
{
	leaf_of(t, GPA_A)->hpa_pfn = NDA_PFN; /* T1 */
}

static void corrupt_chldcnt(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->chldcnt++; /* T4 */
}

static void corrupt_key_freed(struct tdx_test *t)
{
	t->tdx.kot[HKID] = KOT_FREE; /* T6: the live TD's key */
}

static void corrupt_key_orphaned(struct tdx_test *t)
{
	t->tdx.kot[3] = KOT_ASSIGNED; /* no TD holds it */
}

static void corrupt_wbinvd_unflushed(struct tdx_test *t)
{
	t->tdx.wbinvd_pending[3] = true; /* no VPFLUSHDONE queued it */
}

static void corrupt_owner_gone(struct tdx_test *t)
{
	struct gms_pamt_entry *p = pamt_of(t, NDA_PFN);

	p->pt = PT_REG;
	p->owner = 999;
}

static void corrupt_rsvd(struct tdx_test *t)
{
	pamt_of(t, NDA_PFN)->pt = PT_RSVD;
}

static void corrupt_bepoch(struct tdx_test *t)
{
	pamt_of(t, PFN_A)->bepoch = 5; /* an epoch the TD has not reached */
}

static void corrupt_leaf_state(struct tdx_test *t)
{
	leaf_of(t, GPA_A)->state = 9;
}

static void corrupt_freeid_flag(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->leaves_at_freeid = true; /* still live */
}

static void corrupt_op_state(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->op_state = OP_UNINITIALIZED; /* with leaves */
}

static void corrupt_tdr_gone(struct tdx_test *t)
{
	g_hash_table_remove(t->tdx.pamt, GSIZE_TO_POINTER(TDR));
}

static void corrupt_dirty(struct tdx_test *t)
{
	g_hash_table_insert(gms_hw_table(&t->tdx.dirty, NULL),
			    GSIZE_TO_POINTER(NDA_PFN), GUINT_TO_POINTER(4));
}

static void corrupt_lifecycle(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->life = 9;
}

static void corrupt_leaves_alias(struct tdx_test *t)
{
	leaf_of(t, GPA_B)->hpa_pfn = PFN_A; /* T1: two leaves, one page */
}

static void corrupt_unmapped_reg(struct tdx_test *t)
{
	struct gms_pamt_entry *p = pamt_of(t, NDA_PFN);

	p->pt = PT_REG; /* T1: a page of the TD no leaf maps */
	p->owner = TDR;
	gms_tdx_td(&t->tdx, TDR)->chldcnt++;
}

static void corrupt_init_unkeyed(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->life = TD_HKID_ASSIGNED; /* yet RUNNABLE */
}

static void corrupt_blocked_unflushed(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->life = TD_BLOCKED; /* KOT still ASSIGNED */
}

static void corrupt_op_state_value(struct tdx_test *t)
{
	gms_tdx_td(&t->tdx, TDR)->op_state = 7;
}

static void corrupt_global_key(struct tdx_test *t)
{
	t->tdx.kot[0] = KOT_ASSIGNED;
}

static void test_invariants_catch_corruption(void **state)
{
	static void (*const corrupt[])(struct tdx_test *) = {
		corrupt_leaf_hpa,
		corrupt_chldcnt,
		corrupt_key_freed,
		corrupt_key_orphaned,
		corrupt_wbinvd_unflushed,
		corrupt_owner_gone,
		corrupt_rsvd,
		corrupt_bepoch,
		corrupt_leaf_state,
		corrupt_freeid_flag,
		corrupt_op_state,
		corrupt_tdr_gone,
		corrupt_dirty,
		corrupt_lifecycle,
		corrupt_leaves_alias,
		corrupt_unmapped_reg,
		corrupt_init_unkeyed,
		corrupt_blocked_unflushed,
		corrupt_op_state_value,
		corrupt_global_key,
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(corrupt); i++) {
		struct tdx_test *t;
		void *s;

		setup(&s);
		t = s;
		/* a RUNNABLE TD with a measured page and an augmented one */
		build(t);
		assert_int_equal(tdh_mem_page_add(&t->tdx, TDR, GPA_A, PFN_A),
				 TDX_SUCCESS);
		assert_int_equal(tdh_mr_finalize(&t->tdx, TDR), TDX_SUCCESS);
		assert_int_equal(tdh_mem_page_aug(&t->tdx, TDR, GPA_B,
						  TDX_PS_4K, PFN_B),
				 TDX_SUCCESS);
		assert_true(gms_tdx_assert_invariants(&t->tdx));
		corrupt[i](t);
		assert_false(gms_tdx_assert_invariants(&t->tdx));
		assert_one_bug(&t->log, 0);
		teardown(&s);
	}
}

/* A SEAMCALL checks what it touched: a corrupted TD is caught there. */
static void test_seamcall_checks_its_td(void **state)
{
	struct tdx_test *t = *state;

	build(t);
	assert_int_equal(tdh_mem_page_add(&t->tdx, TDR, GPA_A, PFN_A),
			 TDX_SUCCESS);
	gms_tdx_td(&t->tdx, TDR)->chldcnt = 0; /* fewer than its leaves */
	assert_int_equal(t->log.count, 0);
	assert_int_equal(tdh_mem_track(&t->tdx, TDR), TDX_SUCCESS);
	assert_one_bug(&t->log, 0);
}

/* the leaf mapping @gpa: state, level and the pfn of the page at @gpa */
static void expect_sept_at(struct tdx_test *t, u64 gpa, enum gms_sept_state st,
			   int level, u64 pfn)
{
	struct gms_sept_entry e = gms_tdx_sept(gms_tdx_td(&t->tdx, TDR), gpa);

	assert_int_equal(e.state, st);
	if (st == SEPT_FREE)
		return;
	assert_int_equal(e.level, level);
	assert_int_equal(e.hpa_pfn, pfn);
}

static void expect_pamt_at(struct tdx_test *t, u64 pfn, u8 pt, int size)
{
	struct gms_pamt_entry p = gms_tdx_pamt(&t->tdx, pfn);

	assert_int_equal(p.pt, pt);
	if (pt != PT_NDA)
		assert_int_equal(p.size, size);
}

static void runnable(struct tdx_test *t)
{
	build(t);
	t->exp.op = OP_RUNNABLE;
	assert_transition(t, TDX_SUCCESS, tdh_mr_finalize, TDR);
}

/* a 2M leaf at GPA_2M over PFN_2M, PENDING */
static void aug_2m(struct tdx_test *t)
{
	t->exp.chldcnt += 512;
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, GPA_2M,
			  TDX_PS_2M, PFN_2M);
	expect_sept_at(t, GPA_2M + PG(5), SEPT_PENDING, TDX_PS_2M, PFN_2M + 5);
	expect_pamt_at(t, PFN_2M + 511, PT_REG, TDX_PS_2M);
}

/* a 4K PENDING leaf at watched gpa @i (GPA_A or GPA_B) over its page */
static void aug_4k(struct tdx_test *t, int i)
{
	t->exp.chldcnt++;
	expect_leaf(t, i, SEPT_PENDING, i ? PFN_B : PFN_A);
	expect_page(t, i ? PG_B : PG_A, PT_REG, 0);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, watched_gpa[i],
			  TDX_PS_4K, i ? PFN_B : PFN_A);
}

/* a RUNNABLE TD with the 2M leaf of aug_2m() */
static struct gms_td *runnable_2m(struct tdx_test *t)
{
	runnable(t);
	aug_2m(t);
	return gms_tdx_td(&t->tdx, TDR);
}

static void block_track(struct tdx_test *t, u64 gpa, int level)
{
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, gpa, level);
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
}

/* TDH.MEM.PAGE.AUG at 2M: its operands, its range, the walk both ways */
static void test_huge_aug(void **state)
{
	struct tdx_test *t = *state;

	runnable(t);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_aug, TDR,
			  GPA_2M + PG(1), TDX_PS_2M, PFN_2M);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_aug, TDR, GPA_2M,
			  TDX_PS_2M, PFN_2M + 1);
	/* 1G leaves are not modelled; a level the module has not */
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_aug, TDR, 0,
			  TDX_PS_1G, 0);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_aug, TDR, 0, 7,
			  0);
	/* every 4K page of the range must be NDA: PFN_A lies in [0, 512) */
	aug_4k(t, 0);
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mem_page_aug, TDR,
			  GPA_2M, TDX_PS_2M, 0);
	/* a 4K leaf hangs in [0, 2M): the 2M entry there is a non-leaf */
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_aug,
			  TDR, 0, TDX_PS_2M, PFN_2M);
	aug_2m(t);
	assert_true(gms_tdx_assert_invariants(&t->tdx));
	/* inside the 2M leaf a 4K request ends the walk */
	assert_transition(t, TDX_EPT_WALK_FAILED, tdh_mem_page_aug, TDR,
			  GPA_2M + PG(1), TDX_PS_4K, NDA_PFN);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_aug,
			  TDR, GPA_2M, TDX_PS_2M, 2 * PFN_2M);
	/* a follower page of the 2M REG page is not NDA */
	assert_transition(t, TDX_PAGE_METADATA_INCORRECT, tdh_mem_page_aug, TDR,
			  GPA_B, TDX_PS_4K, PFN_2M + 7);
	assert_transition(t, TDX_EPT_WALK_FAILED, tdh_mem_range_block, TDR,
			  GPA_2M + PG(3), TDX_PS_4K);
	assert_transition(t, TDX_EPT_WALK_FAILED, tdh_mem_page_remove, TDR,
			  GPA_2M, TDX_PS_4K);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_remove, TDR,
			  GPA_2M + PG(3), TDX_PS_2M);
}

/*
 * TDG.MEM.PAGE.ACCEPT at a level against the host's leaf (Table 8.2): the
 * same level accepts once; a 4K accept under a PENDING 2M leaf exits (KVM
 * must DEMOTE), under a MAPPED one is PAGE_SIZE_MISMATCH; a 2M accept over
 * a split range is PAGE_SIZE_MISMATCH; nothing mapped exits.
 */
static void test_huge_accept(void **state)
{
	struct tdx_test *t = *state;

	runnable(t);
	assert_transition(t, GMS_TDX_EXIT_EPT_VIOLATION, tdg_mem_page_accept,
			  TDR, GPA_2M, TDX_PS_2M);
	assert_transition(t, TDX_OPERAND_INVALID, tdg_mem_page_accept, TDR,
			  GPA_2M + PG(1), TDX_PS_2M);
	aug_2m(t);
	assert_transition(t, GMS_TDX_EXIT_EPT_VIOLATION, tdg_mem_page_accept,
			  TDR, GPA_2M + PG(9), TDX_PS_4K);
	expect_sept_at(t, GPA_2M + PG(9), SEPT_PENDING, TDX_PS_2M, PFN_2M + 9);
	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR, GPA_2M,
			  TDX_PS_2M);
	expect_sept_at(t, GPA_2M + PG(511), SEPT_MAPPED, TDX_PS_2M,
		       PFN_2M + 511);
	assert_transition(t, TDX_PAGE_ALREADY_ACCEPTED, tdg_mem_page_accept,
			  TDR, GPA_2M, TDX_PS_2M);
	assert_transition(t, TDX_PAGE_SIZE_MISMATCH, tdg_mem_page_accept, TDR,
			  GPA_2M + PG(9), TDX_PS_4K);
	/* blocked: the host is changing it, the TD exits */
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, GPA_2M,
			  TDX_PS_2M);
	assert_transition(t, GMS_TDX_EXIT_EPT_VIOLATION, tdg_mem_page_accept,
			  TDR, GPA_2M, TDX_PS_2M);
	/* a 4K leaf below a 2M accept */
	aug_4k(t, 1);
	assert_transition(t, TDX_PAGE_SIZE_MISMATCH, tdg_mem_page_accept, TDR,
			  0, TDX_PS_2M);
	expect_leaf(t, 1, SEPT_MAPPED, PFN_B);
	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR, GPA_B,
			  TDX_PS_4K);
}

/*
 * TDH.MEM.PAGE.DEMOTE (tdh_mem_page_demote.c): only a 2M leaf, while
 * RUNNABLE blocked (GPA_RANGE_NOT_BLOCKED) and tracked
 * (TLB_TRACKING_NOT_DONE), not while a vCPU holds the entry
 * (OPERAND_BUSY); the children come out unblocked, the PAMT splits, the
 * 2M entry stays a non-leaf: no 2M leaf comes back there (no PROMOTE).
 */
static void test_huge_demote(void **state)
{
	struct tdx_test *t = *state;
	struct gms_td *td = runnable_2m(t);

	assert_transition(t, TDX_GPA_RANGE_NOT_BLOCKED, tdh_mem_page_demote,
			  TDR, GPA_2M, TDX_PS_2M);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_demote, TDR,
			  GPA_2M, TDX_PS_4K);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_demote, TDR,
			  GPA_2M, TDX_PS_1G);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_demote,
			  TDR, 2 * GPA_2M, TDX_PS_2M);
	assert_transition(t, TDX_OPERAND_INVALID, tdh_mem_page_demote, NO_TD,
			  GPA_2M, TDX_PS_2M);
	assert_transition(t, TDX_SUCCESS, tdh_mem_range_block, TDR, GPA_2M,
			  TDX_PS_2M);
	expect_sept_at(t, GPA_2M + PG(1), SEPT_PENDING_BLOCKED, TDX_PS_2M,
		       PFN_2M + 1);
	assert_transition(t, TDX_TLB_TRACKING_NOT_DONE, tdh_mem_page_demote,
			  TDR, GPA_2M, TDX_PS_2M);
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
	gms_tdx_guest_lock(td, GPA_2M + PG(3), true);
	assert_transition(t, TDX_OPERAND_BUSY, tdh_mem_page_demote, TDR, GPA_2M,
			  TDX_PS_2M);
	/* the range's first page is in it, the next range's first is not */
	gms_tdx_guest_lock(td, GPA_2M, true);
	assert_transition(t, TDX_OPERAND_BUSY, tdh_mem_page_demote, TDR, GPA_2M,
			  TDX_PS_2M);
	/* KVM's kick: the vCPU leaves, and comes back elsewhere */
	gms_tdx_guest_lock(td, GPA_2M, false);
	gms_tdx_guest_lock(td, 2 * GPA_2M, true);
	assert_false(gms_tdx_sept_split(td, GPA_2M));
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_demote, TDR, GPA_2M,
			  TDX_PS_2M);
	assert_true(gms_tdx_sept_split(td, GPA_2M));
	for (u64 i = 0; i < 512; i++) {
		expect_sept_at(t, GPA_2M + PG(i), SEPT_PENDING, TDX_PS_4K,
			       PFN_2M + i);
		expect_pamt_at(t, PFN_2M + i, PT_REG, TDX_PS_4K);
	}
	assert_int_equal(td->chldcnt, t->exp.chldcnt);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_demote,
			  TDR, GPA_2M, TDX_PS_2M);
	/* 4K now: the guest accepts one page, a 2M accept is too large */
	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR,
			  GPA_2M + PG(1), TDX_PS_4K);
	expect_sept_at(t, GPA_2M + PG(1), SEPT_MAPPED, TDX_PS_4K, PFN_2M + 1);
	expect_sept_at(t, GPA_2M + PG(2), SEPT_PENDING, TDX_PS_4K, PFN_2M + 2);
	assert_transition(t, TDX_PAGE_SIZE_MISMATCH, tdg_mem_page_accept, TDR,
			  GPA_2M, TDX_PS_2M);
	/* exact zap of one 4K page */
	block_track(t, GPA_2M + PG(1), TDX_PS_4K);
	t->exp.chldcnt--;
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_remove, TDR,
			  GPA_2M + PG(1), TDX_PS_4K);
	expect_sept_at(t, GPA_2M + PG(1), SEPT_FREE, 0, 0);
	expect_pamt_at(t, PFN_2M + 1, PT_NDA, 0);
	expect_pamt_at(t, PFN_2M + 2, PT_REG, TDX_PS_4K);
	/* the rest, then no 2M leaf comes back over the S-EPT page */
	for (u64 i = 0; i < 512; i++) {
		if (i == 1)
			continue;
		assert_int_equal(tdh_mem_range_block(&t->tdx, TDR,
						     GPA_2M + PG(i), TDX_PS_4K),
				 TDX_SUCCESS);
	}
	t->exp.epoch++;
	assert_transition(t, TDX_SUCCESS, tdh_mem_track, TDR);
	for (u64 i = 0; i < 512; i++)
		if (i != 1)
			assert_int_equal(tdh_mem_page_remove(&t->tdx, TDR,
							     GPA_2M + PG(i),
							     TDX_PS_4K),
					 TDX_SUCCESS);
	t->exp.chldcnt -= 511;
	assert_tdx_state(t);
	assert_transition(t, TDX_EPT_ENTRY_STATE_INCORRECT, tdh_mem_page_aug,
			  TDR, GPA_2M, TDX_PS_2M, PFN_2M);
}

/* A MAPPED 2M leaf demotes to MAPPED children; a 2M leaf goes whole */
static void test_huge_demote_mapped_and_remove(void **state)
{
	struct tdx_test *t = *state;
	struct gms_td *td = runnable_2m(t);

	assert_transition(t, TDX_SUCCESS, tdg_mem_page_accept, TDR, GPA_2M,
			  TDX_PS_2M);
	block_track(t, GPA_2M, TDX_PS_2M);
	expect_sept_at(t, GPA_2M, SEPT_BLOCKED, TDX_PS_2M, PFN_2M);
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_demote, TDR, GPA_2M,
			  TDX_PS_2M);
	expect_sept_at(t, GPA_2M + PG(300), SEPT_MAPPED, TDX_PS_4K,
		       PFN_2M + 300);
	assert_true(gms_tdx_assert_invariants(&t->tdx));

	/* a second 2M leaf, removed whole: 512 pages NDA, each to flush */
	t->exp.chldcnt += 512;
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_aug, TDR, 2 * GPA_2M,
			  TDX_PS_2M, 2 * PFN_2M);
	assert_transition(t, TDX_GPA_RANGE_NOT_BLOCKED, tdh_mem_page_remove,
			  TDR, 2 * GPA_2M, TDX_PS_2M);
	block_track(t, 2 * GPA_2M, TDX_PS_2M);
	t->exp.chldcnt -= 512;
	assert_transition(t, TDX_SUCCESS, tdh_mem_page_remove, TDR, 2 * GPA_2M,
			  TDX_PS_2M);
	expect_sept_at(t, 2 * GPA_2M + PG(4), SEPT_FREE, 0, 0);
	for (u64 i = 0; i < 512; i++) {
		expect_pamt_at(t, 2 * PFN_2M + i, PT_NDA, 0);
		assert_int_equal(GPOINTER_TO_UINT(gms_hw_table_lookup(
					 t->tdx.dirty,
					 GSIZE_TO_POINTER(2 * PFN_2M + i))),
				 GMS_TDX_NEEDS_WBINVD | GMS_TDX_NEEDS_CLEAR);
	}
	/* no S-EPT page was made there: a 2M leaf may come back */
	assert_false(gms_tdx_sept_split(td, 2 * GPA_2M));
}

/* PAGE.ADD is 4K only; TEARDOWN reclaims a 2M page whole */
static void test_huge_build_and_reclaim(void **state)
{
	struct tdx_test *t = *state;

	build(t);
	/* the module takes a 2M AUG before finalize; KVM never asks it */
	aug_2m(t);
	assert_transition(t, TDX_EPT_WALK_FAILED, tdh_mem_page_add, TDR,
			  GPA_2M + PG(2), NDA_PFN);
	assert_int_equal(tdh_vp_flush(&t->tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_mng_vpflushdone(&t->tdx, TDR), TDX_SUCCESS);
	assert_int_equal(tdh_phymem_cache_wb(&t->tdx), TDX_SUCCESS);
	assert_int_equal(tdh_mng_key_freeid(&t->tdx, TDR), TDX_SUCCESS);
	t->exp.life = TD_TEARDOWN;
	t->exp.kot = KOT_FREE;
	t->exp.chldcnt -= 512;
	/* a follower's pfn finds the 2M page */
	assert_transition(t, TDX_SUCCESS, tdh_phymem_page_reclaim, PFN_2M + 17);
	for (u64 i = 0; i < 512; i++)
		expect_pamt_at(t, PFN_2M + i, PT_NDA, 0);
}

/* T6 with every key in use: one live TD per HKID, the highest included */
static void test_every_hkid_live(void **state)
{
	struct tdx_test *t = *state;

	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++) {
		assert_int_equal(tdh_mng_create(&t->tdx, 200 + h, h),
				 TDX_SUCCESS);
		assert_int_equal(tdh_mng_key_config(&t->tdx, 200 + h),
				 TDX_SUCCESS);
		assert_int_equal(t->tdx.kot[h], KOT_ASSIGNED);
	}
	assert_true(gms_tdx_assert_invariants(&t->tdx));
	/* a second TD on the highest key breaks it */
	gms_tdx_td(&t->tdx, 200 + GMS_TDX_MAX_HKID - 1)->hkid =
		GMS_TDX_MAX_HKID;
	assert_false(gms_tdx_assert_invariants(&t->tdx));
	gms_tdx_td(&t->tdx, 200 + GMS_TDX_MAX_HKID - 1)->hkid =
		GMS_TDX_MAX_HKID - 1;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_build),
		TEST(test_add_aug_accept),
		TEST(test_block_track_remove),
		TEST(test_teardown),
		cmocka_unit_test(test_invariants_catch_corruption),
		TEST(test_seamcall_checks_its_td),
		TEST(test_huge_aug),
		TEST(test_huge_accept),
		TEST(test_huge_demote),
		TEST(test_huge_demote_mapped_and_remove),
		TEST(test_huge_build_and_reclaim),
		TEST(test_every_hkid_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
