/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Intel TDX module: TDR/TDCS, KOT, PAMT, per-TD Secure-EPT leaves, TD
 * epochs, and the SEAMCALLs KVM uses for guest_memfd (hw_models.md 2).
 * Leaves of 4K and 2M (TDH.MEM.PAGE.AUG/BLOCK/REMOVE/DEMOTE take a level, as
 * the TDX huge page series uses them, upstream-2026-11.md 2.3); 1G leaves are
 * not modelled (the series maps at most 2M). Intermediate S-EPT pages are
 * implicit: a 2M range that ever held a 4K leaf keeps its S-EPT page (a
 * non-leaf entry at 2M) while the TD lives, as KVM frees them only at
 * teardown; DEMOTE's new S-EPT page and Dynamic PAMT pages are implicit too.
 */
#ifndef GMEMSIM_TDX_H
#define GMEMSIM_TDX_H

#include <glib.h>
#include <gmemsim/hw_table.h>
#include <gmemsim/types.h>
#include <gmemsim/warn.h>

/* SEAMCALL status codes (arch/x86/include/asm/shared/tdx_errno.h) */
#define TDX_SUCCESS 0ULL
/* arch/x86/include/asm/shared/tdx_errno.h: bit 63 marks an error */
#define TDX_ERROR (1ULL << 63)
#define TDX_OPERAND_INVALID 0xC000010000000000ULL
#define TDX_OPERAND_BUSY 0x8000020000000000ULL
#define TDX_PREVIOUS_TLB_EPOCH_BUSY 0x8000020100000000ULL
#define TDX_PAGE_METADATA_INCORRECT 0xC000030000000000ULL
#define TDX_TD_ASSOCIATED_PAGES_EXIST 0xC000040000000000ULL
#define TDX_LIFECYCLE_STATE_INCORRECT 0xC000060700000000ULL
#define TDX_OP_STATE_INCORRECT 0xC000060800000000ULL
#define TDX_WBCACHE_NOT_COMPLETE 0x8000081700000000ULL
#define TDX_NO_HKID_READY_TO_WBCACHE 0x0000082100000000ULL
#define TDX_FLUSHVP_NOT_DONE 0x8000082400000000ULL
#define TDX_GPA_RANGE_NOT_BLOCKED 0xC0000B0600000000ULL
#define TDX_GPA_RANGE_ALREADY_BLOCKED 0x00000B0700000000ULL
#define TDX_TLB_TRACKING_NOT_DONE 0xC0000B0800000000ULL
#define TDX_PAGE_ALREADY_ACCEPTED 0x00000B0A00000000ULL
#define TDX_EPT_ENTRY_STATE_INCORRECT 0xC0000B0D00000000ULL
#define TDX_EPT_WALK_FAILED 0xC0000B0000000000ULL
#define TDX_PAGE_SIZE_MISMATCH 0xC0000B0B00000000ULL
/*
 * Not a status: TDG.MEM.PAGE.ACCEPT ends in a TD exit with an EPT violation
 * (async_tdexit_ept_violation(), VMX_EEQ_ACCEPT) instead of returning to the
 * guest; KVM handles the fault and the guest retries.
 */
#define GMS_TDX_EXIT_EPT_VIOLATION 0x0000FFFF00000000ULL

/* S-EPT leaf levels as the SEAMCALLs take them (asm/tdx.h TDX_PS_*) */
#define TDX_PS_4K 0
#define TDX_PS_2M 1
#define TDX_PS_1G 2
/* 4K pages in a leaf of @level */
#define GMS_TDX_LEVEL_PAGES(level) (1ULL << (9 * (level)))

enum gms_sept_state {
	SEPT_FREE,
	SEPT_MAPPED,
	SEPT_BLOCKED,
	SEPT_PENDING,
	SEPT_PENDING_BLOCKED,
};

enum gms_pamt_type {
	PT_NDA = 0,
	PT_RSVD = 1,
	PT_REG = 3,
	PT_TDR = 4,
	PT_TDCX = 5
};

struct gms_pamt_entry {
	u8 pt;
	u64 owner; /* TDR pfn */
	u64 bepoch; /* td_epoch sampled at BLOCK */
	u8 size; /* TDX_PS_*: a 2M entry at the aligned pfn covers 512 pages */
};

enum gms_td_life {
	TD_HKID_ASSIGNED,
	TD_KEYS_CONFIGURED,
	TD_BLOCKED,
	TD_TEARDOWN
};
enum gms_td_op { OP_UNINITIALIZED, OP_INITIALIZED, OP_RUNNABLE };

struct gms_sept_entry {
	enum gms_sept_state state;
	u64 hpa_pfn;
	u8 level; /* TDX_PS_4K or TDX_PS_2M */
};

struct gms_td {
	u64 tdr;
	enum gms_td_life life;
	enum gms_td_op op_state;
	u16 hkid;
	u64 chldcnt; /* 4K pages the TD owns, the TDR aside */
	u64 td_epoch;
	u32 assoc_vcpus;
	GHashTable *sept; /* leaf's first gpa page -> struct gms_sept_entry */
	GHashTable *
		sept_pt; /* 2M index (gpa >> 21) set: a 4K S-EPT page hangs there */
	/* gpa page + 1 of an entry a guest TDCALL holds locked; 0: none */
	u64 guest_locked;
	bool leaves_at_freeid; /* T7: KEY.FREEID with leaves still present */
};

#define GMS_TDX_MAX_HKID 8

enum gms_kot_state { KOT_FREE, KOT_ASSIGNED, KOT_FLUSHED };

struct gms_tdx {
	struct gms_warn_log *warn; /* GMS_WARN_ON(): the world's log */
	GHashTable *pamt; /* pfn -> struct gms_pamt_entry (absent: NDA) */
	GHashTable *tds; /* tdr pfn -> struct gms_td */
	GHashTable *
		dirty; /* pfn -> GMS_TDX_NEEDS_*: removed, not yet flushed / cleared */
	GHashTable *poisoned; /* pfn set: a partial host write poisoned a line */
	enum gms_kot_state kot[GMS_TDX_MAX_HKID + 1];
	bool wbinvd_pending[GMS_TDX_MAX_HKID + 1];
};

#define GMS_TDX_NEEDS_WBINVD 1U
#define GMS_TDX_NEEDS_CLEAR 2U

/* @warn: where GMS_WARN_ON() records a broken module invariant (not NULL) */
void gms_tdx_init(struct gms_tdx *tdx, struct gms_warn_log *warn);
void gms_tdx_destroy(struct gms_tdx *tdx);
/*
 * The module's own consistency: PAMT owners exist, a live TD's leaves and
 * REG pages match 1:1 (T1), chldcnt counts its pages (T4), the KOT keeps
 * step with the TDs' lifecycles (T6). Each broken one is a model bug in
 * tdx->warn; true if all held. Every SEAMCALL checks what it touched; this
 * walks everything.
 */
bool gms_tdx_assert_invariants(const struct gms_tdx *tdx);
struct gms_pamt_entry gms_tdx_pamt(const struct gms_tdx *tdx, u64 pfn);
struct gms_td *gms_tdx_td(const struct gms_tdx *tdx, u64 tdr);
/*
 * The leaf that maps @gpa (a 2M leaf covers 512 gpas): its state, level and
 * the pfn of the 4K page at @gpa; FREE if none.
 */
struct gms_sept_entry gms_tdx_sept(const struct gms_td *td, u64 gpa);
/* whether the 2M range of @gpa has a 4K S-EPT page (no 2M leaf fits there) */
bool gms_tdx_sept_split(const struct gms_td *td, u64 gpa);
/*
 * A vCPU inside a TDCALL holds the S-EPT entry of @gpa locked (the guest side
 * of sept_lock_acquire_host()): host SEAMCALLs on it get TDX_OPERAND_BUSY
 * until the vCPU leaves (KVM's kick). @locked false: it left.
 */
void gms_tdx_guest_lock(struct gms_td *td, u64 gpa, bool locked);
/* a free HKID (tdx_guest_keyid_alloc), 0 if none */
u16 gms_tdx_keyid_alloc(struct gms_tdx *tdx);

/* TDH.MNG.CREATE + KEY.CONFIG + ADDCX(@tdcx) + INIT */
u64 tdh_mng_create(struct gms_tdx *tdx, u64 tdr, u16 hkid);
u64 tdh_mng_key_config(struct gms_tdx *tdx, u64 tdr);
u64 tdh_mng_addcx(struct gms_tdx *tdx, u64 tdr, u64 tdcx);
u64 tdh_mng_init(struct gms_tdx *tdx, u64 tdr);
u64 tdh_mem_page_add(struct gms_tdx *tdx, u64 tdr, u64 gpa, u64 pfn);
u64 tdh_mr_finalize(struct gms_tdx *tdx, u64 tdr);
/* @level: TDX_PS_4K or TDX_PS_2M; @gpa and @pfn aligned to it */
u64 tdh_mem_page_aug(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level, u64 pfn);
/* the guest's accept at @level (Table 8.2 of the module spec, see tdx.c) */
u64 tdg_mem_page_accept(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level);
u64 tdh_mem_range_block(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level);
u64 tdh_mem_track(struct gms_tdx *tdx, u64 tdr);
u64 tdh_mem_page_remove(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level);
u64 tdh_mem_range_unblock(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level);
/* TDH.MEM.PAGE.DEMOTE: the 2M leaf at @gpa becomes 512 4K leaves; no PROMOTE */
u64 tdh_mem_page_demote(struct gms_tdx *tdx, u64 tdr, u64 gpa, int level);
u64 tdh_phymem_page_wbinvd(struct gms_tdx *tdx, u64 pfn);
u64 tdh_vp_flush(struct gms_tdx *tdx, u64 tdr);
u64 tdh_mng_vpflushdone(struct gms_tdx *tdx, u64 tdr);
u64 tdh_phymem_cache_wb(struct gms_tdx *tdx);
u64 tdh_mng_key_freeid(struct gms_tdx *tdx, u64 tdr);
u64 tdh_phymem_page_reclaim(struct gms_tdx *tdx, u64 pfn);
/* tdx_clear_page(): MOVDIR64B, which also clears the poison */
void gms_tdx_clear_page(struct gms_tdx *tdx, u64 pfn);

#endif
