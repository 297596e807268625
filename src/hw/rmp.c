// SPDX-License-Identifier: GPL-2.0
/*
 * The SEV-SNP RMP (arch/x86/virt/svm/sev.c, the Verus model of RMPUPDATE and
 * PVALIDATE; hw_models.md 1.1-1.3). Codes marked UNVERIFIED there are chosen
 * here as the most plausible and named in one place each.
 */
#include <string.h>

#include <gmemsim/rmp.h>

#define PTRS_PER_PMD 512

static gpointer key(u64 pfn)
{
	return GSIZE_TO_POINTER((gsize)pfn);
}

void gms_rmp_init(struct gms_rmp *rmp, struct gms_warn_log *warn)
{
	rmp->entries = NULL; /* from the first assigned page */
	rmp->warn = warn;
}

void gms_rmp_destroy(struct gms_rmp *rmp)
{
	gms_hw_table_free(&rmp->entries);
}

struct gms_rmp_entry gms_rmp_read(const struct gms_rmp *rmp, u64 pfn)
{
	struct gms_rmp_entry *e = gms_hw_table_lookup(rmp->entries, key(pfn));

	return e ? *e : (struct gms_rmp_entry){ 0 };
}

/* mirrors: __snp_lookup_rmpentry(): the 2M entry is authoritative */
struct gms_rmp_entry gms_rmp_lookup(const struct gms_rmp *rmp, u64 pfn)
{
	struct gms_rmp_entry big =
		gms_rmp_read(rmp, pfn & ~(u64)(PTRS_PER_PMD - 1));

	if (big.assigned && big.pagesize == RMP_PG_SIZE_2M)
		return big;
	return gms_rmp_read(rmp, pfn);
}

static void store(struct gms_rmp *rmp, u64 pfn, const struct gms_rmp_entry *e)
{
	static const struct gms_rmp_entry zero;

	if (!memcmp(e, &zero, sizeof(*e))) {
		gms_hw_table_remove(rmp->entries, key(pfn));
		return;
	}
	g_hash_table_insert(gms_hw_table(&rmp->entries, g_free), key(pfn),
			    g_memdup2(e, sizeof(*e)));
}

static bool range_unassigned(const struct gms_rmp *rmp, u64 pfn)
{
	for (u64 i = 0; i < PTRS_PER_PMD; i++)
		if (gms_rmp_read(rmp, pfn + i).assigned)
			return false;
	return true;
}

/*
 * S5: a 2M entry speaks for the whole region; a follower's own 4K entry may
 * still be assigned (PSMASH leaves 512 of them) but only as the piece of
 * the 2M mapping it stands in, never bound elsewhere.
 */
static void rmp_check_follower(const struct gms_rmp *rmp,
			       const struct gms_rmp_entry *big, u64 base,
			       u64 pfn)
{
	struct gms_rmp_entry e = gms_rmp_read(rmp, pfn);

	GMS_WARN_ON(rmp,
		    e.assigned && (e.asid != big->asid ||
				   e.gpa != big->gpa + ((pfn - base)
							<< GMS_PAGE_SHIFT)));
}

/*
 * What the RMP guarantees of one entry whatever software asks, because the
 * hardware and firmware refuse to break it (hw_models.md 1.1, 6 S1 and S5):
 * a check firing means one of the instructions below let software do what
 * the real one refuses. Only the entries a transition wrote are checked
 * after it; gms_rmp_assert_invariants() walks the table. A 2M entry just
 * written has its 511 followers checked too (@region); the walk visits
 * every stored follower itself, so it reports a conflict once.
 */
static void rmp_check_entry(const struct gms_rmp *rmp, u64 pfn, bool region)
{
	struct gms_rmp_entry e = gms_rmp_read(rmp, pfn), big;
	u64 base = pfn & ~(u64)(PTRS_PER_PMD - 1);

	GMS_WARN_ON(rmp, e.pagesize > RMP_PG_SIZE_2M);
	/* __snp_lookup_rmpentry() finds the level at the aligned pfn only */
	GMS_WARN_ON(rmp, e.pagesize == RMP_PG_SIZE_2M && pfn != base);
	/* S1: a hypervisor-owned entry carries nothing */
	GMS_WARN_ON(rmp, !e.assigned && (e.asid || e.gpa || e.immutable ||
					 e.validated || e.vmsa || e.reclaimed));
	/* firmware-owned (ASID 0): no guest PVALIDATEs it or runs on it */
	GMS_WARN_ON(rmp, e.assigned && !e.asid && (e.validated || e.vmsa));
	/* SNP_PAGE_RECLAIM is what makes an immutable page mutable */
	GMS_WARN_ON(rmp, e.reclaimed && e.immutable);
	if (pfn != base) {
		big = gms_rmp_read(rmp, base);
		if (big.assigned && big.pagesize == RMP_PG_SIZE_2M)
			rmp_check_follower(rmp, &big, base, pfn);
	} else if (region && e.assigned && e.pagesize == RMP_PG_SIZE_2M) {
		for (u64 i = 1; i < PTRS_PER_PMD; i++)
			rmp_check_follower(rmp, &e, base, base + i);
	}
}

bool gms_rmp_assert_invariants(const struct gms_rmp *rmp)
{
	u32 bugs = rmp->warn->count;
	GHashTableIter it;
	gpointer k, v;

	gms_hw_table_iter_init(&it, rmp->entries);
	while (gms_hw_table_iter_next(&it, rmp->entries, &k, &v))
		rmp_check_entry(rmp, GPOINTER_TO_SIZE(k), false);
	return rmp->warn->count == bugs;
}

/* mirrors: rmpupdate(); hw_models.md 1.2 (codes per the Verus model) */
int gms_rmp_update(struct gms_rmp *rmp, u64 pfn,
		   const struct gms_rmp_entry *new)
{
	struct gms_rmp_entry cur = gms_rmp_lookup(rmp, pfn), e = *new;
	bool big = new->pagesize == RMP_PG_SIZE_2M;

	/* Pre-Guest and Firmware pages go back only after a reclaim. */
	if (cur.immutable && !cur.reclaimed)
		return RMP_FAIL_PERMISSION;
	/* an unassigned entry carries nothing (S1) */
	if (!e.assigned && (e.asid || e.immutable || e.gpa))
		return RMP_FAIL_INPUT;
	if (big && (pfn & (PTRS_PER_PMD - 1)))
		return RMP_FAIL_INPUT;
	/* UNVERIFIED: a 4K update inside an assigned 2M entry; KVM PSMASHes first */
	if (!big && cur.assigned && cur.pagesize == RMP_PG_SIZE_2M)
		return RMP_FAIL_SIZEMISMATCH;
	/*
	 * UNVERIFIED code: a 2M entry needs the 512 pfns unassigned unless it
	 * replaces an assigned 2M entry (rmp_make_shared(pfn, PG_LEVEL_2M) of
	 * a whole one). Assigning: KVM checks first (is_large_rmp_possible()),
	 * as rmpupdate() retries FAIL_OVERLAP for ever. Making a PSMASHed
	 * region shared at 2M would leave 4K entries assigned under it:
	 * sev_gmem_invalidate() goes 4K when the RMP level is 4K.
	 */
	if (big && !(cur.assigned && cur.pagesize == RMP_PG_SIZE_2M) &&
	    !range_unassigned(rmp, pfn))
		return RMP_FAIL_OVERLAP;
	/* any change of the binding drops Validated and VMSA (S8) */
	if (e.assigned != cur.assigned || e.asid != cur.asid ||
	    e.gpa != cur.gpa || e.pagesize != cur.pagesize) {
		e.validated = false;
		e.vmsa = false;
	}
	e.reclaimed = false;
	store(rmp, pfn, &e);
	rmp_check_entry(rmp, pfn, true);
	return 0;
}

void gms_rmp_contend(struct gms_rmp *rmp, u64 pfn, u32 count)
{
	rmp->inuse_pfn = pfn & ~(u64)(PTRS_PER_PMD - 1);
	rmp->inuse_count = count;
}

/*
 * mirrors: psmash(); Validated is preserved. The operand checks come first
 * (FAIL_INPUT, code per the Verus model), then the region's lock
 * (PSMASH_FAIL_INUSE, which snp_rmptable_psmash() retries).
 */
int gms_rmp_psmash(struct gms_rmp *rmp, u64 pfn)
{
	struct gms_rmp_entry big = gms_rmp_read(rmp, pfn);

	if ((pfn & (PTRS_PER_PMD - 1)) || !big.assigned ||
	    big.pagesize != RMP_PG_SIZE_2M)
		return RMP_FAIL_INPUT;
	if (rmp->inuse_count && rmp->inuse_pfn == pfn) {
		rmp->inuse_count--;
		return RMP_FAIL_INUSE;
	}
	for (u64 i = 0; i < PTRS_PER_PMD; i++) {
		struct gms_rmp_entry small = big;

		small.pagesize = RMP_PG_SIZE_4K;
		small.gpa = big.gpa + (i << GMS_PAGE_SHIFT);
		store(rmp, pfn + i, &small);
	}
	for (u64 i = 0; i < PTRS_PER_PMD; i++)
		rmp_check_entry(rmp, pfn + i, false);
	return 0;
}

/* mirrors: PVALIDATE (guest, VMPL0): hw_models.md 1.2 */
int gms_rmp_pvalidate(struct gms_rmp *rmp, u64 pfn, u16 asid, u64 gpa,
		      bool validate, enum gms_rmp_pagesize size)
{
	struct gms_rmp_entry e = gms_rmp_lookup(rmp, pfn);
	u64 base = e.pagesize == RMP_PG_SIZE_2M ?
			   pfn & ~(u64)(PTRS_PER_PMD - 1) :
			   pfn;
	u64 want = e.pagesize == RMP_PG_SIZE_2M ?
			   gpa & ~((u64)PTRS_PER_PMD * GMS_PAGE_SIZE - 1) :
			   gpa;

	if (!e.assigned || e.asid != asid || e.gpa != want)
		return RMP_NPF;
	if (size == RMP_PG_SIZE_2M && e.pagesize == RMP_PG_SIZE_4K)
		return RMP_FAIL_SIZEMISMATCH;
	if (size == RMP_PG_SIZE_4K && e.pagesize == RMP_PG_SIZE_2M)
		return RMP_NPF; /* with SIZEM: KVM PSMASHes */
	if (e.validated == validate)
		return PVALIDATE_FAIL_NOUPDATE;
	e.validated = validate;
	store(rmp, base, &e);
	rmp_check_entry(rmp, base, false);
	return 0;
}

/* mirrors: SNP_LAUNCH_UPDATE's effect on the RMP (hw_models.md 1.1, UNVERIFIED) */
int gms_rmp_launch_update(struct gms_rmp *rmp, u64 pfn)
{
	struct gms_rmp_entry e = gms_rmp_read(rmp, pfn);

	if (!e.assigned || !e.immutable || !e.asid)
		return SEV_RET_INVALID_PAGE_STATE;
	e.immutable = false;
	e.validated = true;
	store(rmp, pfn, &e);
	rmp_check_entry(rmp, pfn, false);
	return 0;
}

/* mirrors: SNP_PAGE_RECLAIM (snp_page_reclaim()) */
int gms_rmp_page_reclaim(struct gms_rmp *rmp, u64 pfn)
{
	struct gms_rmp_entry e = gms_rmp_read(rmp, pfn);

	if (!e.assigned || !e.immutable)
		return SEV_RET_INVALID_PAGE_STATE; /* UNVERIFIED code */
	e.immutable = false;
	e.reclaimed = true;
	store(rmp, pfn, &e);
	rmp_check_entry(rmp, pfn, false);
	return 0;
}

/* mirrors: the RMP check of a host write; a 2M mapping checks the whole region */
bool gms_rmp_host_write_faults(const struct gms_rmp *rmp, u64 pfn,
			       enum gms_rmp_pagesize level)
{
	u64 base = pfn & ~(u64)(PTRS_PER_PMD - 1);

	if (level == RMP_PG_SIZE_4K)
		return gms_rmp_lookup(rmp, pfn).assigned;
	for (u64 i = 0; i < PTRS_PER_PMD; i++)
		if (gms_rmp_lookup(rmp, base + i).assigned)
			return true;
	return false;
}

/* mirrors: the RMP check of a guest access (Verus check_access_no_addr_check) */
int gms_rmp_guest_access(const struct gms_rmp *rmp, u64 pfn, u16 asid, u64 gpa,
			 bool c_bit)
{
	struct gms_rmp_entry e = gms_rmp_lookup(rmp, pfn);
	u64 want = e.pagesize == RMP_PG_SIZE_2M ?
			   gpa & ~((u64)PTRS_PER_PMD * GMS_PAGE_SIZE - 1) :
			   gpa & ~(GMS_PAGE_SIZE - 1);

	if (!c_bit)
		return e.assigned ? RMP_NPF : 0;
	if (!e.assigned || e.asid != asid || e.gpa != want)
		return RMP_NPF;
	return e.validated ? 0 : RMP_VC_NOT_VALIDATED;
}

guint gms_rmp_count_asid(const struct gms_rmp *rmp, u16 asid)
{
	GHashTableIter it;
	gpointer k, v;
	guint n = 0;

	gms_hw_table_iter_init(&it, rmp->entries);
	while (gms_hw_table_iter_next(&it, rmp->entries, &k, &v)) {
		const struct gms_rmp_entry *e = v;

		n += e->assigned && e->asid == asid;
	}
	return n;
}
