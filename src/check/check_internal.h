/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_CHECK_INTERNAL_H
#define GMEMSIM_SRC_CHECK_INTERNAL_H

#include <gmemsim/gmemsim.h>

/*
 * What check=incremental judges (scope.c): each list in the order of the
 * full walk. A NULL scope is the whole world.
 */
struct gms_scope {
	GPtrArray *kvms; /* live struct gms_kvm *: their SPTEs and memslots */
	GPtrArray *vmas; /* live struct gms_vma *: their ptes */
	GPtrArray *files; /* struct gms_gmem_file * on live inodes' lists */
	GHashTable *claim_files; /* files whose memslots' bindings to judge */
	GArray *fds; /* int */
};

struct gms_scope *gms_scope_new(struct gms_world *w);
void gms_scope_free(struct gms_scope *sc);

/* The invariants that judge units of the world, over a scope. */
void gms_check_confidentiality_in(struct gms_world *w,
				  const struct gms_scope *sc, GPtrArray *out);
void gms_check_stale_mapping_in(struct gms_world *w, const struct gms_scope *sc,
				GPtrArray *out);
void gms_check_use_after_free_in(struct gms_world *w,
				 const struct gms_scope *sc, GPtrArray *out);
void gms_check_binding_in(struct gms_world *w, const struct gms_scope *sc,
			  GPtrArray *out);
void gms_check_mmap_exclusion_in(struct gms_world *w,
				 const struct gms_scope *sc, GPtrArray *out);
void gms_check_folio_state_in(struct gms_world *w, const struct gms_scope *sc,
			      GPtrArray *out);

void gms_check_confidentiality(struct gms_world *w, GPtrArray *out);
void gms_check_stale_mapping(struct gms_world *w, GPtrArray *out);
void gms_check_use_after_free(struct gms_world *w, GPtrArray *out);
void gms_check_binding(struct gms_world *w, GPtrArray *out);
void gms_check_mmap_exclusion(struct gms_world *w, GPtrArray *out);
void gms_check_folio_state(struct gms_world *w, GPtrArray *out);
void gms_check_leak(struct gms_world *w, GPtrArray *out);
void gms_check_lock_order(struct gms_world *w, GPtrArray *out);
void gms_check_host_safety(struct gms_world *w, GPtrArray *out);
void gms_check_asid_reuse(struct gms_world *w, GPtrArray *out);
void gms_check_scrub(struct gms_world *w, GPtrArray *out);
void gms_check_hw_consistency(struct gms_world *w, GPtrArray *out);
void gms_check_integrity(struct gms_world *w, GPtrArray *out);
void gms_check_tdx(struct gms_world *w, GPtrArray *out);
void gms_check_hkid_reuse(struct gms_world *w, GPtrArray *out);
void gms_check_tdx_scrub(struct gms_world *w, GPtrArray *out);
void gms_check_pkvm(struct gms_world *w, GPtrArray *out);
void gms_check_pkvm_scrub(struct gms_world *w, GPtrArray *out);

/* Names for reports; the caller frees the string. */
char *gms_describe(struct gms_world *w, enum gms_obj_kind kind, u64 id);
char *gms_describe_principal(struct gms_world *w, u32 principal);
char *gms_describe_slot(struct gms_world *w, const struct gms_memslot *slot);

/* Call @fn on every SPTE of every live VM (of @sc). */
typedef void (*gms_spte_fn)(struct gms_world *w, struct gms_kvm *kvm,
			    struct gms_spte *spte, GPtrArray *out);
void gms_for_each_spte(struct gms_world *w, const struct gms_scope *sc,
		       gms_spte_fn fn, GPtrArray *out);
/* Call @fn on every host pte of every VMA (of @sc). */
typedef void (*gms_pte_fn)(struct gms_world *w, struct gms_vma *vma,
			   struct gms_pte *pte, GPtrArray *out);
void gms_for_each_pte(struct gms_world *w, const struct gms_scope *sc,
		      gms_pte_fn fn, GPtrArray *out);
/* Call @fn on every live VM (of @sc), in w->vms order. */
typedef void (*gms_kvm_fn)(struct gms_world *w, struct gms_kvm *kvm,
			   GPtrArray *out);
void gms_for_each_kvm(struct gms_world *w, const struct gms_scope *sc,
		      gms_kvm_fn fn, GPtrArray *out);

#endif
