/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD SEV-SNP: the Reverse Map Table and the ASID space with its firmware
 * gates (hw_models.md section 1). One entry per 4K pfn; only entries that
 * differ from hypervisor-owned are stored.
 */
#ifndef GMEMSIM_RMP_H
#define GMEMSIM_RMP_H

#include <glib.h>
#include <gmemsim/hw_table.h>
#include <gmemsim/types.h>
#include <gmemsim/warn.h>

/* RMPUPDATE / PSMASH / PVALIDATE return codes (Verus def_s.rs, kernel macros) */
#define RMP_FAIL_INPUT 1
#define RMP_FAIL_PERMISSION 2
#define RMP_FAIL_INUSE 3
#define RMP_FAIL_OVERLAP 4
#define RMP_FAIL_SIZEMISMATCH 6
#define PVALIDATE_FAIL_NOUPDATE 255
/* not a return code: the access faults (#NPF with the RMP bit) */
#define RMP_NPF 1000

/* SEV firmware status codes (include/uapi/linux/psp-sev.h) */
#define SEV_RET_INVALID_GUEST_STATE 0x02
#define SEV_RET_ASID_OWNED 0x0c
#define SEV_RET_INVALID_ASID 0x0d
#define SEV_RET_WBINVD_REQUIRED 0x0e
#define SEV_RET_DFFLUSH_REQUIRED 0x0f
#define SEV_RET_INVALID_PAGE_STATE 0x1a

enum gms_rmp_pagesize { RMP_PG_SIZE_4K = 0, RMP_PG_SIZE_2M = 1 };

struct gms_rmp_entry {
	bool assigned;
	u8 pagesize; /* enum gms_rmp_pagesize */
	bool immutable;
	bool validated;
	bool vmsa;
	bool reclaimed; /* SNP_PAGE_RECLAIM done: RMPUPDATE to shared allowed */
	u16 asid; /* 0 with assigned: firmware-owned */
	u64 gpa;
};

struct gms_rmp {
	GHashTable *entries; /* pfn -> struct gms_rmp_entry */
	/*
	 * Another processor is modifying the 2M region at @inuse_pfn: the
	 * next @inuse_count PSMASHes of it get FAIL_INUSE (the environment's
	 * doing, set by gms_rmp_contend(); snp_rmptable_psmash() retries).
	 */
	u64 inuse_pfn;
	u32 inuse_count;
	struct gms_warn_log *warn; /* GMS_WARN_ON(): the world's log */
};

/* @warn: where GMS_WARN_ON() records a broken RMP invariant (not NULL) */
void gms_rmp_init(struct gms_rmp *rmp, struct gms_warn_log *warn);
void gms_rmp_destroy(struct gms_rmp *rmp);
/*
 * Every entry's own consistency (S1, S5, the 2M alignment, firmware pages
 * unvalidated), each broken one a model bug in rmp->warn; true if all held.
 * Every transition checks the entries it wrote; this walks the table.
 */
bool gms_rmp_assert_invariants(const struct gms_rmp *rmp);
/* RMPREAD: the entry (a zero, hypervisor-owned one if none is stored) */
struct gms_rmp_entry gms_rmp_read(const struct gms_rmp *rmp, u64 pfn);
/* The entry that governs @pfn: a 2M entry at the aligned pfn covers all 512. */
struct gms_rmp_entry gms_rmp_lookup(const struct gms_rmp *rmp, u64 pfn);
/* RMPUPDATE: 0 or RMP_FAIL_* */
int gms_rmp_update(struct gms_rmp *rmp, u64 pfn,
		   const struct gms_rmp_entry *new);
/*
 * PSMASH: split the 2M entry at @pfn into 512 4K ones, keeping Validated;
 * RMP_FAIL_INPUT unless @pfn is 2M-aligned with an assigned 2M entry,
 * RMP_FAIL_INUSE while another processor holds the region.
 */
int gms_rmp_psmash(struct gms_rmp *rmp, u64 pfn);
/* another processor works on the 2M region of @pfn for @count PSMASHes */
void gms_rmp_contend(struct gms_rmp *rmp, u64 pfn, u32 count);
/* PVALIDATE by @asid at @gpa: 0, PVALIDATE_FAIL_NOUPDATE, RMP_FAIL_SIZEMISMATCH, RMP_NPF */
int gms_rmp_pvalidate(struct gms_rmp *rmp, u64 pfn, u16 asid, u64 gpa,
		      bool validate, enum gms_rmp_pagesize size);
/* SNP_LAUNCH_UPDATE of a Pre-Guest page: Guest-Valid (UNVERIFIED: validated, mutable) */
int gms_rmp_launch_update(struct gms_rmp *rmp, u64 pfn);
/* SNP_PAGE_RECLAIM: an immutable (firmware, pre-guest) page may go back */
int gms_rmp_page_reclaim(struct gms_rmp *rmp, u64 pfn);
/* The host write check (RMP #PF) through a mapping of @level (0 4K, 1 2M) */
bool gms_rmp_host_write_faults(const struct gms_rmp *rmp, u64 pfn,
			       enum gms_rmp_pagesize level);
/* A guest access with C=1 (private) or C=0: 0, or RMP_NPF / the #VC of an unvalidated page */
#define RMP_VC_NOT_VALIDATED 1001
int gms_rmp_guest_access(const struct gms_rmp *rmp, u64 pfn, u16 asid, u64 gpa,
			 bool c_bit);
/* How many entries carry @asid. */
guint gms_rmp_count_asid(const struct gms_rmp *rmp, u16 asid);

/*
 * The SNP ASID space and firmware gates (sev_asid_new/free,
 * __sev_recycle_asids, sev_flush_asids, SNP_ACTIVATE, SNP_DECOMMISSION).
 */
#define GMS_SNP_MAX_ASID 8 /* small, so reuse happens in short scenarios */

enum gms_asid_state { ASID_FREE, ASID_INUSE, ASID_NEEDS_FLUSH };

struct gms_snp_asids {
	enum gms_asid_state state[GMS_SNP_MAX_ASID + 1]; /* [0] unused */
	bool bound[GMS_SNP_MAX_ASID + 1]; /* SNP_ACTIVATE'd to a context */
	/* for the asid-reuse invariant (S4): what held when it was handed out */
	bool freed_before[GMS_SNP_MAX_ASID + 1];
	bool flushed_since_free[GMS_SNP_MAX_ASID + 1];
	bool reused_unflushed[GMS_SNP_MAX_ASID + 1];
	guint stale_at_activate[GMS_SNP_MAX_ASID +
				1]; /* RMP entries still carrying it */
	bool wbinvd_done; /* since the last DEACTIVATE/DECOMMISSION */
	u32 df_flushes; /* SNP_DF_FLUSH count, for reports */
	bool skip_flush; /* mutant asid-no-flush: recycle without the gate */
	struct gms_warn_log
		*warn; /* GMS_WARN_ON(): the world's log (not state) */
};

void gms_snp_asids_init(struct gms_snp_asids *a, struct gms_warn_log *warn);
/* the table's bookkeeping, as gms_rmp_assert_invariants() */
bool gms_snp_asids_assert_invariants(const struct gms_snp_asids *a);
/* sev_asid_new(): a free ASID, recycling flushed ones when none is left; 0 if none */
u16 gms_snp_asid_new(struct gms_snp_asids *a);
/* sev_asid_free(): only marks it for reclaim */
void gms_snp_asid_free(struct gms_snp_asids *a, u16 asid);
/* SNP_ACTIVATE: bind @asid to a guest context; @rmp_entries still carry it */
int gms_snp_activate(struct gms_snp_asids *a, u16 asid, guint rmp_entries);
/* SNP_DECOMMISSION: unbind; the WBINVD indicator is cleared */
int gms_snp_decommission(struct gms_snp_asids *a, u16 asid);
/* wbinvd_on_all_cpus() */
void gms_snp_wbinvd(struct gms_snp_asids *a);
/* SNP_DF_FLUSH: SEV_RET_WBINVD_REQUIRED unless WBINVD ran since the last deactivate */
int gms_snp_df_flush(struct gms_snp_asids *a);

#endif
