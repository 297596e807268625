/* SPDX-License-Identifier: GPL-2.0 */
/* struct kvm, memslots, memory attributes and the MMU (include/linux/kvm_host.h). */
#ifndef GMEMSIM_KVM_H
#define GMEMSIM_KVM_H

#include <glib.h>
#include <gmemsim/range_map.h>
#include <gmemsim/types.h>
#include <gmemsim/uapi_types.h>

struct gms_lock_ctx;
struct gms_memory_attributes;

struct gms_world;
struct gms_gmem_file;
struct gms_gmem_inode;
struct gms_vma;

enum gms_kvm_state {
	GMS_KVM_CREATED,
	GMS_KVM_FINALIZED,
	GMS_KVM_DYING, /* kvm_destroy_vm() running */
	GMS_KVM_DEAD,
};

/* Which SPTEs an invalidation may zap (enum kvm_gfn_range_filter). */
enum gms_gfn_filter {
	GMS_FILTER_SHARED = 1 << 0,
	GMS_FILTER_PRIVATE = 1 << 1,
	/* snp_zap=preserve: the filter selects SPTEs on any VM, not only TDX */
	GMS_FILTER_EXACT = 1 << 2,
};

struct gms_kvm;
struct gms_spte;

/* Per-VM-type arch glue; implemented in src/kvm/arch_*.c. */
struct gms_arch_ops {
	const char *name;
	enum gms_vm_type type;
	bool has_private_mem; /* kvm_arch_has_private_mem() */
	bool has_mirrored_tdp; /* kvm_has_mirrored_tdp(): honours the zap filter */
	bool has_readonly_mem; /* kvm_arch_has_readonly_mem() */
	/* arm64: a guest_memfd slot needs GUEST_MEMFD_FLAG_MMAP (GMEM_ONLY) */
	bool gmem_needs_mmap;
	/* pKVM: a memslot move or delete after the first run is -EPERM */
	bool memslots_fixed_after_run;
	/* kvm_arch_init_vm(); 0 or -errno */
	int (*vm_init)(struct gms_world *w, struct gms_kvm *kvm);
	/* kvm_arch_destroy_vm() */
	void (*vm_destroy)(struct gms_world *w, struct gms_kvm *kvm);
	/* kvm_arch_gmem_prepare(); NULL without CONFIG_HAVE_KVM_ARCH_GMEM_PREPARE */
	int (*gmem_prepare)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn);
	/* kvm_arch_gmem_invalidate(); NULL without ..._GMEM_INVALIDATE */
	void (*gmem_invalidate)(struct gms_world *w, u64 pfn);
	/*
	 * convert=in-place: kvm_arch_gmem_make_shared() at a to-shared
	 * conversion, on every populated page (NULL: no such hook)
	 */
	void (*gmem_make_shared)(struct gms_world *w, u64 pfn);
	/*
	 * The hardware side of a private mapping (TDX PAGE.AUG, pKVM donate)
	 * before the SPTE goes in; 0 or -errno (-EBUSY: retry the fault).
	 */
	int (*map_private)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			   u64 pfn, int level);
	/*
	 * kvm_x86_ops.gmem_max_mapping_level(): the largest private leaf the
	 * hardware takes at @gfn -> @pfn (TDX: 4K before finalize, 2M after;
	 * SNP: the RMP level). NULL: no limit of its own.
	 */
	int (*private_max_level)(struct gms_world *w, struct gms_kvm *kvm,
				 u64 gfn, u64 pfn);
	/*
	 * The hardware side of splitting a private huge leaf into 4K ones
	 * under write mmu_lock (TDX: BLOCK, TRACK, kick, DEMOTE); 0 or
	 * -errno. NULL: nothing to tell the hardware (NPT/stage-2).
	 */
	int (*split_private)(struct gms_world *w, struct gms_kvm *kvm,
			     const struct gms_spte *spte);
	/* ... and of a shared one (pKVM share); NULL: nothing to do */
	int (*map_shared)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			  u64 pfn);
	/* after an SPTE is zapped (TDX BLOCK/TRACK/REMOVE, pKVM unshare/reclaim) */
	void (*unmap)(struct gms_world *w, struct gms_kvm *kvm,
		      const struct gms_spte *spte);
	/*
	 * The hardware check of a guest access through an installed mapping:
	 * 0, or GMS_GUEST_EXCEPTION (#VC / #VE / a poisoned stage-2 entry).
	 */
	int (*guest_access)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn, bool is_private);
	/*
	 * kvm_gmem_populate()'s post_populate (SNP_LAUNCH_UPDATE, PAGE.ADD);
	 * @src: the source page's content, NULL for none (the series: the
	 * payload is in place already)
	 */
	int (*post_populate)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			     u64 pfn, const u64 *src);
	/* end of launch (SNP_LAUNCH_FINISH, TDH.MR.FINALIZE); NULL: -ENOTTY */
	int (*finalize)(struct gms_world *w, struct gms_kvm *kvm);
	/* the guest accepts a private page (PVALIDATE, TDG.MEM.PAGE.ACCEPT) */
	int (*accept)(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
		      u64 pfn, int level);
	/* the key private accesses of @kvm go through (0: not encrypted) */
	u32 (*key)(const struct gms_kvm *kvm);
};

#define GMS_GUEST_EXCEPTION 1

struct gms_memslot {
	u32 uid; /* unique across the world, for reports */
	u16 id;
	u16 as_id;
	struct gms_kvm *kvm;
	u64 base_gfn;
	u64 npages;
	u64 userspace_addr;
	u32 flags; /* KVM_MEM_* | KVM_MEMSLOT_GMEM_ONLY */
	struct {
		struct gms_gmem_file
			*file; /* raw pointer: the slot does not pin the file */
		u64 pgoff;
	} gmem;
	bool invalid; /* KVM_MEMSLOT_INVALID while being deleted */
	bool freed;
};

/* Where a mapping's pfn came from, so stale mappings can be recognised. */
enum gms_spte_source { GMS_SPTE_GMEM, GMS_SPTE_HVA };

/* leaf levels (x86 PG_LEVEL_* - 1; TDX_PS_*); a leaf maps 512^level pages */
enum gms_pg_level { GMS_PG_4K = 0, GMS_PG_2M = 1, GMS_PG_1G = 2 };
#define GMS_LEVEL_PAGES(level) (1ULL << (9 * (level)))

struct gms_spte {
	u64 gfn; /* the leaf's first gfn, aligned to its level */
	u64 pfn; /* ... and pfn (a huge leaf maps contiguous pages) */
	u8 level; /* enum gms_pg_level */
	bool private;
	enum gms_spte_source source;
	struct gms_gmem_inode *inode; /* GMS_SPTE_GMEM */
	u64 index;
	u64 hva; /* GMS_SPTE_HVA */
	u32 slot_uid;
};

#define GMS_ADDRESS_SPACE_NUM 1 /* SMM is not modelled: as_id 1 is EINVAL */

struct gms_kvm {
	u32 id;
	u32 guest; /* the guest as a principal: id, or the VM its context moved from */
	struct gms_world *w;
	const struct gms_arch_ops *arch;
	u32 arch_id; /* ASID, HKID or pKVM handle */
	u64 arch_page; /* firmware context page / TDR (a pfn), 0 if none */
	u32 users_count; /* kvm_get_kvm() / kvm_put_kvm() */
	enum gms_kvm_state state;
	bool fd_open;
	GPtrArray *memslots[GMS_ADDRESS_SPACE_NUM]; /* struct gms_memslot * */
	u64 nr_memslot_pages;
	struct gms_range_map mem_attr; /* gfn -> attributes */
	GTree *sptes; /* &spte->gfn -> struct gms_spte: the stage-2 / NPT */
	u64 mmu_invalidate_seq;
	u32 mmu_invalidate_in_progress;
	bool has_run; /* a vCPU entered the guest (KVM_RUN) */
	bool freed;
	GList *vm_list; /* its node in the world's list of VMs */
};

/* mirrors: kvm_create_vm() */
struct gms_kvm *gms_kvm_create(struct gms_world *w,
			       const struct gms_arch_ops *arch, int *err);
/* mirrors: kvm_get_kvm() */
void gms_kvm_get(struct gms_kvm *kvm);
/* mirrors: kvm_put_kvm(); destroys the VM with the last reference */
void gms_kvm_put(struct gms_world *w, struct gms_kvm *kvm);

/* kvm_arch_prepare_memory_region() for a DELETE or MOVE: 0 or -EPERM (pKVM) */
int gms_kvm_arch_prepare_move_delete(const struct gms_kvm *kvm);
/* mirrors: kvm_vm_ioctl_set_memory_region() + kvm_set_memory_region() */
/* the checks of kvm_vm_ioctl_set_mem_attributes(): 0 or -EINVAL */
int gms_kvm_check_mem_attributes(const struct gms_kvm *kvm,
				 const struct gms_memory_attributes *attrs);
/* kvm_vm_set_mem_attributes() step by step, under slots_lock (gfns) */
bool gms_kvm_set_mem_attributes_begin(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes);
void gms_kvm_set_mem_attributes_store(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes);
void gms_kvm_set_mem_attributes_end(struct gms_kvm *kvm);
/* wait for the faults in flight: -GMS_EBLOCKED while there is one */
int gms_kvm_synchronize_srcu(struct gms_world *w, struct gms_lock_ctx *ctx,
			     struct gms_kvm *kvm);
/* KVM_MR_DELETE in two steps, for tasks: invalidate, then commit */
/* snp_zap= (src/model/kvm_snp_zap.c): the filter a memslot change zaps with */
unsigned int gms_kvm_memslot_zap_filter(const struct gms_kvm *kvm);
void gms_kvm_delete_memslot_begin(struct gms_kvm *kvm, struct gms_memslot *old);
void gms_kvm_delete_memslot_commit(struct gms_world *w, struct gms_kvm *kvm,
				   struct gms_memslot *old);
int gms_kvm_set_memory_region(struct gms_world *w, struct gms_kvm *kvm,
			      const struct gms_userspace_memory_region2 *mem);
struct gms_memslot *gms_kvm_id_to_memslot(struct gms_kvm *kvm, u16 as_id,
					  u16 id);
/* mirrors: gfn_to_memslot(); includes invalid slots */
struct gms_memslot *gms_kvm_gfn_to_memslot(struct gms_kvm *kvm, u16 as_id,
					   u64 gfn);
/* mirrors: kvm_slot_has_gmem() */
bool gms_kvm_slot_has_gmem(const struct gms_memslot *slot);

/* mirrors: kvm_vm_ioctl_set_mem_attributes() */
int gms_kvm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
			       const struct gms_memory_attributes *attrs);
/* mirrors: kvm_supported_mem_attributes() */
u64 gms_kvm_supported_mem_attributes(struct gms_world *w,
				     const struct gms_kvm *kvm);
/* mirrors: kvm_mem_is_private() */
bool gms_kvm_mem_is_private(const struct gms_kvm *kvm, u64 gfn);
/* the encryption key of @kvm's private accesses */
u32 gms_kvm_key(const struct gms_kvm *kvm);

/* mirrors: kvm_mmu_invalidate_begin() */
void gms_kvm_mmu_invalidate_begin(struct gms_kvm *kvm);
/* mirrors: kvm_mmu_invalidate_end() */
void gms_kvm_mmu_invalidate_end(struct gms_kvm *kvm);
/* mirrors: kvm_mmu_unmap_gfn_range(); returns true if anything was zapped */
bool gms_kvm_unmap_gfn_range(struct gms_kvm *kvm, u64 start, u64 end,
			     unsigned int filter);
/* mirrors: kvm_mmu_invalidate_retry_gfn() */
bool gms_kvm_mmu_invalidate_retry(const struct gms_kvm *kvm, u64 mmu_seq);
/* mirrors: kvm_mmu_notifier_invalidate_range_start/end() for host [start, end) */
void gms_kvm_mmu_notifier_invalidate(struct gms_world *w, u64 start, u64 end);
/* the MMU notifier's zap of SPTEs mapping host addresses in [start, end) */
void gms_kvm_unmap_hva_range(struct gms_kvm *kvm, u64 start, u64 end);
void gms_kvm_install_spte(struct gms_kvm *kvm, const struct gms_spte *spte);
struct gms_spte *gms_kvm_lookup_spte(struct gms_kvm *kvm, u64 gfn);
/*
 * mirrors: kvm_split_cross_boundary_leafs() (the TDX huge page series, as
 * the HugeTLB series' kvm_gmem_split_private() calls it under mmu_lock):
 * split the private huge leaves that cross [start_gfn, end_gfn)'s edges;
 * 0 or -errno (then the conversion or punch aborts)
 */
int gms_kvm_split_cross_boundary_leafs(struct gms_kvm *kvm, u64 start_gfn,
				       u64 end_gfn);
/* whether a leaf starts in [start, end) */
bool gms_kvm_range_has_spte(struct gms_kvm *kvm, u64 start, u64 end);
/* split the leaf covering @gfn into 4K leaves (tdp_mmu_split_huge_page()) */
int gms_kvm_split_leaf(struct gms_kvm *kvm, u64 gfn);
/* the pfn @spte maps at @gfn (a gfn inside it) */
static inline u64 gms_spte_pfn(const struct gms_spte *spte, u64 gfn)
{
	return spte->pfn + (gfn - spte->gfn);
}

#endif
