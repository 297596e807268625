// SPDX-License-Identifier: GPL-2.0
/* expect.* and check: assertions on the objects behind names, even closed ones. */
#include "runner_internal.h"

void gms_expect_num(struct gms_result *res, const struct gms_stmt *s,
		    const char *key, u64 actual)
{
	const struct gms_arg *a = gms_stmt_arg(s, key);

	if (a && a->num != actual && !res->mismatch)
		gms_result_mismatch(res,
				    "%s=%" G_GUINT64_FORMAT
				    " (expected %" G_GUINT64_FORMAT ")",
				    key, actual, a->num);
}

/* In the attributes model a page is private when a VM maps its gfn private. */
static bool page_is_private(struct gms_gmem_inode *inode, u64 index)
{
	for (GList *l = inode->files; l; l = l->next) {
		struct gms_gmem_file *f = l->data;
		struct gms_memslot *slot =
			(struct gms_memslot *)gms_range_map_load(&f->bindings,
								 index);

		if (slot &&
		    gms_kvm_mem_is_private(slot->kvm, slot->base_gfn + index -
							      slot->gmem.pgoff))
			return true;
	}
	return false;
}

bool gms_runner_gmem_folio(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res, u64 index,
			   struct gms_gmem_inode **inode,
			   struct gms_folio **folio)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));

	*folio = NULL;
	if (!gms_runner_needs_model(r, res))
		return false;
	if (h->kind != GMS_H_GMEM || !h->obj) {
		gms_result_mismatch(res, "'%s' is not a guest_memfd", pos0(s));
		return false;
	}
	*inode = ((struct gms_gmem_file *)h->obj)->inode;
	if (!(*inode)->freed)
		*folio = gms_gmem_lookup_folio(*inode, index);
	return true;
}

/*
 * expect.folio G offset=O [order=N] [refs=N]: the folio holding the index
 * (a mismatch when there is none); refs is folio_ref_count(), the page
 * cache's reference per page and every other one
 */
void gms_exec_expect_folio(struct gms_runner *r, const struct gms_stmt *s,
			   struct gms_result *res)
{
	u64 index = gms_stmt_num(s, "offset", 0) >> GMS_PAGE_SHIFT;
	struct gms_gmem_inode *inode;
	struct gms_folio *folio;
	u64 refs = 0;

	if (!gms_runner_gmem_folio(r, s, res, index, &inode, &folio))
		return;
	if (!folio) {
		gms_result_mismatch(res, "no folio at offset %#llx",
				    (unsigned long long)(index
							 << GMS_PAGE_SHIFT));
		return;
	}
	for (u64 i = 0; i < gms_folio_nr_pages(folio); i++)
		refs += gms_physmem_page(&r->w->physmem, folio->pfn + i)
				->refcount;
	gms_expect_num(res, s, "order", folio->order);
	gms_expect_num(res, s, "refs", refs);
}

/* the huge page a split piece belongs to is in the pool's free list */
static bool page_pool_free(const struct gms_world *w,
			   const struct gms_folio *folio)
{
	u64 nr = 1ULL << folio->huge_order;

	return folio->huge_order &&
	       gms_hugetlb_page_is_free(w, folio->pfn & ~(nr - 1));
}

void gms_exec_expect_page(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	u64 index = gms_stmt_num(s, "offset", 0) >> GMS_PAGE_SHIFT;
	struct gms_gmem_inode *inode;
	struct gms_folio *folio;
	const struct gms_arg *tag = gms_stmt_arg(s, "tag");

	/* NUMA: the kernel answers node= too (move_pages()) */
	if (gms_stmt_arg(s, "node") || gms_stmt_arg(s, "interleave_node")) {
		gms_expect_page_node(r, s, res);
		if (!r->w)
			return;
	}
	if (!gms_runner_gmem_folio(r, s, res, index, &inode, &folio))
		return;
	gms_expect_num(res, s, "present", folio != NULL);
	/* hugetlb=allowed (model only): the folio's order, whole or split */
	gms_expect_num(res, s, "order", folio ? folio->order : 0);
	/* the huge page of the split piece there is back in the pool */
	gms_expect_num(res, s, "pool_free",
		       folio && page_pool_free(r->w, folio));
	gms_expect_num(res, s, "private",
		       !inode->freed && page_is_private(inode, index));
	/* the inode's own attribute (convert=in-place-*; else INIT_SHARED) */
	gms_expect_num(res, s, "shared",
		       !inode->freed && gms_gmem_is_shared(inode, index));
	if (tag && !res->mismatch) {
		u64 actual = folio ? gms_physmem_page(&r->w->physmem,
						      gms_folio_file_pfn(folio,
									 index))
					     ->tag :
				     0;
		const char *name = gms_scenario_tag_name(r->sc, actual);

		/* a page that was never zeroed holds nothing the guest can see */
		if (folio && !folio->uptodate)
			actual = 0;
		if (actual != tag->num)
			gms_result_mismatch(res, "tag=%s (expected %s)",
					    actual ? (name ? name : "?") :
						     "zero",
					    (char *)tag->values[0]);
	}
}

void gms_exec_expect_vm(struct gms_runner *r, const struct gms_stmt *s,
			struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	struct gms_kvm *kvm = h->obj;

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_VM || !kvm) {
		gms_result_mismatch(res, "'%s' is not a VM", pos0(s));
		return;
	}
	gms_expect_num(res, s, "alive", !kvm->freed);
	gms_expect_num(res, s, "refs", kvm->freed ? 0 : kvm->users_count);
	/* the hardware identity: ASID (snp), HKID (tdx), handle (pkvm) */
	gms_expect_num(res, s, "asid", kvm->arch_id);
	gms_expect_num(res, s, "hkid", kvm->arch_id);
	gms_expect_num(res, s, "handle", kvm->arch_id);
}

void gms_exec_expect_gmem(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	struct gms_gmem_file *f = h->obj;
	u64 bindings = 0;
	const struct gms_range *rg;

	if (!gms_runner_needs_model(r, res))
		return;
	if (h->kind != GMS_H_GMEM || !f) {
		gms_result_mismatch(res, "'%s' is not a guest_memfd", pos0(s));
		return;
	}
	for (rg = gms_range_map_next(&f->bindings, NULL); rg && !f->freed;
	     rg = gms_range_map_next(&f->bindings, rg))
		bindings++;
	gms_expect_num(res, s, "alive", !f->freed);
	gms_expect_num(res, s, "bindings", bindings);
}

/* The runner checks every invariant after every step; this step does nothing else. */
void gms_exec_check(struct gms_runner *r, const struct gms_stmt *s,
		    struct gms_result *res)
{
	(void)s;
	gms_runner_needs_model(r, res);
}
