/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 pKVM page ownership (arch/arm64/kvm/hyp/nvhe/mem_protect.c;
 * hw_models.md 3): host and hyp states per page, host stage-2 annotations,
 * guest stage-2 entries, the share/donate/reclaim hypercalls, VM handles.
 */
#ifndef GMEMSIM_PKVM_H
#define GMEMSIM_PKVM_H

#include <glib.h>
#include <gmemsim/hw_table.h>
#include <gmemsim/types.h>
#include <gmemsim/warn.h>

enum pkvm_page_state {
	PKVM_PAGE_OWNED = 0,
	PKVM_PAGE_SHARED_OWNED = 1,
	PKVM_PAGE_SHARED_BORROWED = 2,
	PKVM_NOPAGE = 3,
	PKVM_POISON = 4, /* guest stage-2 only */
};

enum pkvm_component_id { PKVM_ID_HOST, PKVM_ID_HYP, PKVM_ID_GUEST };

struct gms_hyp_page {
	u8 host_state;
	u8 hyp_state;
	u32 host_share_guest_count;
	/* the host stage-2 annotation of a donated page */
	u8 owner;
	u16 handle;
	u64 gfn;
};

struct gms_guest_pte {
	u8 state; /* OWNED, SHARED_BORROWED, ... or PKVM_POISON */
	u64 pfn;
};

struct gms_pkvm_vm {
	u16 handle;
	bool is_dying;
	u32 refcount; /* vCPUs loaded */
	GHashTable *s2; /* gfn -> struct gms_guest_pte */
	bool ptes_at_finalize; /* P8: teardown finalized with entries left */
};

#define GMS_PKVM_MAX_HANDLE 8

struct gms_pkvm {
	struct gms_warn_log *warn; /* GMS_WARN_ON(): the world's log */
	GHashTable *pages; /* pfn -> struct gms_hyp_page (absent: host OWNED) */
	GHashTable *vms; /* handle -> struct gms_pkvm_vm */
	GHashTable *unpoisoned; /* pfn set: reclaimed without hyp_poison_page() */
	bool skip_poison; /* mutant pkvm-no-poison */
};

/* @warn: where GMS_WARN_ON() records a broken ownership invariant (not NULL) */
void gms_pkvm_init(struct gms_pkvm *pk, struct gms_warn_log *warn);
void gms_pkvm_destroy(struct gms_pkvm *pk);
/*
 * Ownership's own consistency: host, hyp and guest views of each page agree
 * (P1-P5) and each share count is its number of borrowers. Each broken one
 * is a model bug in pk->warn; true if all held. Every hypercall checks the
 * page and entry it touched; this walks everything.
 */
bool gms_pkvm_assert_invariants(const struct gms_pkvm *pk);
struct gms_hyp_page gms_pkvm_page(const struct gms_pkvm *pk, u64 pfn);
struct gms_pkvm_vm *gms_pkvm_vm(const struct gms_pkvm *pk, u16 handle);
struct gms_guest_pte gms_pkvm_guest_pte(const struct gms_pkvm_vm *vm, u64 gfn);

/* __pkvm_init_vm(): a handle; 0 if none is left */
u16 pkvm_init_vm(struct gms_pkvm *pk);
int __pkvm_host_share_guest(struct gms_pkvm *pk, u16 handle, u64 pfn, u64 gfn);
int __pkvm_host_unshare_guest(struct gms_pkvm *pk, u16 handle, u64 gfn);
int __pkvm_host_donate_guest(struct gms_pkvm *pk, u16 handle, u64 pfn, u64 gfn);
int __pkvm_guest_share_host(struct gms_pkvm *pk, u16 handle, u64 gfn);
/*
 * The reclaims zero the page (hyp_poison_page()); *@pfn says which, so the
 * caller can write the zeroes into its content model.
 */
int __pkvm_host_reclaim_page_guest(struct gms_pkvm *pk, u16 handle, u64 gfn,
				   u64 *pfn);
int __pkvm_host_force_reclaim_page_guest(struct gms_pkvm *pk, u64 pfn);
int __pkvm_start_teardown_vm(struct gms_pkvm *pk, u16 handle);
int __pkvm_finalize_teardown_vm(struct gms_pkvm *pk, u16 handle);

#endif
