// SPDX-License-Identifier: GPL-2.0
/*
 * The hardware invariants of hw_models.md section 6: host-safety,
 * asid-reuse (S4), scrub (S3), hw-consistency (S1, S5), integrity (G6).
 * Each message names the rule it broke.
 */
#include "check_internal.h"

void gms_check_host_safety(struct gms_world *w, GPtrArray *out)
{
	for (guint i = 0; i < gms_array_len(w->fatal); i++) {
		const struct gms_fatal *f =
			&g_array_index(w->fatal, struct gms_fatal, i);
		struct gms_violation *v;

		v = gms_violation_add(out, "host-safety",
				      "(%s) during %s of pfn %" G_GUINT64_FORMAT
				      ": the host would crash",
				      f->rule, f->what, f->pfn);
		gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, f->pfn);
	}
}

struct asid_ctx {
	struct gms_world *w;
	GPtrArray *out;
};

static void check_entry_asid(gpointer key, gpointer value, gpointer data)
{
	const struct gms_rmp_entry *e = value;
	struct asid_ctx *c = data;
	u64 pfn = GPOINTER_TO_SIZE(key);

	if (!e->assigned || !e->asid || e->asid > GMS_SNP_MAX_ASID)
		return;
	if (c->w->hw.snp.state[e->asid] == ASID_FREE)
		gms_violation_add(
			c->out, "asid-reuse",
			"(S4) pfn %" G_GUINT64_FORMAT
			" is assigned to ASID %u, which is free for reuse",
			pfn, e->asid);
}

void gms_check_asid_reuse(struct gms_world *w, GPtrArray *out)
{
	const struct gms_snp_asids *a = &w->hw.snp;
	struct asid_ctx c = { w, out };

	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++) {
		if (a->state[i] != ASID_INUSE)
			continue;
		if (a->reused_unflushed[i])
			gms_violation_add(
				out, "asid-reuse",
				"(S4) ASID %u handed out again without WBINVD + SNP_DF_FLUSH since it was freed",
				i);
		if (a->stale_at_activate[i])
			gms_violation_add(
				out, "asid-reuse",
				"(S4) ASID %u activated while %u RMP entries still carry it",
				i, a->stale_at_activate[i]);
	}
	if (w->hw.rmp.entries)
		g_hash_table_foreach(w->hw.rmp.entries, check_entry_asid, &c);
	gms_check_hkid_reuse(w, out);
}

void gms_check_scrub(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, w->hw.rmp.entries);
	while (gms_hw_table_iter_next(&it, w->hw.rmp.entries, &k, &v)) {
		const struct gms_rmp_entry *e = v;
		u64 pfn = GPOINTER_TO_SIZE(k);
		const struct gms_page *p = gms_physmem_page(&w->physmem, pfn);

		if (e->assigned && (!p || p->use == GMS_PAGE_FREE))
			gms_violation_add(
				out, "scrub",
				"(S3) pfn %" G_GUINT64_FORMAT
				" went back to the page allocator still assigned in the RMP (ASID %u)",
				pfn, e->asid);
	}
	gms_check_tdx_scrub(w, out);
	gms_check_pkvm_scrub(w, out);
}

void gms_check_hw_consistency(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_check_tdx(w, out);
	gms_check_pkvm(w, out);
	gms_hw_table_iter_init(&it, w->hw.rmp.entries);
	while (gms_hw_table_iter_next(&it, w->hw.rmp.entries, &k, &v)) {
		const struct gms_rmp_entry *e = v;
		u64 pfn = GPOINTER_TO_SIZE(k);

		if (!e->assigned &&
		    (e->asid || e->immutable || e->validated || e->vmsa))
			gms_violation_add(
				out, "hw-consistency",
				"(S1) unassigned RMP entry of pfn %" G_GUINT64_FORMAT
				" carries state",
				pfn);
		if (e->assigned && e->pagesize == RMP_PG_SIZE_2M && (pfn & 511))
			gms_violation_add(
				out, "hw-consistency",
				"(S5) 2M RMP entry at unaligned pfn %" G_GUINT64_FORMAT,
				pfn);
	}
}

/*
 * G6 as DESIGN.md states integrity: what a VM reads from its private memory
 * (in the clear, under its own key) was written by that VM, by measured
 * population, or is zero.
 */
void gms_check_integrity(struct gms_world *w, GPtrArray *out)
{
	for (guint i = 0; i < gms_array_len(w->observations); i++) {
		const struct gms_observation *o = &g_array_index(
			w->observations, struct gms_observation, i);
		struct gms_violation *v;
		char *vm, *who, *tag;

		if (o->reader == GMS_PRINCIPAL_HOST ||
		    !g_str_equal(o->via, "guest private") ||
		    o->key != o->reader_key || o->writer == o->reader ||
		    !o->tag || o->measured)
			continue;
		vm = gms_describe_principal(w, o->reader);
		who = gms_describe_principal(w, o->writer);
		tag = gms_describe(w, GMS_OBJ_TAG, o->tag);
		v = gms_violation_add(
			out, "integrity",
			"(G6) %s read %s, written by %s, from its private pfn %" G_GUINT64_FORMAT,
			vm, tag, who, o->pfn);
		gms_violation_object(v, "%s", vm);
		gms_violation_object(v, "%s", who);
		g_free(vm);
		g_free(who);
		g_free(tag);
	}
}

/* T1 + T4 + T7 for one TD */
static void check_td(struct gms_world *w, const struct gms_td *td,
		     GPtrArray *out)
{
	const struct gms_tdx *tdx = &w->hw.tdx;
	GHashTableIter it;
	gpointer k, v;
	u64 owned = 0;

	g_hash_table_iter_init(&it, td->sept);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct gms_sept_entry *e = v;
		struct gms_pamt_entry p = gms_tdx_pamt(tdx, e->hpa_pfn);

		if (p.pt != PT_REG || p.owner != td->tdr)
			gms_violation_add(
				out, "hw-consistency",
				"(T1) S-EPT leaf of gpa %#" G_GINT64_MODIFIER
				"x maps pfn %" G_GUINT64_FORMAT
				", which the PAMT does not give to this TD",
				(u64)GPOINTER_TO_SIZE(k) << GMS_PAGE_SHIFT,
				e->hpa_pfn);
	}
	gms_hw_table_iter_init(&it, tdx->pamt);
	while (gms_hw_table_iter_next(&it, tdx->pamt, &k, &v)) {
		const struct gms_pamt_entry *p = v;

		/* a 2M page counts 512 (TDH.MEM.PAGE.AUG at 2M) */
		if (p->owner == td->tdr && p->pt != PT_TDR)
			owned += GMS_TDX_LEVEL_PAGES(p->size);
	}
	if (owned != td->chldcnt)
		gms_violation_add(
			out, "hw-consistency",
			"(T4) TD with HKID %u counts %" G_GUINT64_FORMAT
			" child pages, the PAMT gives it %" G_GUINT64_FORMAT,
			td->hkid, td->chldcnt, owned);
	if (td->leaves_at_freeid)
		gms_violation_add(
			out, "hw-consistency",
			"(T7) HKID %u was freed while the TD still had S-EPT leaves",
			td->hkid);
}

void gms_check_tdx(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, w->hw.tdx.tds);
	while (gms_hw_table_iter_next(&it, w->hw.tdx.tds, &k, &v))
		check_td(w, v, out);
}

/* T6: a free KOT slot is no live TD's key */
void gms_check_hkid_reuse(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, w->hw.tdx.tds);
	while (gms_hw_table_iter_next(&it, w->hw.tdx.tds, &k, &v)) {
		const struct gms_td *td = v;

		if (td->life != TD_TEARDOWN &&
		    w->hw.tdx.kot[td->hkid] == KOT_FREE)
			gms_violation_add(
				out, "asid-reuse",
				"(T6) HKID %u is free in the KOT while its TD is alive",
				td->hkid);
	}
}

/* T3: a page back with the allocator is NDA, written back and cleared */
void gms_check_tdx_scrub(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, w->hw.tdx.dirty);
	while (gms_hw_table_iter_next(&it, w->hw.tdx.dirty, &k, &v)) {
		u64 pfn = GPOINTER_TO_SIZE(k);
		const struct gms_page *p = gms_physmem_page(&w->physmem, pfn);

		if (p && p->use == GMS_PAGE_FREE)
			gms_violation_add(
				out, "scrub",
				"(T3) pfn %" G_GUINT64_FORMAT
				" went back to the allocator without %s",
				pfn,
				GPOINTER_TO_UINT(v) & GMS_TDX_NEEDS_WBINVD ?
					"TDH.PHYMEM.PAGE.WBINVD" :
					"the MOVDIR64B clear");
	}
	gms_hw_table_iter_init(&it, w->hw.tdx.pamt);
	while (gms_hw_table_iter_next(&it, w->hw.tdx.pamt, &k, &v)) {
		u64 pfn = GPOINTER_TO_SIZE(k);
		const struct gms_page *p = gms_physmem_page(&w->physmem, pfn);

		if (p && p->use == GMS_PAGE_FREE)
			gms_violation_add(
				out, "scrub",
				"(T3) pfn %" G_GUINT64_FORMAT
				" went back to the allocator still owned by a TD (PAMT type %u)",
				pfn, ((const struct gms_pamt_entry *)v)->pt);
	}
}

/* P5, P3 for one VM's stage-2 */
static void check_pkvm_vm(struct gms_world *w, const struct gms_pkvm_vm *vm,
			  GPtrArray *out)
{
	const struct gms_pkvm *pk = &w->hw.pkvm;
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, vm->s2);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct gms_guest_pte *e = v;
		struct gms_hyp_page p = gms_pkvm_page(pk, e->pfn);
		u64 gfn = GPOINTER_TO_SIZE(k);

		if (e->state == PKVM_PAGE_OWNED &&
		    (p.host_state != PKVM_NOPAGE || p.owner != PKVM_ID_GUEST ||
		     p.handle != vm->handle || p.gfn != gfn))
			gms_violation_add(
				out, "hw-consistency",
				"(P5) handle %u owns gfn %#" G_GINT64_MODIFIER
				"x but the host stage-2 does not say so for pfn %" G_GUINT64_FORMAT,
				vm->handle, gfn, e->pfn);
		if (e->state == PKVM_PAGE_SHARED_BORROWED &&
		    (p.host_state != PKVM_PAGE_SHARED_OWNED ||
		     !p.host_share_guest_count))
			gms_violation_add(
				out, "hw-consistency",
				"(P3) handle %u borrows pfn %" G_GUINT64_FORMAT
				", which the host does not share",
				vm->handle, e->pfn);
	}
}

void gms_check_pkvm(struct gms_world *w, GPtrArray *out)
{
	const struct gms_pkvm *pk = &w->hw.pkvm;
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, pk->vms);
	while (gms_hw_table_iter_next(&it, pk->vms, &k, &v)) {
		const struct gms_pkvm_vm *vm = v;

		check_pkvm_vm(w, vm, out);
		if (vm->ptes_at_finalize)
			gms_violation_add(
				out, "asid-reuse",
				"(P8) handle %u finalized its teardown with guest pages left",
				vm->handle);
	}
	/* P4: a page the host cannot see is a guest's, by its annotation */
	gms_hw_table_iter_init(&it, pk->pages);
	while (gms_hw_table_iter_next(&it, pk->pages, &k, &v)) {
		const struct gms_hyp_page *p = v;
		const struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, p->handle);
		u64 pfn = GPOINTER_TO_SIZE(k);

		if (p->host_state == PKVM_NOPAGE &&
		    (!vm || gms_pkvm_guest_pte(vm, p->gfn).pfn != pfn))
			gms_violation_add(
				out, "hw-consistency",
				"(P4) pfn %" G_GUINT64_FORMAT
				" is missing from the host stage-2, but no guest owns it",
				pfn);
	}
}

/* P6: a page the host got back from a guest was zeroed first */
void gms_check_pkvm_scrub(struct gms_world *w, GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, w->hw.pkvm.unpoisoned);
	while (gms_hw_table_iter_next(&it, w->hw.pkvm.unpoisoned, &k, &v)) {
		u64 pfn = GPOINTER_TO_SIZE(k);
		const struct gms_page *p = gms_physmem_page(&w->physmem, pfn);

		if (p && p->tag && p->writer != GMS_PRINCIPAL_HOST)
			gms_violation_add(
				out, "scrub",
				"(P6) pfn %" G_GUINT64_FORMAT
				" went back to the host still holding a guest's data",
				pfn);
	}
}
