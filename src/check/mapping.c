// SPDX-License-Identifier: GPL-2.0
/* stale-mapping (hw_models.md G1, G2) and mmap-exclusion (G3). */
#include "check_internal.h"

static void stale(struct gms_world *w, GPtrArray *out, struct gms_kvm *kvm,
		  const struct gms_spte *spte, const char *why)
{
	char *vm = gms_describe(w, GMS_OBJ_KVM, kvm->id);
	struct gms_violation *v;

	v = gms_violation_add(out, "stale-mapping",
			      "%s maps gfn %#" G_GINT64_MODIFIER
			      "x to pfn %" G_GUINT64_FORMAT ", but %s",
			      vm, spte->gfn, spte->pfn, why);
	gms_violation_object(v, "%s", vm);
	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, spte->pfn);
	g_free(vm);
}

/* The pfn the spte's source holds now, or false if it holds none. */
static bool source_pfn(struct gms_world *w, const struct gms_spte *spte,
		       u64 *pfn)
{
	struct gms_folio *folio;
	struct gms_vma *vma;
	struct gms_pte *pte;
	u64 page;

	if (spte->source == GMS_SPTE_GMEM) {
		if (spte->inode->freed)
			return false;
		folio = gms_gmem_lookup_folio(spte->inode, spte->index);
		*pfn = folio ? gms_folio_file_pfn(folio, spte->index) : 0;
		return folio != NULL;
	}
	vma = gms_mm_find_vma(w, spte->hva);
	if (!vma)
		return false;
	page = vma->kind == GMS_VMA_GMEM ?
		       vma->pgoff +
			       ((spte->hva - vma->start) >> GMS_PAGE_SHIFT) :
		       spte->hva >> GMS_PAGE_SHIFT;
	pte = g_tree_lookup(vma->ptes, &page);
	*pfn = pte ? pte->pfn : 0;
	return pte != NULL;
}

/* S6: a private NPT entry needs the RMP to bind the page to this ASID and gpa */
static void check_rmp_binding(struct gms_world *w, struct gms_kvm *kvm,
			      const struct gms_spte *spte, GPtrArray *out)
{
	struct gms_rmp_entry e = gms_rmp_lookup(&w->hw.rmp, spte->pfn);
	/* a 2M entry binds the 2M-aligned gpa (hw_models.md 6 S6) */
	u64 gfn = e.pagesize == RMP_PG_SIZE_2M ? spte->gfn & ~511ULL :
						 spte->gfn;

	if (!e.assigned || e.asid != kvm->arch_id ||
	    e.gpa != gfn << GMS_PAGE_SHIFT)
		stale(w, out, kvm, spte,
		      "the RMP does not bind the page to its ASID and gpa (S6)");
	else if (spte->level > e.pagesize)
		stale(w, out, kvm, spte,
		      "the NPT leaf is larger than the RMP entry (S6)");
}

/* T11: a mirror SPTE matches a MAPPED or PENDING S-EPT leaf */
static void check_sept_binding(struct gms_world *w, struct gms_kvm *kvm,
			       const struct gms_spte *spte, GPtrArray *out)
{
	struct gms_td *td = gms_tdx_td(&w->hw.tdx, kvm->arch_page);
	struct gms_sept_entry e =
		td ? gms_tdx_sept(td, spte->gfn << GMS_PAGE_SHIFT) :
		     (struct gms_sept_entry){ 0 };

	if ((e.state != SEPT_MAPPED && e.state != SEPT_PENDING) ||
	    e.hpa_pfn != spte->pfn || e.level != spte->level)
		stale(w, out, kvm, spte,
		      "no MAPPED or PENDING S-EPT leaf backs it (T11)");
}

static void check_spte(struct gms_world *w, struct gms_kvm *kvm,
		       struct gms_spte *spte, GPtrArray *out)
{
	struct gms_memslot *slot = gms_kvm_gfn_to_memslot(kvm, 0, spte->gfn);
	const struct gms_page *p = gms_physmem_page(&w->physmem, spte->pfn);
	u64 pfn;

	if (!p || p->use == GMS_PAGE_FREE)
		stale(w, out, kvm, spte, "the pfn was freed (G2)");
	else if (!slot || slot->invalid || slot->uid != spte->slot_uid)
		stale(w, out, kvm, spte, "its memslot is gone");
	else if (!source_pfn(w, spte, &pfn))
		stale(w, out, kvm, spte,
		      spte->source == GMS_SPTE_GMEM ?
			      "guest_memfd no longer holds a page there" :
			      "the host no longer maps a page there");
	else if (pfn != spte->pfn)
		stale(w, out, kvm, spte, "the backing now holds another pfn");
	else if (spte->private && !gms_kvm_mem_is_private(kvm, spte->gfn))
		stale(w, out, kvm, spte, "the gfn is shared now (G1)");
	else if (spte->private && kvm->arch->type == GMS_VM_SNP)
		check_rmp_binding(w, kvm, spte, out);
	else if (spte->private && kvm->arch->type == GMS_VM_TDX)
		check_sept_binding(w, kvm, spte, out);
}

static void check_pte(struct gms_world *w, struct gms_vma *vma,
		      struct gms_pte *pte, GPtrArray *out)
{
	struct gms_folio *folio;
	struct gms_violation *v;

	(void)w;
	if (vma->kind != GMS_VMA_GMEM)
		return;
	folio = gms_gmem_lookup_folio(vma->file->inode, pte->page);
	if (folio && gms_folio_file_pfn(folio, pte->page) == pte->pfn)
		return;
	v = gms_violation_add(
		out, "stale-mapping",
		"host mapping #%u maps file page %" G_GUINT64_FORMAT
		" to pfn %" G_GUINT64_FORMAT
		", which guest_memfd no longer holds there",
		vma->id, pte->page, pte->pfn);
	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, pte->pfn);
}

/* T11, the other way: every S-EPT leaf of a live TD is in KVM's mirror */
static void check_sept_leaves(struct gms_world *w, struct gms_kvm *kvm,
			      GPtrArray *out)
{
	struct gms_td *td = gms_tdx_td(&w->hw.tdx, kvm->arch_page);
	GHashTableIter it;
	gpointer k, v;

	if (!td)
		return;
	g_hash_table_iter_init(&it, td->sept);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct gms_sept_entry *e = v;
		struct gms_spte *spte =
			gms_kvm_lookup_spte(kvm, GPOINTER_TO_SIZE(k));
		char *vm;

		/* the same leaf: pfn and level (a 2M S-EPT leaf, a 2M SPTE) */
		if (spte && spte->private &&
		    gms_spte_pfn(spte, GPOINTER_TO_SIZE(k)) == e->hpa_pfn &&
		    spte->level == e->level)
			continue;
		vm = gms_describe(w, GMS_OBJ_KVM, kvm->id);
		gms_violation_add(
			out, "stale-mapping",
			"(T11) the S-EPT of %s still maps gfn %#" G_GINT64_MODIFIER
			"x to pfn %" G_GUINT64_FORMAT
			", which KVM no longer maps",
			vm, (u64)GPOINTER_TO_SIZE(k), e->hpa_pfn);
		g_free(vm);
	}
}

static void check_tdx_vm(struct gms_world *w, struct gms_kvm *kvm,
			 GPtrArray *out)
{
	if (kvm->arch->type == GMS_VM_TDX && kvm->state < GMS_KVM_DYING)
		check_sept_leaves(w, kvm, out);
}

void gms_check_stale_mapping_in(struct gms_world *w, const struct gms_scope *sc,
				GPtrArray *out)
{
	gms_for_each_spte(w, sc, check_spte, out);
	gms_for_each_pte(w, sc, check_pte, out);
	gms_for_each_kvm(w, sc, check_tdx_vm, out);
}

void gms_check_stale_mapping(struct gms_world *w, GPtrArray *out)
{
	gms_check_stale_mapping_in(w, NULL, out);
}

static void check_exclusive(struct gms_world *w, struct gms_kvm *kvm,
			    struct gms_spte *spte, GPtrArray *out)
{
	const struct gms_page *p = gms_physmem_page(&w->physmem, spte->pfn);
	struct gms_violation *v;
	char *vm;

	if (!p || !spte->private || (!p->mapcount && !p->pincount))
		return;
	vm = gms_describe(w, GMS_OBJ_KVM, kvm->id);
	v = gms_violation_add(out, "mmap-exclusion",
			      "(G3) pfn %" G_GUINT64_FORMAT
			      " is private to %s and %s by the host",
			      spte->pfn, vm, p->mapcount ? "mapped" : "pinned");
	gms_violation_object(v, "%s", vm);
	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, spte->pfn);
	g_free(vm);
}

void gms_check_mmap_exclusion_in(struct gms_world *w,
				 const struct gms_scope *sc, GPtrArray *out)
{
	gms_for_each_spte(w, sc, check_exclusive, out);
}

void gms_check_mmap_exclusion(struct gms_world *w, GPtrArray *out)
{
	gms_check_mmap_exclusion_in(w, NULL, out);
}
