// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_X86_SNP_VM on the simulated RMP and SEV firmware (arch/x86/kvm/svm/
 * sev.c; hw_models.md 1.4-1.5). A huge folio gets a 2M RMP entry when its
 * 2M range is unassigned (sev_gmem_prepare()); the NPT maps at most the
 * RMP level; a 4K change inside a 2M entry PSMASHes it first.
 */
#include <gmemsim/uapi.h>

#define RMP(w) (&(w)->hw.rmp)
#define ASIDS(w) (&(w)->hw.snp)

/* mirrors: rmp_make_shared(): a hypervisor-owned 4K entry */
static int rmp_make_shared(struct gms_world *w, u64 pfn)
{
	struct gms_rmp_entry shared = { 0 };

	return gms_rmp_update(RMP(w), pfn, &shared);
}

/* mirrors: rmp_make_private(pfn, gpa, level, asid, immutable) */
static int rmp_make_private_level(struct gms_world *w, u64 pfn, u64 gpa,
				  int level, u16 asid, bool immutable)
{
	struct gms_rmp_entry e = { .assigned = true,
				   .asid = asid,
				   .gpa = gpa,
				   .pagesize = level,
				   .immutable = immutable };

	return gms_rmp_update(RMP(w), pfn, &e);
}

static int rmp_make_private(struct gms_world *w, u64 pfn, u64 gpa, u16 asid,
			    bool immutable)
{
	return rmp_make_private_level(w, pfn, gpa, RMP_PG_SIZE_4K, asid,
				      immutable);
}

/*
 * mirrors: snp_rmptable_psmash(): PSMASH the 2M region of @pfn, retried
 * while PSMASH_FAIL_INUSE. Mutant no-psmash skips it: the 4K RMPUPDATE
 * that follows lands inside the 2M entry.
 */
static int snp_rmptable_psmash(struct gms_world *w, u64 pfn)
{
	int ret;

	if (gms_mutant(w, GMS_MUTANT_NO_PSMASH))
		return 0;
	do
		ret = gms_rmp_psmash(RMP(w), pfn & ~511ULL);
	while (ret == RMP_FAIL_INUSE);
	return ret;
}

/*
 * mirrors: sev_asid_new() + SNP_GCTX_CREATE (a firmware page) +
 * SNP_LAUNCH_START / SNP_ACTIVATE, which KVM_SEV_INIT2 and
 * KVM_SEV_SNP_LAUNCH_START do; the model does them at KVM_CREATE_VM.
 */
static int snp_vm_init(struct gms_world *w, struct gms_kvm *kvm)
{
	u16 asid;

	/* mutant asid-no-flush: __sev_recycle_asids() without sev_flush_asids() */
	ASIDS(w)->skip_flush = gms_mutant(w, GMS_MUTANT_ASID_NO_FLUSH);
	asid = gms_snp_asid_new(ASIDS(w));
	struct gms_rmp_entry fw = { .assigned = true, .immutable = true };
	u64 ctx;

	if (!asid)
		return -EBUSY;
	if (gms_physmem_alloc(&w->physmem, GMS_PAGE_FW, &ctx)) {
		gms_snp_asid_free(ASIDS(w), asid);
		return -ENOMEM;
	}
	/* rmp_mark_pages_firmware() */
	gms_rmp_update(RMP(w), ctx, &fw);
	gms_snp_activate(ASIDS(w), asid, gms_rmp_count_asid(RMP(w), asid));
	kvm->arch_id = asid;
	kvm->arch_page = ctx;
	return 0;
}

/* mirrors: sev_vm_destroy(): WBINVD, snp_decommission_context(), sev_asid_free() */
static void snp_vm_destroy(struct gms_world *w, struct gms_kvm *kvm)
{
	gms_snp_wbinvd(ASIDS(w));
	if (!kvm->arch_id)
		return; /* its context moved to another VM */
	gms_snp_decommission(ASIDS(w), kvm->arch_id);
	/*
	 * snp_page_reclaim() + rmp_make_shared(); a failure leaks the page.
	 * Mutant snp-invalidate-continue: no reclaim, the failed make-shared
	 * is ignored and the page freed while still assigned.
	 */
	if (gms_mutant(w, GMS_MUTANT_SNP_INVALIDATE_CONTINUE)) {
		rmp_make_shared(w, kvm->arch_page);
		gms_physmem_put(&w->physmem, kvm->arch_page);
	} else if (!gms_rmp_page_reclaim(RMP(w), kvm->arch_page) &&
		   !rmp_make_shared(w, kvm->arch_page)) {
		gms_physmem_put(&w->physmem, kvm->arch_page);
	}
	gms_snp_asid_free(ASIDS(w), kvm->arch_id);
}

/* mirrors: is_pfn_range_shared(): no pfn of the range is assigned */
static bool is_pfn_range_shared(struct gms_world *w, u64 start, u64 end)
{
	for (u64 pfn = start; pfn < end; pfn++)
		if (gms_rmp_lookup(RMP(w), pfn).assigned)
			return false;
	return true;
}

/*
 * The order of the folio holding @gfn's page: the HT code prepares the
 * whole folio and passes folio_order() as sev_gmem_prepare()'s max_order;
 * the model's hook gets one page and looks its folio up. A slot whose
 * gfns and indices are not congruent modulo the folio's pages gets order
 * 0, as the list settled for an unaligned gmem.pgoff (AMDESE/linux
 * c654cd144ad0: order 0 from kvm_gmem_get_pfn() there, and for the start
 * and end of a slot that covers only part of a folio): a 2M entry at the
 * aligned pfn would bind the folio's pages to other gpas than the slots'.
 */
static int folio_order_at(struct gms_kvm *kvm, u64 gfn)
{
	struct gms_memslot *slot = gms_kvm_gfn_to_memslot(kvm, 0, gfn);
	struct gms_folio *folio;
	u64 index, nr, base;

	if (!slot || !slot->gmem.file || slot->gmem.file->freed)
		return 0;
	index = gms_gmem_get_index(slot, gfn);
	folio = gms_gmem_lookup_folio(slot->gmem.file->inode, index);
	if (!folio || ((index ^ gfn) & ((1ULL << folio->order) - 1)))
		return 0;
	/* the start and end of a slot that covers part of the folio: order 0 */
	nr = 1ULL << folio->order;
	base = gfn & ~(nr - 1);
	if (base < slot->base_gfn || base + nr > slot->base_gfn + slot->npages)
		return 0;
	return folio->order;
}

/*
 * mirrors: sev_gmem_prepare(): private on first use, unless already
 * assigned; a 2M entry at the aligned pfn and gfn when the folio is at
 * least 2M and the whole 2M pfn range is shared (is_large_rmp_possible()),
 * which is the answer to seed 003's rmp_make_private(pfn, gpa, level, asid).
 * An RMPUPDATE refused is -EINVAL (as merged in the v15 series and in
 * mainline); only a planted entry reaches it (test_fault).
 */
static int snp_gmem_prepare(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn)
{
	u64 pfn_aligned = pfn & ~511ULL, gfn_aligned = gfn & ~511ULL;
	int level = RMP_PG_SIZE_2M;

	if (gms_rmp_lookup(RMP(w), pfn).assigned)
		return 0;
	if (folio_order_at(kvm, gfn) < 9 ||
	    !is_pfn_range_shared(w, pfn_aligned, pfn_aligned + 512)) {
		level = RMP_PG_SIZE_4K;
		pfn_aligned = pfn;
		gfn_aligned = gfn;
	}
	return rmp_make_private_level(w, pfn_aligned,
				      gfn_aligned << GMS_PAGE_SHIFT, level,
				      kvm->arch_id, false) ?
		       -EINVAL :
		       0;
}

/*
 * mirrors: sev_private_max_mapping_level(): the NPT maps a private page at
 * most at its RMP level (4K if unassigned)
 */
static int snp_private_max_level(struct gms_world *w, struct gms_kvm *kvm,
				 u64 gfn, u64 pfn)
{
	struct gms_rmp_entry e = gms_rmp_lookup(RMP(w), pfn);

	(void)kvm;
	(void)gfn;
	return e.assigned && e.pagesize == RMP_PG_SIZE_2M ? GMS_PG_2M :
							    GMS_PG_4K;
}

/*
 * mirrors: sev_gmem_invalidate(): back to shared when the folio is freed.
 * A failure only WARNs and the page is freed anyway ("pray this was a
 * spurious error"): the scrub invariant (S3) sees what is left assigned.
 */
static void snp_gmem_invalidate(struct gms_world *w, u64 pfn)
{
	struct gms_rmp_entry e = gms_rmp_lookup(RMP(w), pfn);

	if (!e.assigned)
		return;
	/*
	 * one page at a time (the model frees folios page by page), so never
	 * use_2m_update: a 2M entry is PSMASHed first; a failure is only
	 * reported and the 4K update tried anyway
	 */
	if (e.pagesize == RMP_PG_SIZE_2M)
		snp_rmptable_psmash(w, pfn);
	rmp_make_shared(w, pfn);
}

/* the RMP check of a guest access: #NPF or #VC instead of data */
static int snp_guest_access(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn, bool is_private)
{
	return gms_rmp_guest_access(RMP(w), pfn, kvm->arch_id,
				    gfn << GMS_PAGE_SHIFT, is_private) ?
		       GMS_GUEST_EXCEPTION :
		       0;
}

/*
 * mirrors: sev_gmem_post_populate() for a NORMAL page: copy the source, make
 * it Pre-Guest (immutable), SNP_LAUNCH_UPDATE encrypts and measures it and
 * leaves it Guest-Valid (UNVERIFIED: validated=1, immutable=0).
 */
static int snp_post_populate(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			     u64 pfn, const u64 *src)
{
	u64 tag;

	/* the series (edcc3f42981e): no source only with in-place conversion */
	if (!src && !gms_gmem_in_place_conversion(w))
		return -EINVAL;
	if (kvm->state != GMS_KVM_CREATED)
		return -EIO; /* SEV_RET_INVALID_GUEST_STATE after LAUNCH_FINISH */
	if (gms_rmp_lookup(RMP(w), pfn).assigned)
		return -EEXIST;
	if (src) {
		gms_world_host_access(w, pfn, GMS_HOST_KERNEL_WRITE,
				      "copy of the launch source");
		gms_physmem_write(&w->physmem, pfn, *src, kvm->guest, true);
	}
	/* no source: the payload userspace wrote while the page was shared */
	tag = gms_physmem_page(&w->physmem, pfn)->tag;
	if (rmp_make_private(w, pfn, gfn << GMS_PAGE_SHIFT, kvm->arch_id, true))
		return -EFAULT;
	/* SNP_LAUNCH_UPDATE; on failure KVM reclaims the page and makes it shared */
	if (gms_rmp_launch_update(RMP(w), pfn)) {
		gms_rmp_page_reclaim(RMP(w), pfn);
		rmp_make_shared(w, pfn);
		return -EIO;
	}
	gms_physmem_write_key(&w->physmem, pfn, tag, kvm->guest, true,
			      kvm->arch_id);
	gms_physmem_page(&w->physmem, pfn)->measured = true;
	return 0;
}

/* mirrors: snp_launch_finish() (SNP_LAUNCH_FINISH) */
static int snp_finalize(struct gms_world *w, struct gms_kvm *kvm)
{
	(void)w;
	if (kvm->state != GMS_KVM_CREATED)
		return -EIO;
	kvm->state = GMS_KVM_FINALIZED;
	return 0;
}

/*
 * The guest's PVALIDATE at @level. A 4K one inside a 2M RMP entry is an
 * #NPF with the SIZEM bit: sev_handle_rmp_fault() PSMASHes the region and
 * zaps its 512 gfns (the NPT leaf may not stay above the RMP level), and
 * the guest retries. A 2M one over 4K entries is FAIL_SIZEMISMATCH to the
 * guest (-EINVAL).
 */
static int snp_accept(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
		      u64 pfn, int level)
{
	u64 gpa = gfn << GMS_PAGE_SHIFT;
	int r;

	if (level == GMS_PG_2M) {
		pfn &= ~511ULL;
		gpa &= ~((512ULL << GMS_PAGE_SHIFT) - 1);
	}
	r = gms_rmp_pvalidate(RMP(w), pfn, kvm->arch_id, gpa, true, level);
	if (r == RMP_NPF && level == GMS_PG_4K &&
	    gms_rmp_lookup(RMP(w), pfn).pagesize == RMP_PG_SIZE_2M &&
	    !snp_rmptable_psmash(w, pfn)) {
		/* kvm_zap_gfn_range(kvm, gfn, gfn + PTRS_PER_PMD) */
		gms_kvm_unmap_gfn_range(kvm, gfn & ~511ULL,
					(gfn & ~511ULL) + 512,
					GMS_FILTER_PRIVATE | GMS_FILTER_SHARED);
		r = gms_rmp_pvalidate(RMP(w), pfn, kvm->arch_id, gpa, true,
				      level);
	}
	switch (r) {
	case 0:
		return 0;
	case PVALIDATE_FAIL_NOUPDATE:
		return -EEXIST;
	case RMP_FAIL_SIZEMISMATCH:
		return -EINVAL;
	default:
		return -EFAULT; /* #NPF */
	}
}

static u32 snp_key(const struct gms_kvm *kvm)
{
	return kvm->arch_id;
}

const struct gms_arch_ops gms_snp_ops = {
	.name = "snp",
	.type = GMS_VM_SNP,
	.has_private_mem = true,
	.has_mirrored_tdp = false,
	.has_readonly_mem = false, /* has_protected_state */
	.vm_init = snp_vm_init,
	.vm_destroy = snp_vm_destroy,
	.gmem_prepare = snp_gmem_prepare,
	.gmem_invalidate = snp_gmem_invalidate,
	/*
	 * the series' sev_gmem_make_shared() is sev_gmem_invalidate() renamed
	 * (f3c073e25476): PSMASH if 2M, then rmp_make_shared(); unassigned
	 * pages are skipped
	 */
	.gmem_make_shared = snp_gmem_invalidate,
	.private_max_level = snp_private_max_level,
	.guest_access = snp_guest_access,
	.post_populate = snp_post_populate,
	.finalize = snp_finalize,
	.accept = snp_accept,
	.key = snp_key,
};
