// SPDX-License-Identifier: GPL-2.0
/*
 * The TDX module's SEAMCALLs (intel/tdx-module tdh_mem_*.c, tdh_mng_*.c,
 * tdh_phymem_*.c, tdg_mem_page_accept.c; hw_models.md 2.2). Each checks
 * the states seamcall_sept_state_lookup / seamcall_state_lookup allow.
 */
#include <gmemsim/tdx.h>

static gpointer key(u64 v)
{
	return GSIZE_TO_POINTER((gsize)v);
}

static void td_free(gpointer p)
{
	struct gms_td *td = p;

	g_hash_table_unref(td->sept);
	g_free(td);
}

void gms_tdx_init(struct gms_tdx *tdx, struct gms_warn_log *warn)
{
	/* pamt, tds, dirty and poisoned come with their first entry */
	*tdx = (struct gms_tdx){ .warn = warn };
}

void gms_tdx_destroy(struct gms_tdx *tdx)
{
	gms_hw_table_free(&tdx->pamt);
	gms_hw_table_free(&tdx->tds);
	gms_hw_table_free(&tdx->dirty);
	gms_hw_table_free(&tdx->poisoned);
}

struct gms_pamt_entry gms_tdx_pamt(const struct gms_tdx *tdx, u64 pfn)
{
	struct gms_pamt_entry *e = gms_hw_table_lookup(tdx->pamt, key(pfn));

	return e ? *e : (struct gms_pamt_entry){ .pt = PT_NDA };
}

static void set_pamt(struct gms_tdx *tdx, u64 pfn, u8 pt, u64 owner)
{
	struct gms_pamt_entry e = { .pt = pt, .owner = owner };

	if (pt == PT_NDA)
		gms_hw_table_remove(tdx->pamt, key(pfn));
	else
		g_hash_table_insert(gms_hw_table(&tdx->pamt, g_free), key(pfn),
				    g_memdup2(&e, sizeof(e)));
}

/* what a freed page still needs before the allocator may have it; 0: clean */
static void set_dirty(struct gms_tdx *tdx, u64 pfn, guint needs)
{
	if (needs)
		g_hash_table_insert(gms_hw_table(&tdx->dirty, NULL), key(pfn),
				    GUINT_TO_POINTER(needs));
	else
		gms_hw_table_remove(tdx->dirty, key(pfn));
}

struct gms_td *gms_tdx_td(const struct gms_tdx *tdx, u64 tdr)
{
	return gms_hw_table_lookup(tdx->tds, key(tdr));
}

struct gms_sept_entry gms_tdx_sept(const struct gms_td *td, u64 gpa)
{
	struct gms_sept_entry *e =
		g_hash_table_lookup(td->sept, key(gpa >> GMS_PAGE_SHIFT));

	return e ? *e : (struct gms_sept_entry){ SEPT_FREE, 0 };
}

static void set_sept(struct gms_td *td, u64 gpa, enum gms_sept_state st,
		     u64 pfn)
{
	struct gms_sept_entry e = { st, pfn };

	if (st == SEPT_FREE)
		g_hash_table_remove(td->sept, key(gpa >> GMS_PAGE_SHIFT));
	else
		g_hash_table_insert(td->sept, key(gpa >> GMS_PAGE_SHIFT),
				    g_memdup2(&e, sizeof(e)));
}

u16 gms_tdx_keyid_alloc(struct gms_tdx *tdx)
{
	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++)
		if (tdx->kot[h] == KOT_FREE)
			return h;
	return 0;
}

/* TDH.MNG.CREATE: the TDR page and the HKID */
u64 tdh_mng_create(struct gms_tdx *tdx, u64 tdr, u16 hkid)
{
	struct gms_td *td;

	if (gms_tdx_pamt(tdx, tdr).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	if (!hkid || hkid > GMS_TDX_MAX_HKID || tdx->kot[hkid] != KOT_FREE)
		return TDX_OPERAND_INVALID;
	td = g_new0(struct gms_td, 1);
	td->tdr = tdr;
	td->hkid = hkid;
	td->life = TD_HKID_ASSIGNED;
	td->sept = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					 g_free);
	g_hash_table_insert(gms_hw_table(&tdx->tds, td_free), key(tdr), td);
	set_pamt(tdx, tdr, PT_TDR, tdr);
	tdx->kot[hkid] = KOT_ASSIGNED;
	return TDX_SUCCESS;
}

static struct gms_td *td_in(struct gms_tdx *tdx, u64 tdr, u64 *err)
{
	struct gms_td *td = gms_tdx_td(tdx, tdr);

	*err = td ? TDX_SUCCESS : TDX_OPERAND_INVALID;
	return td;
}

u64 tdh_mng_key_config(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->life != TD_HKID_ASSIGNED)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	td->life = TD_KEYS_CONFIGURED;
	return TDX_SUCCESS;
}

u64 tdh_mng_addcx(struct gms_tdx *tdx, u64 tdr, u64 tdcx)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->life != TD_KEYS_CONFIGURED)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (gms_tdx_pamt(tdx, tdcx).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	set_pamt(tdx, tdcx, PT_TDCX, tdr);
	td->chldcnt++;
	return TDX_SUCCESS;
}

u64 tdh_mng_init(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->life != TD_KEYS_CONFIGURED)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (td->op_state != OP_UNINITIALIZED)
		return TDX_OP_STATE_INCORRECT;
	td->op_state = OP_INITIALIZED;
	return TDX_SUCCESS;
}

/* Every S-EPT leaf SEAMCALL first needs a TD whose keys are configured. */
static struct gms_td *td_built(struct gms_tdx *tdx, u64 tdr, u64 *err)
{
	struct gms_td *td = td_in(tdx, tdr, err);

	if (td && td->life != TD_KEYS_CONFIGURED) {
		*err = TDX_LIFECYCLE_STATE_INCORRECT;
		return NULL;
	}
	return td;
}

/* TDH.MEM.PAGE.ADD: only while INITIALIZED; the entry becomes MAPPED */
u64 tdh_mem_page_add(struct gms_tdx *tdx, u64 tdr, u64 gpa, u64 pfn)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->op_state != OP_INITIALIZED)
		return TDX_OP_STATE_INCORRECT;
	if (gms_tdx_sept(td, gpa).state != SEPT_FREE)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (gms_tdx_pamt(tdx, pfn).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	set_sept(td, gpa, SEPT_MAPPED, pfn);
	set_pamt(tdx, pfn, PT_REG, tdr);
	td->chldcnt++;
	return TDX_SUCCESS;
}

u64 tdh_mr_finalize(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->op_state != OP_INITIALIZED)
		return TDX_OP_STATE_INCORRECT;
	td->op_state = OP_RUNNABLE;
	return TDX_SUCCESS;
}

/* TDH.MEM.PAGE.AUG: PENDING until the guest accepts; contents not initialized */
u64 tdh_mem_page_aug(struct gms_tdx *tdx, u64 tdr, u64 gpa, u64 pfn)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->op_state != OP_INITIALIZED && td->op_state != OP_RUNNABLE)
		return TDX_OP_STATE_INCORRECT;
	if (gms_tdx_sept(td, gpa).state != SEPT_FREE)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (gms_tdx_pamt(tdx, pfn).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	set_sept(td, gpa, SEPT_PENDING, pfn);
	set_pamt(tdx, pfn, PT_REG, tdr);
	td->chldcnt++;
	return TDX_SUCCESS;
}

/* TDG.MEM.PAGE.ACCEPT: the module zeroes the page with the TD key (the caller writes it) */
u64 tdg_mem_page_accept(struct gms_tdx *tdx, u64 tdr, u64 gpa)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry e;

	if (!td)
		return err;
	e = gms_tdx_sept(td, gpa);
	if (e.state == SEPT_MAPPED)
		return TDX_PAGE_ALREADY_ACCEPTED;
	if (e.state != SEPT_PENDING)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	set_sept(td, gpa, SEPT_MAPPED, e.hpa_pfn);
	return TDX_SUCCESS;
}

u64 tdh_mem_range_block(struct gms_tdx *tdx, u64 tdr, u64 gpa)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry e;
	struct gms_pamt_entry *p;

	if (!td)
		return err;
	e = gms_tdx_sept(td, gpa);
	if (e.state == SEPT_BLOCKED || e.state == SEPT_PENDING_BLOCKED)
		return TDX_GPA_RANGE_ALREADY_BLOCKED;
	if (e.state == SEPT_FREE)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	set_sept(td, gpa,
		 e.state == SEPT_MAPPED ? SEPT_BLOCKED : SEPT_PENDING_BLOCKED,
		 e.hpa_pfn);
	p = gms_hw_table_lookup(tdx->pamt, key(e.hpa_pfn));
	if (p)
		p->bepoch = td->td_epoch;
	return TDX_SUCCESS;
}

/* TDH.MEM.TRACK: no vCPU is inside the TD between steps, so never EPOCH_BUSY */
u64 tdh_mem_track(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);

	if (!td)
		return err;
	td->td_epoch++;
	return TDX_SUCCESS;
}

static bool is_blocked(enum gms_sept_state s)
{
	return s == SEPT_BLOCKED || s == SEPT_PENDING_BLOCKED;
}

/* TDH.MEM.PAGE.REMOVE: while RUNNABLE only blocked and tracked leaves */
u64 tdh_mem_page_remove(struct gms_tdx *tdx, u64 tdr, u64 gpa)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry e;

	if (!td)
		return err;
	e = gms_tdx_sept(td, gpa);
	if (e.state == SEPT_FREE)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (td->op_state == OP_RUNNABLE) {
		if (!is_blocked(e.state))
			return TDX_GPA_RANGE_NOT_BLOCKED;
		if (gms_tdx_pamt(tdx, e.hpa_pfn).bepoch >= td->td_epoch)
			return TDX_TLB_TRACKING_NOT_DONE;
	}
	set_sept(td, gpa, SEPT_FREE, 0);
	set_pamt(tdx, e.hpa_pfn, PT_NDA, 0);
	td->chldcnt--;
	set_dirty(tdx, e.hpa_pfn, GMS_TDX_NEEDS_WBINVD | GMS_TDX_NEEDS_CLEAR);
	return TDX_SUCCESS;
}

u64 tdh_mem_range_unblock(struct gms_tdx *tdx, u64 tdr, u64 gpa)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry e;

	if (!td)
		return err;
	e = gms_tdx_sept(td, gpa);
	if (!is_blocked(e.state))
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (td->op_state == OP_RUNNABLE &&
	    gms_tdx_pamt(tdx, e.hpa_pfn).bepoch >= td->td_epoch)
		return TDX_TLB_TRACKING_NOT_DONE;
	set_sept(td, gpa, e.state == SEPT_BLOCKED ? SEPT_MAPPED : SEPT_PENDING,
		 e.hpa_pfn);
	return TDX_SUCCESS;
}

static void clean(struct gms_tdx *tdx, u64 pfn, guint bit)
{
	guint d = GPOINTER_TO_UINT(gms_hw_table_lookup(tdx->dirty, key(pfn)));

	set_dirty(tdx, pfn, d & ~bit);
}

/* TDH.PHYMEM.PAGE.WBINVD: the page must already be removed (NDA) */
u64 tdh_phymem_page_wbinvd(struct gms_tdx *tdx, u64 pfn)
{
	if (gms_tdx_pamt(tdx, pfn).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	clean(tdx, pfn, GMS_TDX_NEEDS_WBINVD);
	return TDX_SUCCESS;
}

void gms_tdx_clear_page(struct gms_tdx *tdx, u64 pfn)
{
	clean(tdx, pfn, GMS_TDX_NEEDS_CLEAR);
	gms_hw_table_remove(tdx->poisoned, key(pfn));
}

u64 tdh_vp_flush(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	td->assoc_vcpus = 0;
	return TDX_SUCCESS;
}

/* TDH.MNG.VPFLUSHDONE: every vCPU flushed; the HKID goes to FLUSHED */
u64 tdh_mng_vpflushdone(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->life != TD_KEYS_CONFIGURED && td->life != TD_HKID_ASSIGNED)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (td->assoc_vcpus)
		return TDX_FLUSHVP_NOT_DONE;
	td->life = TD_BLOCKED;
	tdx->kot[td->hkid] = KOT_FLUSHED;
	tdx->wbinvd_pending[td->hkid] = true;
	return TDX_SUCCESS;
}

u64 tdh_phymem_cache_wb(struct gms_tdx *tdx)
{
	bool any = false;

	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++) {
		any |= tdx->wbinvd_pending[h];
		tdx->wbinvd_pending[h] = false;
	}
	return any ? TDX_SUCCESS : TDX_NO_HKID_READY_TO_WBCACHE;
}

/* TDH.MNG.KEY.FREEID: after the cache write-back; the TD goes to TEARDOWN */
u64 tdh_mng_key_freeid(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	if (td->life != TD_BLOCKED)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (tdx->wbinvd_pending[td->hkid])
		return TDX_WBCACHE_NOT_COMPLETE;
	td->leaves_at_freeid = g_hash_table_size(td->sept) > 0;
	tdx->kot[td->hkid] = KOT_FREE;
	td->life = TD_TEARDOWN;
	return TDX_SUCCESS;
}

/* TDH.PHYMEM.PAGE.RECLAIM: only from a TD in TEARDOWN; the TDR last */
u64 tdh_phymem_page_reclaim(struct gms_tdx *tdx, u64 pfn)
{
	struct gms_pamt_entry p = gms_tdx_pamt(tdx, pfn);
	struct gms_td *td;

	if (p.pt == PT_NDA || p.pt == PT_RSVD)
		return TDX_PAGE_METADATA_INCORRECT;
	td = gms_tdx_td(tdx, p.owner);
	if (!td || td->life != TD_TEARDOWN)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (p.pt == PT_TDR && td->chldcnt)
		return TDX_TD_ASSOCIATED_PAGES_EXIST;
	set_pamt(tdx, pfn, PT_NDA, 0);
	set_dirty(tdx, pfn, GMS_TDX_NEEDS_CLEAR);
	if (p.pt == PT_TDR)
		gms_hw_table_remove(tdx->tds, key(pfn));
	else
		td->chldcnt--;
	return TDX_SUCCESS;
}
