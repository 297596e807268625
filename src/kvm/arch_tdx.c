// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_X86_TDX_VM on the simulated TDX module (arch/x86/kvm/vmx/tdx.c;
 * hw_models.md 2.4-2.5). TDX selects only HAVE_KVM_ARCH_GMEM_POPULATE: no
 * prepare, no invalidate; private pages come and go through the S-EPT.
 */
#include <gmemsim/uapi.h>

#define TDX(w) (&(w)->hw.tdx)

static struct gms_td *td_of(struct gms_world *w, const struct gms_kvm *kvm)
{
	return gms_tdx_td(TDX(w), kvm->arch_page);
}

static void free_page(struct gms_world *w, u64 pfn)
{
	gms_physmem_put(&w->physmem, pfn);
}

/* mirrors: __tdx_td_init(): keyid, TDR, TDH.MNG.CREATE/KEY.CONFIG/ADDCX/INIT */
static int tdx_vm_init(struct gms_world *w, struct gms_kvm *kvm)
{
	u16 hkid = gms_tdx_keyid_alloc(TDX(w));
	u64 tdr, tdcx;

	if (!hkid)
		return -ENOSPC; /* tdx_guest_keyid_alloc(): ida_alloc_range() */
	if (gms_physmem_alloc(&w->physmem, GMS_PAGE_FW, &tdr))
		return -ENOMEM;
	if (gms_physmem_alloc(&w->physmem, GMS_PAGE_FW, &tdcx)) {
		free_page(w, tdr);
		return -ENOMEM;
	}
	if (tdh_mng_create(TDX(w), tdr, hkid) ||
	    tdh_mng_key_config(TDX(w), tdr) ||
	    tdh_mng_addcx(TDX(w), tdr, tdcx) || tdh_mng_init(TDX(w), tdr))
		return -EIO; /* the model never gets here: a new TD, free pages */
	kvm->arch_id = hkid;
	kvm->arch_page = tdr;
	return 0;
}

/* mirrors: tdx_reclaim_page(): PAGE.RECLAIM, MOVDIR64B; a failure leaks it */
static bool tdx_reclaim_page(struct gms_world *w, u64 pfn)
{
	if (tdh_phymem_page_reclaim(TDX(w), pfn))
		return false;
	gms_tdx_clear_page(TDX(w), pfn);
	gms_physmem_clear(&w->physmem, pfn);
	free_page(w, pfn);
	return true;
}

/*
 * mirrors: tdx_mmu_release_hkid() then tdx_vm_destroy(): VP.FLUSH,
 * VPFLUSHDONE, CACHE.WB, KEY.FREEID; then the control pages, the TDR last.
 */
static void tdx_vm_destroy(struct gms_world *w, struct gms_kvm *kvm)
{
	u64 tdr = kvm->arch_page;
	GHashTableIter it;
	gpointer k, v;
	GArray *pages;

	tdh_vp_flush(TDX(w), tdr);
	if (tdh_mng_vpflushdone(TDX(w), tdr))
		return; /* the HKID and every page of the TD are leaked */
	tdh_phymem_cache_wb(TDX(w));
	if (tdh_mng_key_freeid(TDX(w), tdr))
		return;
	pages = g_array_new(FALSE, FALSE, sizeof(u64));
	g_hash_table_iter_init(&it, TDX(w)->pamt);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct gms_pamt_entry *p = v;
		u64 pfn = GPOINTER_TO_SIZE(k);

		if (p->owner == tdr && p->pt == PT_TDCX)
			g_array_append_val(pages, pfn);
	}
	for (guint i = 0; i < pages->len; i++)
		tdx_reclaim_page(w, g_array_index(pages, u64, i));
	g_array_unref(pages);
	/* the TDR: reclaim, then WBINVD with the global KeyID, clear, free */
	tdx_reclaim_page(w, tdr);
}

/*
 * The KVM TDX of hw_models.md (@3829d81) holds a reference on every page the
 * S-EPT maps. The huge page series is based on kvm-x86 after "KVM: TDX: Drop
 * superfluous page pinning in S-EPT management" (Yan Zhao), and the HugeTLB
 * series' safe-to-split test (refcount == nr_pages + 1) needs it gone, so
 * under hugetlb=allowed the S-EPT holds no reference.
 */
static bool tdx_pins_pages(const struct gms_world *w)
{
	return w->policy.hugetlb != GMS_HUGETLB_ALLOWED;
}

/* mirrors: tdx_sept_set_private_spte(): PAGE.AUG while RUNNABLE, at @level */
static int tdx_map_private(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			   u64 pfn, int level)
{
	struct gms_td *td = td_of(w, kvm);

	if (!td || td->op_state != OP_RUNNABLE)
		return -EINVAL; /* no vCPU runs before FINALIZE_VM */
	if (tdh_mem_page_aug(TDX(w), kvm->arch_page, gfn << GMS_PAGE_SHIFT,
			     level, pfn))
		return -EIO; /* KVM_BUG_ON */
	/* KVM holds the pages until removal (not under the series) */
	for (u64 i = 0; tdx_pins_pages(w) && i < GMS_LEVEL_PAGES(level); i++)
		gms_physmem_get(&w->physmem, pfn + i);
	td->assoc_vcpus = 1;
	return 0;
}

/*
 * mirrors: tdx_gmem_max_mapping_level() of the TDX huge page series: 4K
 * during the TD build (PAGE.ADD is 4K only), up to 2M at run time. A 2M
 * range whose S-EPT was demoted keeps its 4K S-EPT page: no 2M leaf comes
 * back there (no PROMOTE; hugepage_set_guest_inhibit() after a 4K accept
 * has the same effect).
 */
static int tdx_private_max_level(struct gms_world *w, struct gms_kvm *kvm,
				 u64 gfn, u64 pfn)
{
	struct gms_td *td = td_of(w, kvm);

	(void)pfn;
	if (!td || td->op_state != OP_RUNNABLE ||
	    gms_tdx_sept_split(td, gfn << GMS_PAGE_SHIFT))
		return GMS_PG_4K;
	return GMS_PG_2M;
}

/*
 * mirrors: tdx_sept_split_private_spte() (Sean's RFC v5, Yan's v3): under
 * write mmu_lock BLOCK the 2M leaf, TRACK, kick the vCPUs, DEMOTE;
 * TDX_OPERAND_BUSY kicks every vCPU and retries once; any other error is
 * TDX_BUG_ON. Mutant tdx-demote-no-track leaves TRACK out.
 */
static int tdx_split_private(struct gms_world *w, struct gms_kvm *kvm,
			     const struct gms_spte *spte)
{
	u64 tdr = kvm->arch_page, gpa = spte->gfn << GMS_PAGE_SHIFT, err;
	struct gms_td *td = td_of(w, kvm);

	/* KVM_BUG_ON(state != TD_STATE_RUNNABLE || level != PG_LEVEL_2M) */
	if (GMS_WARN_ON(w, !td || spte->level != GMS_PG_2M))
		return -EIO;
	err = tdh_mem_range_block(TDX(w), tdr, gpa, TDX_PS_2M);
	if (err && err != TDX_GPA_RANGE_ALREADY_BLOCKED)
		return -EIO;
	if (!gms_mutant(w, GMS_MUTANT_TDX_DEMOTE_NO_TRACK))
		tdh_mem_track(TDX(w), tdr);
	/* tdx_no_vcpus_enter_start(): the kick makes every vCPU leave */
	err = tdh_mem_page_demote(TDX(w), tdr, gpa, TDX_PS_2M);
	if (err == TDX_OPERAND_BUSY) {
		gms_tdx_guest_lock(td, gpa, false);
		err = tdh_mem_page_demote(TDX(w), tdr, gpa, TDX_PS_2M);
	}
	return err ? -EIO : 0;
}

/*
 * mirrors: tdx_sept_remove_private_spte(): BLOCK, TRACK, REMOVE while the
 * HKID is live, then WBINVD(hkid), tdx_clear_page() and put_page(). Any
 * other error is KVM_BUG_ON: the page stays with the TD (leaked).
 */
static void tdx_unmap(struct gms_world *w, struct gms_kvm *kvm,
		      const struct gms_spte *spte)
{
	u64 tdr = kvm->arch_page, gpa = spte->gfn << GMS_PAGE_SHIFT;

	if (!spte->private || !td_of(w, kvm))
		return;
	if (tdh_mem_range_block(TDX(w), tdr, gpa, spte->level) & TDX_ERROR)
		return;
	/* mutant tdx-no-track: REMOVE straight after BLOCK */
	if (!gms_mutant(w, GMS_MUTANT_TDX_NO_TRACK))
		tdh_mem_track(TDX(w), tdr);
	if (tdh_mem_page_remove(TDX(w), tdr, gpa, spte->level))
		return;
	/* tdh_phymem_page_wbinvd_hkid() and the clear, page by page */
	for (u64 i = 0; i < GMS_LEVEL_PAGES(spte->level); i++) {
		tdh_phymem_page_wbinvd(TDX(w), spte->pfn + i);
		gms_tdx_clear_page(TDX(w), spte->pfn + i);
		gms_physmem_clear(&w->physmem, spte->pfn + i);
		if (tdx_pins_pages(w))
			gms_physmem_put(&w->physmem, spte->pfn + i);
	}
}

/* A private access needs a MAPPED leaf; PENDING is a #VE (T9) */
static int tdx_guest_access(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn, bool is_private)
{
	struct gms_td *td = td_of(w, kvm);
	struct gms_sept_entry e;

	(void)pfn;
	if (!is_private)
		return 0;
	e = td ? gms_tdx_sept(td, gfn << GMS_PAGE_SHIFT) :
		 (struct gms_sept_entry){ 0 };
	return e.state == SEPT_MAPPED ? 0 : GMS_GUEST_EXCEPTION;
}

/* mirrors: tdx_gmem_post_populate(): TDH.MEM.PAGE.ADD copies the source */
static int tdx_post_populate(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			     u64 pfn, const u64 *src)
{
	struct gms_td *td = td_of(w, kvm);
	u64 tag;

	/*
	 * the series (af602a96f401): no source only with in-place conversion,
	 * and then PAGE.ADD copies the page onto itself ("In-Place Add")
	 */
	if (!src && !gms_gmem_in_place_conversion(w))
		return -EOPNOTSUPP;
	tag = src ? *src : gms_physmem_page(&w->physmem, pfn)->tag;

	if (!td || td->op_state != OP_INITIALIZED)
		return -EINVAL;
	if (tdh_mem_page_add(TDX(w), kvm->arch_page, gfn << GMS_PAGE_SHIFT,
			     pfn))
		return -EIO;
	if (tdx_pins_pages(w))
		gms_physmem_get(&w->physmem, pfn);
	/* MOVDIR64B under the TD key: measured, the guest's own */
	gms_physmem_write_key(&w->physmem, pfn, tag, kvm->guest, true,
			      kvm->arch_id);
	gms_physmem_page(&w->physmem, pfn)->measured = true;
	return 0;
}

/* mirrors: tdx_td_finalize(): TDH.MR.FINALIZE */
static int tdx_finalize(struct gms_world *w, struct gms_kvm *kvm)
{
	if (tdh_mr_finalize(TDX(w), kvm->arch_page))
		return -EINVAL;
	kvm->state = GMS_KVM_FINALIZED;
	return 0;
}

/*
 * TDG.MEM.PAGE.ACCEPT at @level: the module zeroes the page(s) under the TD
 * key. A 4K accept under a PENDING 2M leaf exits with an EPT violation:
 * tdx_honor_guest_accept_level() inhibits 2M there and splits the leaf
 * (kvm_split_cross_boundary_leafs() over the accepted page), and the guest
 * retries. A 2M accept over 4K leaves is TDX_PAGE_SIZE_MISMATCH (-EINVAL)
 * and the guest accepts 4K.
 */
static int tdx_accept(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
		      u64 pfn, int level)
{
	u64 n = GMS_LEVEL_PAGES(level), gpa, r;

	gfn &= ~(n - 1);
	pfn &= ~(n - 1);
	gpa = gfn << GMS_PAGE_SHIFT;
	r = tdg_mem_page_accept(TDX(w), kvm->arch_page, gpa, level);
	if (r == GMS_TDX_EXIT_EPT_VIOLATION && level == GMS_PG_4K &&
	    !gms_kvm_split_cross_boundary_leafs(kvm, gfn, gfn + 1))
		r = tdg_mem_page_accept(TDX(w), kvm->arch_page, gpa, level);
	if (r == TDX_PAGE_ALREADY_ACCEPTED)
		return -EEXIST;
	if (r)
		return -EINVAL;
	for (u64 i = 0; i < n; i++)
		gms_physmem_write_key(&w->physmem, pfn + i, 0, kvm->guest, true,
				      kvm->arch_id);
	return 0;
}

static u32 tdx_key(const struct gms_kvm *kvm)
{
	return kvm->arch_id;
}

const struct gms_arch_ops gms_tdx_ops = {
	.name = "tdx",
	.type = GMS_VM_TDX,
	.has_private_mem = true,
	.has_mirrored_tdp = true,
	.has_readonly_mem = false,
	.vm_init = tdx_vm_init,
	.vm_destroy = tdx_vm_destroy,
	.map_private = tdx_map_private,
	.private_max_level = tdx_private_max_level,
	.split_private = tdx_split_private,
	.unmap = tdx_unmap,
	.guest_access = tdx_guest_access,
	.post_populate = tdx_post_populate,
	.finalize = tdx_finalize,
	.accept = tdx_accept,
	.key = tdx_key,
};
