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
	if (td->sept_pt)
		g_hash_table_unref(td->sept_pt);
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

#define PAGES_2M GMS_TDX_LEVEL_PAGES(TDX_PS_2M)
#define SIZE_2M (PAGES_2M << GMS_PAGE_SHIFT)

/* pamt_implicit_get(): the entry covering @pfn, a 2M one at the aligned pfn */
static struct gms_pamt_entry *pamt_find(const struct gms_tdx *tdx, u64 pfn)
{
	struct gms_pamt_entry *e = gms_hw_table_lookup(tdx->pamt, key(pfn));

	if (e)
		return e;
	e = gms_hw_table_lookup(tdx->pamt, key(pfn & ~(PAGES_2M - 1)));
	return e && e->size == TDX_PS_2M ? e : NULL;
}

struct gms_pamt_entry gms_tdx_pamt(const struct gms_tdx *tdx, u64 pfn)
{
	struct gms_pamt_entry *e = pamt_find(tdx, pfn);

	return e ? *e : (struct gms_pamt_entry){ .pt = PT_NDA };
}

static void set_pamt_sized(struct gms_tdx *tdx, u64 pfn, u8 pt, u64 owner,
			   int level)
{
	struct gms_pamt_entry e = { .pt = pt, .owner = owner, .size = level };

	if (pt == PT_NDA)
		gms_hw_table_remove(tdx->pamt, key(pfn));
	else
		g_hash_table_insert(gms_hw_table(&tdx->pamt, g_free), key(pfn),
				    g_memdup2(&e, sizeof(e)));
}

static void set_pamt(struct gms_tdx *tdx, u64 pfn, u8 pt, u64 owner)
{
	set_pamt_sized(tdx, pfn, pt, owner, TDX_PS_4K);
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

/* the stored leaf mapping @gpa: a 2M one at the aligned gpa, else a 4K one */
static struct gms_sept_entry *sept_find(const struct gms_td *td, u64 gpa,
					u64 *leaf_gpa)
{
	u64 base = gpa & ~(SIZE_2M - 1);
	struct gms_sept_entry *e =
		g_hash_table_lookup(td->sept, key(base >> GMS_PAGE_SHIFT));

	*leaf_gpa = base;
	if (e && e->level == TDX_PS_2M)
		return e;
	*leaf_gpa = gpa & ~(GMS_PAGE_SIZE - 1);
	return g_hash_table_lookup(td->sept, key(gpa >> GMS_PAGE_SHIFT));
}

struct gms_sept_entry gms_tdx_sept(const struct gms_td *td, u64 gpa)
{
	u64 leaf_gpa;
	struct gms_sept_entry *e = sept_find(td, gpa, &leaf_gpa);
	struct gms_sept_entry r = { SEPT_FREE, 0, TDX_PS_4K };

	if (!e)
		return r;
	r = *e;
	r.hpa_pfn += (gpa - leaf_gpa) >> GMS_PAGE_SHIFT;
	return r;
}

bool gms_tdx_sept_split(const struct gms_td *td, u64 gpa)
{
	return td->sept_pt &&
	       g_hash_table_contains(td->sept_pt, key(gpa / SIZE_2M));
}

void gms_tdx_guest_lock(struct gms_td *td, u64 gpa, bool locked)
{
	td->guest_locked = locked ? (gpa >> GMS_PAGE_SHIFT) + 1 : 0;
}

/* a 4K leaf needs the S-EPT page of its 2M range (KVM's SEPT.ADD, implicit) */
static void sept_add_pt(struct gms_td *td, u64 gpa)
{
	if (!td->sept_pt)
		td->sept_pt = g_hash_table_new(NULL, NULL);
	g_hash_table_add(td->sept_pt, key(gpa / SIZE_2M));
}

static void set_sept_level(struct gms_td *td, u64 gpa, enum gms_sept_state st,
			   u64 pfn, int level)
{
	struct gms_sept_entry e = { st, pfn, level };

	if (st != SEPT_FREE && level == TDX_PS_4K)
		sept_add_pt(td, gpa);

	if (st == SEPT_FREE)
		g_hash_table_remove(td->sept, key(gpa >> GMS_PAGE_SHIFT));
	else
		g_hash_table_insert(td->sept, key(gpa >> GMS_PAGE_SHIFT),
				    g_memdup2(&e, sizeof(e)));
}

/* a leaf keeps its level through BLOCK, UNBLOCK and ACCEPT */
static void set_sept(struct gms_td *td, u64 gpa, enum gms_sept_state st,
		     u64 pfn)
{
	u64 leaf_gpa;
	const struct gms_sept_entry *e = sept_find(td, gpa, &leaf_gpa);

	set_sept_level(td, gpa, st, pfn, e ? e->level : TDX_PS_4K);
}

/*
 * The module's walk of the S-EPT to @level (walk_private_gpa()): *@e is the
 * entry at that level (NULL: FREE). TDX_EPT_WALK_FAILED when a leaf above
 * @level ends the walk; TDX_PAGE_SIZE_MISMATCH (a model-internal answer
 * here, each caller says what the module does) when the entry at @level is
 * a non-leaf, i.e. a 4K S-EPT page hangs below a 2M request.
 */
static u64 sept_walk(const struct gms_td *td, u64 gpa, int level,
		     struct gms_sept_entry **e)
{
	u64 leaf_gpa;

	*e = sept_find(td, gpa, &leaf_gpa);
	if (*e && (*e)->level > level)
		return TDX_EPT_WALK_FAILED;
	if (*e && (*e)->level < level)
		*e = NULL; /* a 4K leaf below a 2M request */
	if (level == TDX_PS_2M && !*e && gms_tdx_sept_split(td, gpa))
		return TDX_PAGE_SIZE_MISMATCH;
	return TDX_SUCCESS;
}

/* verify_page_info_input(): a level the leaf takes, @gpa aligned to it */
static bool level_ok(u64 gpa, int level)
{
	if (level != TDX_PS_4K && level != TDX_PS_2M)
		return false;
	return !(gpa & ((GMS_TDX_LEVEL_PAGES(level) << GMS_PAGE_SHIFT) - 1));
}

/* sept_lock_acquire_host(): a vCPU inside a TDCALL holds the entry */
static bool guest_holds(const struct gms_td *td, u64 gpa, int level)
{
	u64 first = gpa >> GMS_PAGE_SHIFT, n = GMS_TDX_LEVEL_PAGES(level);

	return td->guest_locked && td->guest_locked - 1 >= first &&
	       td->guest_locked - 1 < first + n;
}

/*
 * The module's own consistency, whatever the host asks: every SEAMCALL
 * checks its operands' PAMT, S-EPT and lifecycle states before it changes
 * them, so these hold after every call (hw_models.md 2.1-2.2, 6 T1, T4,
 * T6). A SEAMCALL checks the TD, leaf and pages it touched;
 * gms_tdx_assert_invariants() walks everything. Whether KVM removed every
 * leaf before KEY.FREEID (T7) or flushed a page before freeing it (T3) is
 * KVM's discipline: the spec checks, not these.
 */

/*
 * A page the module owns (@p, the PAMT entry of @pfn): it names a TD that
 * still exists. @td: the TD the caller holds, if the page should be its
 * (saves the look-up on the SEAMCALL path).
 */
static void tdx_check_pamt(const struct gms_tdx *tdx, u64 pfn,
			   const struct gms_pamt_entry *p,
			   const struct gms_td *td)
{
	/* only a REG page has a size above 4K, at the pfn it is aligned to */
	GMS_WARN_ON(tdx, p->size > TDX_PS_2M || (p->size && p->pt != PT_REG) ||
				 (pfn & (GMS_TDX_LEVEL_PAGES(p->size) - 1)));
	switch (p->pt) {
	case PT_REG:
	case PT_TDCX:
		break;
	case PT_TDR:
		GMS_WARN_ON(tdx, p->owner != pfn);
		break;
	default:
		/* NDA is no entry, and no SEAMCALL here makes RSVD */
		GMS_WARN_ON(tdx, 1);
		return;
	}
	/* PAGE.RECLAIM takes the TDR only once chldcnt is 0 */
	if (!td || td->tdr != p->owner)
		td = gms_tdx_td(tdx, p->owner);
	if (GMS_WARN_ON(tdx, !td))
		return;
	/* BLOCK samples td_epoch, which only TRACK moves, and only forward */
	GMS_WARN_ON(tdx,
		    p->bepoch > td->td_epoch || (p->pt != PT_REG && p->bepoch));
}

static void tdx_check_page(const struct gms_tdx *tdx, u64 pfn,
			   const struct gms_td *td)
{
	const struct gms_pamt_entry *p =
		gms_hw_table_lookup(tdx->pamt, key(pfn));

	if (p) /* else NDA */
		tdx_check_pamt(tdx, pfn, p, td);
}

/* the model's scrub bookkeeping: what a removed page still needs */
static void tdx_check_dirty(const struct gms_tdx *tdx, u64 pfn)
{
	gpointer v;

	if (!tdx->dirty ||
	    !g_hash_table_lookup_extended(tdx->dirty, key(pfn), NULL, &v))
		return;
	GMS_WARN_ON(tdx, !GPOINTER_TO_UINT(v) || (GPOINTER_TO_UINT(v) &
						  ~(GMS_TDX_NEEDS_WBINVD |
						    GMS_TDX_NEEDS_CLEAR)));
}

/* KOT[hkid]: only a TD's VPFLUSHDONE queues its key for CACHE.WB */
static void tdx_check_kot(const struct gms_tdx *tdx, u16 hkid)
{
	switch (tdx->kot[hkid]) {
	case KOT_FREE:
	case KOT_ASSIGNED:
		GMS_WARN_ON(tdx, tdx->wbinvd_pending[hkid]);
		break;
	case KOT_FLUSHED:
		break;
	default:
		GMS_WARN_ON(tdx, 1); /* not a KOT state */
	}
}

/* the TDR page holds the TD: only its PAGE.RECLAIM ends both */
static void tdx_check_tdr(const struct gms_tdx *tdx, const struct gms_td *td)
{
	struct gms_pamt_entry tdr = gms_tdx_pamt(tdx, td->tdr);

	GMS_WARN_ON(tdx, tdr.pt != PT_TDR || tdr.owner != td->tdr);
}

/*
 * One TD: its key's KOT entry in step with its lifecycle. Its TDR page is
 * checked where it changes (create, reclaim) and by the walk.
 */
static void tdx_check_td(const struct gms_tdx *tdx, const struct gms_td *td)
{
	guint leaves = g_hash_table_size(td->sept);

	/* TDH.MNG.CREATE takes a key in [1, max] */
	if (GMS_WARN_ON(tdx, !td->hkid || td->hkid > GMS_TDX_MAX_HKID))
		return;
	switch (td->life) {
	case TD_HKID_ASSIGNED:
		/* TDH.MNG.INIT needs the keys configured */
		GMS_WARN_ON(tdx, td->op_state != OP_UNINITIALIZED);
		GMS_WARN_ON(tdx, tdx->kot[td->hkid] != KOT_ASSIGNED);
		break;
	case TD_KEYS_CONFIGURED:
		GMS_WARN_ON(tdx, tdx->kot[td->hkid] != KOT_ASSIGNED);
		break;
	case TD_BLOCKED:
		/* VPFLUSHDONE flushed it; KEY.FREEID has not freed it yet */
		GMS_WARN_ON(tdx, tdx->kot[td->hkid] != KOT_FLUSHED);
		break;
	case TD_TEARDOWN:
		break; /* the key may be another TD's by now */
	default:
		GMS_WARN_ON(tdx, 1); /* not a lifecycle state */
	}
	GMS_WARN_ON(tdx, td->op_state != OP_UNINITIALIZED &&
				 td->op_state != OP_INITIALIZED &&
				 td->op_state != OP_RUNNABLE);
	/* leaves come from PAGE.ADD / PAGE.AUG, after TDH.MNG.INIT */
	GMS_WARN_ON(tdx, leaves && td->op_state == OP_UNINITIALIZED);
	/* a live TD's leaves each hold a page chldcnt counts (T1, T4) */
	GMS_WARN_ON(tdx, td->life != TD_TEARDOWN && leaves > td->chldcnt);
	GMS_WARN_ON(tdx, td->leaves_at_freeid && td->life != TD_TEARDOWN);
}

/*
 * T1 for one leaf of a live TD: the page it maps is a REG page of that TD.
 * After KEY.FREEID the S-EPT is dead (nothing walks it; PAGE.RECLAIM goes
 * by the PAMT alone), so a leaf left behind may point anywhere. @p: the
 * PAMT entry of the page the leaf maps (NULL: NDA).
 */
static void tdx_check_leaf(const struct gms_tdx *tdx, const struct gms_td *td,
			   const struct gms_sept_entry *e,
			   const struct gms_pamt_entry *p)
{
	switch (e->state) {
	case SEPT_MAPPED:
	case SEPT_BLOCKED:
	case SEPT_PENDING:
	case SEPT_PENDING_BLOCKED:
		break;
	default:
		GMS_WARN_ON(tdx, 1); /* FREE is no entry */
		return;
	}
	GMS_WARN_ON(tdx, e->level > TDX_PS_2M);
	if (td->life == TD_TEARDOWN)
		return;
	/* T1: the PAMT entry is REG, the TD's, and of the leaf's size */
	GMS_WARN_ON(tdx, !p || p->pt != PT_REG || p->owner != td->tdr ||
				 p->size != e->level);
}

/* after a SEAMCALL on @td at @gpa: the TD, the leaf and the page it maps */
static void tdx_check_gpa(const struct gms_tdx *tdx, const struct gms_td *td,
			  u64 gpa)
{
	u64 leaf_gpa;
	const struct gms_sept_entry *e = sept_find(td, gpa, &leaf_gpa);
	const struct gms_pamt_entry *p;

	tdx_check_td(tdx, td);
	if (!e)
		return;
	/* a 2M leaf and a 4K S-EPT page never share a 2M entry */
	GMS_WARN_ON(tdx,
		    e->level == TDX_PS_2M && gms_tdx_sept_split(td, leaf_gpa));
	p = gms_hw_table_lookup(tdx->pamt, key(e->hpa_pfn));
	tdx_check_leaf(tdx, td, e, p);
	if (p)
		tdx_check_pamt(tdx, e->hpa_pfn, p, td);
}

/* T1 both ways for a live TD: its leaves and its REG pages match 1:1 */
static void tdx_check_leaves(const struct gms_tdx *tdx, const struct gms_td *td,
			     guint reg_pages)
{
	g_autoptr(GHashTable) hpas = g_hash_table_new(NULL, NULL);
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, td->sept);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct gms_sept_entry *e = v;

		tdx_check_leaf(tdx, td, e,
			       gms_hw_table_lookup(tdx->pamt, key(e->hpa_pfn)));
		GMS_WARN_ON(tdx,
			    e->level == TDX_PS_2M &&
				    gms_tdx_sept_split(
					    td, GPOINTER_TO_SIZE(k)
							<< GMS_PAGE_SHIFT));
		g_hash_table_add(hpas, key(e->hpa_pfn));
	}
	if (td->life == TD_TEARDOWN)
		return;
	/* AUG and ADD take an NDA page: no two leaves share one */
	GMS_WARN_ON(tdx,
		    g_hash_table_size(hpas) != g_hash_table_size(td->sept));
	/* REMOVE frees the leaf and the page together */
	GMS_WARN_ON(tdx, reg_pages != g_hash_table_size(td->sept));
}

static guint count_of(GHashTable *counts, u64 owner)
{
	return GPOINTER_TO_UINT(g_hash_table_lookup(counts, key(owner)));
}

static void count_up(GHashTable *counts, u64 owner, guint n)
{
	g_hash_table_insert(counts, key(owner),
			    GUINT_TO_POINTER(count_of(counts, owner) + n));
}

bool gms_tdx_assert_invariants(const struct gms_tdx *tdx)
{
	g_autoptr(GHashTable) children = g_hash_table_new(NULL, NULL);
	g_autoptr(GHashTable) reg = g_hash_table_new(NULL, NULL);
	u32 live[GMS_TDX_MAX_HKID + 1] = { 0 };
	u32 bugs = tdx->warn->count;
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, tdx->pamt);
	while (gms_hw_table_iter_next(&it, tdx->pamt, &k, &v)) {
		const struct gms_pamt_entry *p = v;

		tdx_check_pamt(tdx, GPOINTER_TO_SIZE(k), v, NULL);
		/* a 2M page counts 512 in chldcnt, one leaf in T1 */
		if (p->pt != PT_TDR)
			count_up(children, p->owner,
				 GMS_TDX_LEVEL_PAGES(MIN(p->size, TDX_PS_2M)));
		if (p->pt == PT_REG)
			count_up(reg, p->owner, 1);
	}
	gms_hw_table_iter_init(&it, tdx->dirty);
	while (gms_hw_table_iter_next(&it, tdx->dirty, &k, &v))
		tdx_check_dirty(tdx, GPOINTER_TO_SIZE(k));
	gms_hw_table_iter_init(&it, tdx->tds);
	while (gms_hw_table_iter_next(&it, tdx->tds, &k, &v)) {
		const struct gms_td *td = v;

		GMS_WARN_ON(tdx, GPOINTER_TO_SIZE(k) != td->tdr);
		tdx_check_tdr(tdx, td);
		tdx_check_td(tdx, td);
		/* T4: chldcnt counts exactly the pages the PAMT gives the TD */
		GMS_WARN_ON(tdx, td->chldcnt != count_of(children, td->tdr));
		tdx_check_leaves(tdx, td, count_of(reg, td->tdr));
		if (td->life != TD_TEARDOWN && td->hkid &&
		    td->hkid <= GMS_TDX_MAX_HKID)
			live[td->hkid]++;
	}
	/* T6: a key in use is exactly one live TD's; slot 0 is TDX's global key */
	GMS_WARN_ON(tdx, tdx->kot[0] != KOT_FREE || tdx->wbinvd_pending[0]);
	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++) {
		tdx_check_kot(tdx, h);
		GMS_WARN_ON(tdx, tdx->kot[h] != KOT_FREE && live[h] != 1);
	}
	return tdx->warn->count == bugs;
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
	tdx_check_tdr(tdx, td);
	tdx_check_td(tdx, td);
	tdx_check_kot(tdx, hkid);
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
	tdx_check_td(tdx, td);
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
	tdx_check_td(tdx, td);
	tdx_check_page(tdx, tdcx, td);
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
	tdx_check_td(tdx, td);
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
	struct gms_sept_entry *e;

	if (!td)
		return err;
	if (td->op_state != OP_INITIALIZED)
		return TDX_OP_STATE_INCORRECT;
	/* 4K only: a 2M leaf above ends the walk */
	if (sept_walk(td, gpa, TDX_PS_4K, &e))
		return TDX_EPT_WALK_FAILED;
	if (e)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (gms_tdx_pamt(tdx, pfn).pt != PT_NDA)
		return TDX_PAGE_METADATA_INCORRECT;
	set_sept(td, gpa, SEPT_MAPPED, pfn);
	set_pamt(tdx, pfn, PT_REG, tdr);
	td->chldcnt++;
	tdx_check_gpa(tdx, td, gpa);
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
	tdx_check_td(tdx, td);
	return TDX_SUCCESS;
}

static bool is_blocked(enum gms_sept_state s)
{
	return s == SEPT_BLOCKED || s == SEPT_PENDING_BLOCKED;
}

/* check_and_lock_free_range_hpa(): every 4K page of the range is NDA */
static bool range_nda(const struct gms_tdx *tdx, u64 pfn, int level)
{
	for (u64 i = 0; i < GMS_TDX_LEVEL_PAGES(level); i++)
		if (gms_tdx_pamt(tdx, pfn + i).pt != PT_NDA)
			return false;
	return true;
}

/*
 * TDH.MEM.PAGE.AUG (tdh_mem_page_aug.c): PENDING until the guest accepts;
 * contents not initialized. A 2M leaf needs the 2M entry FREE (no 4K S-EPT
 * page below it) and all 512 pages NDA; a 4K one under a 2M leaf ends the
 * walk (EPT_WALK_FAILED).
 */
u64 tdh_mem_page_aug(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level, u64 pfn)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry *e;

	if (!td)
		return err;
	if (!level_ok(gpa, level) || !level_ok(pfn << GMS_PAGE_SHIFT, level))
		return TDX_OPERAND_INVALID;
	if (td->op_state != OP_INITIALIZED && td->op_state != OP_RUNNABLE)
		return TDX_OP_STATE_INCORRECT;
	err = sept_walk(td, gpa, level, &e);
	if (err == TDX_PAGE_SIZE_MISMATCH)
		return TDX_EPT_ENTRY_STATE_INCORRECT; /* non-leaf, not FREE */
	if (err)
		return err;
	if (e)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (guest_holds(td, gpa, level))
		return TDX_OPERAND_BUSY;
	if (!range_nda(tdx, pfn, level))
		return TDX_PAGE_METADATA_INCORRECT;
	set_sept_level(td, gpa, SEPT_PENDING, pfn, level);
	set_pamt_sized(tdx, pfn, PT_REG, tdr, level);
	td->chldcnt += GMS_TDX_LEVEL_PAGES(level);
	tdx_check_gpa(tdx, td, gpa);
	return TDX_SUCCESS;
}

/*
 * TDG.MEM.PAGE.ACCEPT at @level (tdg_mem_page_accept.c, check_tdaccept_failure();
 * "Table 8.2: TDG.MEM.PAGE.ACCEPT SEPT Walk Cases" as quoted in
 * Re: [RFC PATCH 12/21], Sean Christopherson, 2025-06): a leaf of that level
 * PENDING is zeroed with the TD key (the caller writes it) and MAPPED;
 * already MAPPED is ALREADY_ACCEPTED. A larger leaf (the host mapped 2M, the
 * guest accepts 4K): PENDING is an EPT violation TD exit (KVM must split),
 * MAPPED is PAGE_SIZE_MISMATCH. A smaller mapping (a 4K S-EPT page below a
 * 2M accept) is PAGE_SIZE_MISMATCH; nothing mapped is an EPT violation
 * (KVM maps the page). A blocked leaf is an EPT violation too (the host is
 * changing it); the entry lock held by the host is left out (SEAMCALLs are
 * atomic here).
 */
u64 tdg_mem_page_accept(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level)
{
	u64 err, leaf_gpa;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry *e;

	if (!td)
		return err;
	if (!level_ok(gpa, level))
		return TDX_OPERAND_INVALID;
	err = sept_walk(td, gpa, level, &e);
	if (err == TDX_EPT_WALK_FAILED) {
		e = sept_find(td, gpa, &leaf_gpa);
		return e->state == SEPT_MAPPED ? TDX_PAGE_SIZE_MISMATCH :
						 GMS_TDX_EXIT_EPT_VIOLATION;
	}
	if (err)
		return err; /* PAGE_SIZE_MISMATCH: a 4K S-EPT page below */
	if (!e || is_blocked(e->state))
		return GMS_TDX_EXIT_EPT_VIOLATION;
	if (e->state == SEPT_MAPPED)
		return TDX_PAGE_ALREADY_ACCEPTED;
	set_sept(td, gpa, SEPT_MAPPED, e->hpa_pfn);
	tdx_check_gpa(tdx, td, gpa);
	return TDX_SUCCESS;
}

/*
 * The host-side entry checks every leaf SEAMCALL below starts with: the
 * operands, the walk to @level (a larger leaf: EPT_WALK_FAILED; a non-leaf
 * there, which KVM never blocks or removes while the TD lives, and FREE:
 * EPT_ENTRY_STATE_INCORRECT), then the entry lock (OPERAND_BUSY).
 */
static u64 leaf_at(struct gms_td *td, u64 gpa, int level,
		   struct gms_sept_entry **e)
{
	u64 err;

	if (!level_ok(gpa, level))
		return TDX_OPERAND_INVALID;
	err = sept_walk(td, gpa, level, e);
	if (err == TDX_EPT_WALK_FAILED)
		return err;
	if (err || !*e)
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (guest_holds(td, gpa, level))
		return TDX_OPERAND_BUSY;
	return TDX_SUCCESS;
}

/* TDH.MEM.RANGE.BLOCK (tdh_mem_range_block.c), at the leaf's level */
u64 tdh_mem_range_block(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry *e, old;
	struct gms_pamt_entry *p;

	if (!td)
		return err;
	err = leaf_at(td, gpa, level, &e);
	if (err)
		return err;
	old = *e;
	if (is_blocked(old.state))
		return TDX_GPA_RANGE_ALREADY_BLOCKED;
	switch (old.state) {
	case SEPT_MAPPED:
		set_sept(td, gpa, SEPT_BLOCKED, old.hpa_pfn);
		break;
	case SEPT_PENDING:
		set_sept(td, gpa, SEPT_PENDING_BLOCKED, old.hpa_pfn);
		break;
	default:
		GMS_WARN_ON(tdx, 1); /* not a leaf state */
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	}
	/* a live TD's leaf maps a REG page of its own (T1) */
	p = pamt_find(tdx, old.hpa_pfn);
	if (!GMS_WARN_ON(tdx, !p))
		p->bepoch = td->td_epoch;
	tdx_check_gpa(tdx, td, gpa);
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
	tdx_check_td(tdx, td);
	return TDX_SUCCESS;
}

/*
 * sept_state_is_tlb_tracking_required() && op_state_is_tlb_tracking_required():
 * while RUNNABLE the leaf must be *BLOCKED and its BLOCK's epoch tracked
 * (REMOVE, DEMOTE; T5).
 */
static u64 blocked_and_tracked(const struct gms_tdx *tdx,
			       const struct gms_td *td,
			       const struct gms_sept_entry *e)
{
	if (td->op_state != OP_RUNNABLE)
		return TDX_SUCCESS;
	if (!is_blocked(e->state))
		return TDX_GPA_RANGE_NOT_BLOCKED;
	if (gms_tdx_pamt(tdx, e->hpa_pfn).bepoch >= td->td_epoch)
		return TDX_TLB_TRACKING_NOT_DONE;
	return TDX_SUCCESS;
}

/*
 * REMOVE's and DEMOTE's common start: the leaf at @level (leaf_at()), then
 * blocked_and_tracked(); *@old its entry. T1: it maps a REG page of the
 * TD of the leaf's size (the module's own invariant).
 */
static u64 tracked_leaf(struct gms_tdx *tdx, struct gms_td *td, u64 gpa,
			int level, struct gms_sept_entry *old)
{
	struct gms_sept_entry *e;
	struct gms_pamt_entry p;
	u64 err = leaf_at(td, gpa, level, &e);

	if (err)
		return err;
	*old = *e;
	err = blocked_and_tracked(tdx, td, old);
	if (err)
		return err;
	p = gms_tdx_pamt(tdx, old->hpa_pfn);
	GMS_WARN_ON(tdx,
		    p.pt != PT_REG || p.owner != td->tdr || p.size != level);
	return TDX_SUCCESS;
}

/* TDH.MEM.PAGE.REMOVE (tdh_mem_page_remove.c): the whole leaf, its pages NDA */
u64 tdh_mem_page_remove(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level)
{
	u64 err, n = GMS_TDX_LEVEL_PAGES(level);
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry old;

	if (!td)
		return err;
	err = tracked_leaf(tdx, td, gpa, level, &old);
	if (err)
		return err;
	set_sept_level(td, gpa, SEPT_FREE, 0, level);
	set_pamt(tdx, old.hpa_pfn, PT_NDA, 0);
	if (!GMS_WARN_ON(tdx, td->chldcnt < n))
		td->chldcnt -= n;
	for (u64 i = 0; i < n; i++) {
		set_dirty(tdx, old.hpa_pfn + i,
			  GMS_TDX_NEEDS_WBINVD | GMS_TDX_NEEDS_CLEAR);
		tdx_check_dirty(tdx, old.hpa_pfn + i);
	}
	tdx_check_td(tdx, td); /* the pages are NDA: nothing to check of them */
	return TDX_SUCCESS;
}

u64 tdh_mem_range_unblock(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry *e, old;

	if (!td)
		return err;
	err = leaf_at(td, gpa, level, &e);
	if (err)
		return err;
	old = *e;
	if (!is_blocked(old.state))
		return TDX_EPT_ENTRY_STATE_INCORRECT;
	if (td->op_state == OP_RUNNABLE &&
	    gms_tdx_pamt(tdx, old.hpa_pfn).bepoch >= td->td_epoch)
		return TDX_TLB_TRACKING_NOT_DONE;
	set_sept(td, gpa,
		 old.state == SEPT_BLOCKED ? SEPT_MAPPED : SEPT_PENDING,
		 old.hpa_pfn);
	tdx_check_gpa(tdx, td, gpa);
	return TDX_SUCCESS;
}

/*
 * TDH.MEM.PAGE.DEMOTE (tdh_mem_page_demote.c): @level is the leaf's (2M;
 * verify_page_info_input(LVL_PD, LVL_PDPT), 1G not modelled). The leaf must
 * be MAPPED, BLOCKED, PENDING or PENDING_BLOCKED; while RUNNABLE blocked and
 * tracked. Its 512 children take its state unblocked (sept_unblock()), the
 * PAMT entry splits into 512 4K ones with the owner and bepoch
 * (pamt_demote()), and a new S-EPT page hangs at the 2M entry. No
 * interrupt is pending in the model (TDX_INTERRUPTED_RESTARTABLE never).
 */
u64 tdh_mem_page_demote(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level)
{
	u64 err;
	struct gms_td *td = td_built(tdx, tdr, &err);
	struct gms_sept_entry old;
	enum gms_sept_state child;
	u64 bepoch;

	if (!td)
		return err;
	if (level != TDX_PS_2M)
		return TDX_OPERAND_INVALID;
	err = tracked_leaf(tdx, td, gpa, level, &old);
	if (err)
		return err;
	child = old.state == SEPT_BLOCKED	  ? SEPT_MAPPED :
		old.state == SEPT_PENDING_BLOCKED ? SEPT_PENDING :
						    old.state;
	bepoch = gms_tdx_pamt(tdx, old.hpa_pfn).bepoch;
	g_hash_table_remove(td->sept, key(gpa >> GMS_PAGE_SHIFT));
	for (u64 i = 0; i < PAGES_2M; i++) {
		set_sept_level(td, gpa + (i << GMS_PAGE_SHIFT), child,
			       old.hpa_pfn + i, TDX_PS_4K);
		set_pamt(tdx, old.hpa_pfn + i, PT_REG, tdr);
		pamt_find(tdx, old.hpa_pfn + i)->bepoch = bepoch;
	}
	for (u64 i = 0; i < PAGES_2M; i++)
		tdx_check_gpa(tdx, td, gpa + (i << GMS_PAGE_SHIFT));
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
	tdx_check_dirty(tdx, pfn);
	return TDX_SUCCESS;
}

void gms_tdx_clear_page(struct gms_tdx *tdx, u64 pfn)
{
	clean(tdx, pfn, GMS_TDX_NEEDS_CLEAR);
	gms_hw_table_remove(tdx->poisoned, key(pfn));
	tdx_check_dirty(tdx, pfn);
}

u64 tdh_vp_flush(struct gms_tdx *tdx, u64 tdr)
{
	u64 err;
	struct gms_td *td = td_in(tdx, tdr, &err);

	if (!td)
		return err;
	td->assoc_vcpus = 0;
	tdx_check_td(tdx, td);
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
	/* T6: a live TD's key is assigned in the KOT */
	GMS_WARN_ON(tdx, tdx->kot[td->hkid] != KOT_ASSIGNED);
	td->life = TD_BLOCKED;
	tdx->kot[td->hkid] = KOT_FLUSHED;
	tdx->wbinvd_pending[td->hkid] = true;
	tdx_check_td(tdx, td);
	tdx_check_kot(tdx, td->hkid);
	return TDX_SUCCESS;
}

u64 tdh_phymem_cache_wb(struct gms_tdx *tdx)
{
	bool any = false;

	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++) {
		any |= tdx->wbinvd_pending[h];
		tdx->wbinvd_pending[h] = false;
		tdx_check_kot(tdx, h);
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
	GMS_WARN_ON(tdx, tdx->kot[td->hkid] != KOT_FLUSHED);
	td->leaves_at_freeid = g_hash_table_size(td->sept) > 0;
	tdx->kot[td->hkid] = KOT_FREE;
	td->life = TD_TEARDOWN;
	tdx_check_td(tdx, td);
	tdx_check_kot(tdx, td->hkid);
	return TDX_SUCCESS;
}

/*
 * TDH.PHYMEM.PAGE.RECLAIM: only from a TD in TEARDOWN; the TDR last. The PAMT
 * walk finds the page at its size: a 2M page goes back whole (its size is
 * what the SEAMCALL returns; the series' tdh_phymem_page_reclaim() checks it
 * against the folio).
 */
u64 tdh_phymem_page_reclaim(struct gms_tdx *tdx, u64 pfn)
{
	struct gms_pamt_entry p = gms_tdx_pamt(tdx, pfn);
	u64 n = GMS_TDX_LEVEL_PAGES(MIN(p.size, TDX_PS_2M));
	struct gms_td *td;

	if (p.pt == PT_NDA || p.pt == PT_RSVD)
		return TDX_PAGE_METADATA_INCORRECT;
	/* the owner outlives its pages: its TDR goes last */
	td = gms_tdx_td(tdx, p.owner);
	if (GMS_WARN_ON(tdx, !td) || td->life != TD_TEARDOWN)
		return TDX_LIFECYCLE_STATE_INCORRECT;
	if (p.pt == PT_TDR && td->chldcnt)
		return TDX_TD_ASSOCIATED_PAGES_EXIST;
	pfn &= ~(n - 1);
	set_pamt(tdx, pfn, PT_NDA, 0);
	for (u64 i = 0; i < n; i++)
		set_dirty(tdx, pfn + i, GMS_TDX_NEEDS_CLEAR);
	if (p.pt == PT_TDR) {
		gms_hw_table_remove(tdx->tds, key(pfn));
	} else {
		if (!GMS_WARN_ON(tdx, td->chldcnt < n))
			td->chldcnt -= n;
		tdx_check_td(tdx, td);
	}
	/* the assertion's own index, apart from the store loop above */
	for (u64 j = 0; j < n; j++)
		tdx_check_dirty(tdx, pfn + j); /* and the page is NDA */
	return TDX_SUCCESS;
}
