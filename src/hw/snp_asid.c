// SPDX-License-Identifier: GPL-2.0
/*
 * SNP ASIDs and their firmware gates (arch/x86/kvm/svm/sev.c: sev_asid_new,
 * sev_asid_free, __sev_recycle_asids, sev_flush_asids; hw_models.md 1.4).
 */
#include <gmemsim/rmp.h>

void gms_snp_asids_init(struct gms_snp_asids *a, struct gms_warn_log *warn)
{
	*a = (struct gms_snp_asids){ .warn = warn };
}

/*
 * One ASID's bookkeeping, whatever order KVM calls in: only sev_asid_free()
 * queues an ASID for a flush, and the S4 flags describe what happened since
 * that free. Whether KVM decommissions before it frees is its own business
 * (a spec invariant, not the table's).
 */
static void asid_check(const struct gms_snp_asids *a, u16 asid)
{
	switch (a->state[asid]) {
	case ASID_FREE:
	case ASID_INUSE:
		break;
	case ASID_NEEDS_FLUSH:
		GMS_WARN_ON(a, !a->freed_before[asid]);
		break;
	default:
		GMS_WARN_ON(a, 1); /* not a state of the bitmaps */
	}
	GMS_WARN_ON(a, (a->flushed_since_free[asid] ||
			a->reused_unflushed[asid]) &&
			       !a->freed_before[asid]);
}

/* ASID 0 is the hypervisor's: never handed out, bound or freed */
static void asid_check_all(const struct gms_snp_asids *a)
{
	GMS_WARN_ON(a, a->state[0] != ASID_FREE || a->bound[0] ||
			       a->freed_before[0] || a->flushed_since_free[0] ||
			       a->reused_unflushed[0] ||
			       a->stale_at_activate[0]);
	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++)
		asid_check(a, i);
}

bool gms_snp_asids_assert_invariants(const struct gms_snp_asids *a)
{
	u32 bugs = a->warn->count;

	asid_check_all(a);
	return a->warn->count == bugs;
}

/* mirrors: sev_flush_asids() + the bitmap XOR of __sev_recycle_asids() */
static bool recycle(struct gms_snp_asids *a)
{
	bool any = false;

	if (!a->skip_flush) {
		gms_snp_wbinvd(a);
		if (gms_snp_df_flush(a))
			return false;
	}
	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++) {
		if (a->state[i] != ASID_NEEDS_FLUSH)
			continue;
		a->state[i] = ASID_FREE;
		any = true;
	}
	asid_check_all(a);
	return any;
}

/* mirrors: sev_asid_new() */
u16 gms_snp_asid_new(struct gms_snp_asids *a)
{
	for (int pass = 0; pass < 2; pass++) {
		for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++) {
			if (a->state[i] != ASID_FREE)
				continue;
			a->state[i] = ASID_INUSE;
			a->reused_unflushed[i] = a->freed_before[i] &&
						 !a->flushed_since_free[i];
			asid_check(a, i);
			return i;
		}
		/* Recycling happens only when no free ASID is left. */
		if (!pass && !recycle(a))
			break;
	}
	return 0;
}

/* mirrors: sev_asid_free(): a bit in sev_reclaim_asid_bitmap, no more */
void gms_snp_asid_free(struct gms_snp_asids *a, u16 asid)
{
	if (!asid || asid > GMS_SNP_MAX_ASID || a->state[asid] != ASID_INUSE)
		return;
	a->state[asid] = ASID_NEEDS_FLUSH;
	a->freed_before[asid] = true;
	a->flushed_since_free[asid] = false;
	asid_check(a, asid);
}

/* mirrors: SNP_ACTIVATE (snp_bind_asid()) */
int gms_snp_activate(struct gms_snp_asids *a, u16 asid, guint rmp_entries)
{
	if (!asid || asid > GMS_SNP_MAX_ASID || a->state[asid] != ASID_INUSE)
		return SEV_RET_INVALID_ASID;
	if (a->bound[asid])
		return SEV_RET_ASID_OWNED;
	a->bound[asid] = true;
	/* UNVERIFIED whether firmware refuses this; it is checked as S4 */
	a->stale_at_activate[asid] = rmp_entries;
	asid_check(a, asid);
	return 0;
}

/* mirrors: SNP_DECOMMISSION: "DEACTIVATE will clear the WBINVD indicator" */
int gms_snp_decommission(struct gms_snp_asids *a, u16 asid)
{
	if (!asid || asid > GMS_SNP_MAX_ASID || !a->bound[asid])
		return SEV_RET_INVALID_GUEST_STATE;
	a->bound[asid] = false;
	a->wbinvd_done = false;
	asid_check(a, asid);
	return 0;
}

void gms_snp_wbinvd(struct gms_snp_asids *a)
{
	a->wbinvd_done = true;
}

/* mirrors: SNP_DF_FLUSH */
int gms_snp_df_flush(struct gms_snp_asids *a)
{
	if (!a->wbinvd_done)
		return SEV_RET_WBINVD_REQUIRED; /* UNVERIFIED that this code is returned */
	a->df_flushes++;
	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++)
		if (a->state[i] == ASID_NEEDS_FLUSH)
			a->flushed_since_free[i] = true;
	asid_check_all(a);
	return 0;
}
