/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest_memfd inode ("raw physical storage") and file ("one VM's view"),
 * after struct gmem_inode and struct gmem_file of virt/kvm/guest_memfd.c.
 */
#ifndef GMEMSIM_GMEM_H
#define GMEMSIM_GMEM_H

#include <glib.h>
#include <gmemsim/lock.h>
#include <gmemsim/page_cache.h>
#include <gmemsim/range_map.h>
#include <gmemsim/types.h>

struct gms_world;
struct gms_kvm;
struct gms_memslot;
struct gms_arch_ops;

struct gms_hugetlb_spool;

/*
 * Order-0 folios (kvm_gmem_get_folio() WARNs on large ones), but for
 * hugetlb=allowed's HugeTLB files (src/model/guest_memfd_hugetlb.c).
 */
struct gms_gmem_inode {
	u32 id;
	u64 size; /* i_size */
	u64 flags; /* GUEST_MEMFD_FLAG_* */
	const struct gms_arch_ops
		*arch; /* whose kvm_arch_gmem_invalidate() runs at free */
	struct gms_page_cache pages; /* mapping->i_pages */
	GList *files; /* gmem_file_list */
	struct gms_range_map
		shared; /* convert=in-place-*: index -> 1 if shared */
	bool shared_valid; /* shared is set up: the file was converted */
	struct gms_range_map policy; /* mpol_shared_policy: pgoff -> gms_mpol */
	u32 i_count; /* one per file on the list */
	/* hugetlb=allowed: gmem_inode->page_order, before any restructuring */
	u8 page_order;
	struct gms_hugetlb_spool *spool; /* inode->i_private's subpool */
	u64 i_bytes; /* inode_add_bytes(): st_blocks (the HT code's) */
	/* folio-state: a split or merge ran while this index was referenced */
	bool restructured_referenced;
	u64 restructured_index;
	GList *link; /* its node in the world's list of inodes */
	bool freed;
};

struct gms_gmem_file {
	u32 id;
	struct gms_kvm
		*kvm; /* counted: the file pins the VM (pin=file-pins-vm) */
	u32 owner_id; /* the VM it last belonged to (bind=zero-on-rebind) */
	struct gms_gmem_inode *inode;
	struct gms_range_map bindings; /* pgoff -> struct gms_memslot * */
	u32 f_count; /* fds and VMAs */
	u64 f_pos; /* write=populate: the file position (FMODE_LSEEK) */
	bool dying; /* f_count hit zero, kvm_gmem_release() not yet run */
	bool freed;
};

/*
 * src/model/guest_memfd.c, in the order of virt/kvm/guest_memfd.c; each
 * gms_gmem_X() mirrors kvm_gmem_X(). @ctx is who takes the locks: the
 * scenario's thread (&w->sync) or a task; -GMS_EBLOCKED when another holds
 * one (nothing changed).
 */
u64 gms_gmem_get_index(const struct gms_memslot *slot, u64 gfn);
/* filemap_lock_folio(): the folio at @index, or NULL */
struct gms_folio *gms_gmem_lookup_folio(struct gms_gmem_inode *inode,
					u64 index);
/*
 * mirrors: kvm_gmem_set_policy(), vm_ops->set_policy: @pol (0: none) for
 * the pages [start, end) of the inode, as mpol_set_shared_policy() does for
 * the VMA mbind() split to its range
 */
void gms_gmem_set_policy(struct gms_gmem_inode *inode, u64 start, u64 end,
			 uintptr_t pol);
/* mirrors: kvm_gmem_get_policy(): the policy at @pgoff (0: none), and *ilx */
uintptr_t gms_gmem_get_policy(const struct gms_world *w,
			      const struct gms_gmem_inode *inode, u64 pgoff,
			      u64 *ilx);
/* allocates on a miss; NULL for -ENOMEM */
struct gms_folio *gms_gmem_get_folio(struct gms_world *w,
				     struct gms_gmem_inode *inode, u64 index);
/* kvm_gmem_punch_hole()'s three parts, for the punch task (page indices) */
void gms_gmem_invalidate_begin(struct gms_world *w,
			       struct gms_gmem_inode *inode, u64 start,
			       u64 end);
void gms_gmem_truncate_range(struct gms_world *w, struct gms_gmem_inode *inode,
			     u64 start, u64 end);
void gms_gmem_invalidate_end(struct gms_gmem_inode *inode, u64 start, u64 end);
/* the mode and alignment checks that open kvm_gmem_fallocate() */
int gms_gmem_fallocate_check(const struct gms_gmem_inode *inode, int mode,
			     s64 offset, s64 len);
/*
 * mirrors: kvm_gmem_split_private(): every binding's private leaves that
 * cross [start, end)'s edges split (gms_kvm_split_cross_boundary_leafs());
 * 0 or its error
 */
int gms_gmem_split_private(struct gms_gmem_inode *inode, u64 start, u64 end);
/*
 * mirrors: merge_truncate_range() (the HT code): truncate [start, end);
 * a HugeTLB file first unmaps, then merges each huge page back if no piece
 * is referenced: @require_merge (PUNCH_HOLE) fails with -EAGAIN when one
 * is and truncates nothing; eviction truncates regardless
 */
int gms_gmem_merge_truncate_range(struct gms_world *w,
				  struct gms_gmem_inode *inode, u64 start,
				  u64 end, bool require_merge);
/* after vfs_fallocate()'s checks */
int gms_gmem_fallocate(struct gms_world *w, struct gms_lock_ctx *ctx,
		       struct gms_gmem_file *f, int mode, s64 offset, s64 len);
/* kvm_gmem_release()'s two locks, in its order (mutant release-lock-order) */
void gms_gmem_release_lock_order(struct gms_world *w,
				 enum gms_lock_class order[2],
				 const void *objs[2], struct gms_gmem_file *f);
/* a lock @ctx holds already is not taken again */
int gms_gmem_release(struct gms_world *w, struct gms_lock_ctx *ctx,
		     struct gms_gmem_file *f);
bool gms_gmem_supports_mmap(const struct gms_gmem_inode *inode);
/* 0 and the pfn (a reference for the pte), -GMS_ESIGBUS or -ENOMEM */
int gms_gmem_fault_user_mapping(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 pgoff,
				u64 *pfn);
/* @flags: the mapping's MAP_* flags */
int gms_gmem_mmap(struct gms_world *w, struct gms_gmem_file *f, u32 flags,
		  u64 pgoff, u64 len);
u64 gms_gmem_get_supported_flags(struct gms_world *w,
				 const struct gms_kvm *kvm);
/* KVM_CREATE_GUEST_MEMFD: the new fd, or -errno */
int gms_gmem_create(struct gms_world *w, struct gms_kvm *kvm, u64 size,
		    u64 flags);
int gms_gmem_bind(struct gms_world *w, struct gms_kvm *kvm,
		  struct gms_memslot *slot, int fd, s64 offset);
/* convert=in-place: the series' bind, prepare then commit */
int gms_gmem_prepare_memory_region(struct gms_world *w, struct gms_kvm *kvm,
				   struct gms_memslot *slot, int fd,
				   s64 offset);
int gms_gmem_commit_memory_region(struct gms_world *w, struct gms_kvm *kvm,
				  struct gms_memslot *slot);
/* the inode whose invalidate lock kvm_gmem_unbind() takes, or NULL */
struct gms_gmem_inode *gms_gmem_unbind_lock_target(struct gms_memslot *slot);
/* the caller holds gms_gmem_unbind_lock_target()'s lock */
void gms_gmem_unbind(struct gms_world *w, struct gms_memslot *slot);
/*
 * mirrors: kvm_gmem_get_pfn() with *max_order = folio_order(folio) (the HT
 * code's): what the MMU may map at most (gms_gmem_mapping_order() says
 * whether it may map huge)
 */
int gms_gmem_get_pfn_order(struct gms_world *w, struct gms_lock_ctx *ctx,
			   struct gms_kvm *kvm, struct gms_memslot *slot,
			   u64 gfn, u64 *pfn, int *max_order);
/* 0 and the pfn, or -errno */
int gms_gmem_get_pfn(struct gms_world *w, struct gms_lock_ctx *ctx,
		     struct gms_kvm *kvm, struct gms_memslot *slot, u64 gfn,
		     u64 *pfn);
/* one page at file index @index; @ctx holds the VM's slots_lock */
int gms_gmem_populate(struct gms_world *w, struct gms_lock_ctx *ctx,
		      struct gms_gmem_file *f, u64 index, const u64 *src);
/* iput(): the inode goes with its last file */
void gms_gmem_iput(struct gms_world *w, struct gms_gmem_inode *inode);

/* fs/file_table.c for guest_memfd files (src/model/file_table.c) */
void gms_gmem_file_get(struct gms_gmem_file *f);
/* fput(); runs __fput() (kvm_gmem_release(), iput()) on the last reference */
void gms_gmem_file_put(struct gms_world *w, struct gms_gmem_file *f);
/* would the last fput() of @f wait for a lock a task holds? */
bool gms_gmem_put_would_block(struct gms_world *w, struct gms_gmem_file *f);

/* gmem.link (link=allowed, src/model/gmem_link.c): a new fd, or -errno */
int gms_gmem_link(struct gms_world *w, struct gms_gmem_file *f,
		  struct gms_kvm *kvm);

bool gms_gmem_first_pinned(struct gms_world *w, struct gms_gmem_inode *inode,
			   u64 start, u64 end, u64 *index);

/*
 * write=populate (src/model/gmem_write.c): the flag's support, and
 * generic_perform_write() through kvm_gmem_write_begin()/write_end() at
 * @pos: the bytes written, or -errno (-ENOTTY: the knob is off, no
 * .write_iter)
 */
u64 gms_gmem_write_flag_supported(const struct gms_world *w);
s64 gms_gmem_write_iter(struct gms_world *w, struct gms_gmem_file *f, u64 pos,
			u64 count);
/* default_llseek() under write=populate; -ESPIPE without it */
s64 gms_gmem_llseek(struct gms_gmem_file *f, s64 offset, int whence);

/*
 * uffd= (src/model/gmem_uffd.c): the fault's hand-off to a userfaultfd
 * handler (0: none, -GMS_EUFFD_MISSING/MINOR), UFFDIO_REGISTER's check of
 * a guest_memfd VMA, and UFFDIO_COPY / UFFDIO_CONTINUE of one page
 */
struct gms_vma;
int gms_gmem_uffd_fault(struct gms_world *w, struct gms_vma *vma, u64 pgoff);
int gms_gmem_uffd_register(struct gms_world *w, struct gms_vma *vma, u32 mode);
int gms_gmem_uffd_copy(struct gms_world *w, struct gms_vma *vma, u64 addr,
		       u64 tag);
int gms_gmem_uffd_continue(struct gms_world *w, struct gms_vma *vma, u64 addr);

/* mmap=none and mmap=all-or-nothing (src/model/gmem_restricted.c) */
struct gms_vma;
u64 gms_gmem_mmap_flag_supported(const struct gms_world *w);
int gms_gmem_restricted_mmap(struct gms_world *w, struct gms_gmem_file *f,
			     u64 pgoff, u64 len);
int gms_gmem_restricted_may_split(const struct gms_world *w,
				  const struct gms_vma *vma);
int gms_gmem_restricted_get_pfn(struct gms_world *w,
				struct gms_gmem_inode *inode);
int gms_gmem_restricted_convert(struct gms_world *w, struct gms_kvm *kvm,
				u64 start, u64 end);

/*
 * hugetlb=allowed (src/model/guest_memfd_hugetlb.c): the HugeTLB series'
 * guest_memfd_hugetlb.c and the hugetlb parts of its guest_memfd.c
 */
struct gms_memslot;
bool gms_gmem_hugetlb_valid_order(u8 order);
void gms_gmem_hugetlb_add_bytes(const struct gms_world *w,
				struct gms_gmem_inode *inode,
				const struct gms_folio *folio);
int gms_gmem_hugetlb_init(struct gms_world *w, struct gms_gmem_inode *inode,
			  u64 flags, u64 size, u8 page_order);
void gms_gmem_hugetlb_teardown(struct gms_world *w,
			       struct gms_gmem_inode *inode);
struct gms_folio *gms_gmem_hugetlb_alloc_folio(struct gms_world *w,
					       struct gms_gmem_inode *inode,
					       u64 index);
int gms_gmem_hugetlb_restructure(struct gms_world *w,
				 struct gms_gmem_inode *inode, u64 index,
				 u8 to_order, u64 *err_index);
struct gms_folio *
gms_gmem_hugetlb_maybe_split_fresh(struct gms_world *w,
				   struct gms_gmem_inode *inode,
				   struct gms_folio *folio, u64 index);
bool gms_gmem_range_is_private(const struct gms_gmem_inode *inode, u64 start,
			       u64 end);
u64 gms_gmem_hugetlb_batch_end(const struct gms_gmem_inode *inode, u64 start,
			       u64 end);
int gms_gmem_hugetlb_convert_restructure(struct gms_world *w,
					 struct gms_gmem_inode *inode,
					 u64 start, u64 end, bool to_private,
					 u64 *err_index);
/* mirrors: kvm_gmem_mapping_order(): page_order or 0; *pfn if allocated */
int gms_gmem_mapping_order(const struct gms_memslot *slot, u64 gfn, u64 *pfn);
/* mirrors: kvm_gmem_create() with the HT code's page_order */
int gms_gmem_create_order(struct gms_world *w, struct gms_kvm *kvm, u64 size,
			  u64 flags, u64 page_order);

/* convert=in-place-* (src/model/gmem_convert.c) */
bool gms_gmem_in_place_conversion(const struct gms_world *w);
/* the inode's attributes: PRIVATE everywhere unless INIT_SHARED */
void gms_gmem_shared_map_init(struct gms_gmem_inode *inode);
/*
 * convert=in-place: KVM_SET_MEMORY_ATTRIBUTES2 (src/model/guest_memfd.c);
 * its checks, and its body in the conversion task's three steps (begin: 0
 * with the invalidate lock held, 1 nothing to do, -EAGAIN or -GMS_EBLOCKED)
 */
int gms_gmem_set_attributes_check(struct gms_world *w,
				  const struct gms_gmem_file *f, u64 offset,
				  u64 size);
int gms_gmem_set_attributes_begin(struct gms_world *w, struct gms_lock_ctx *ctx,
				  struct gms_gmem_file *f, u64 start, u64 end,
				  bool to_private, u64 *err_index);
int gms_gmem_set_attributes_restructure(struct gms_world *w,
					struct gms_lock_ctx *ctx,
					struct gms_gmem_file *f, u64 start,
					u64 end, bool to_private,
					u64 *err_index);
void gms_gmem_set_attributes_store(struct gms_world *w, struct gms_gmem_file *f,
				   u64 start, u64 end, bool to_private);
void gms_gmem_set_attributes_end(struct gms_world *w, struct gms_lock_ctx *ctx,
				 struct gms_gmem_file *f, u64 start, u64 end,
				 bool to_private);
int gms_gmem_set_attributes(struct gms_world *w, struct gms_lock_ctx *ctx,
			    struct gms_gmem_file *f, u64 offset, u64 size,
			    bool to_private, u64 *error_offset);
bool gms_gmem_is_shared(const struct gms_gmem_inode *inode, u64 index);
bool gms_gmem_mem_is_private(const struct gms_kvm *kvm, u64 gfn,
			     bool *is_private);
int gms_gmem_convert(struct gms_world *w, struct gms_gmem_file *f, u64 offset,
		     u64 len, bool to_private, u64 *error_offset);

/* direct_map= (src/model/gmem_direct_map.c): the pkey and kernel-reach hooks */
bool gms_gmem_direct_map_pkey_denied(struct gms_world *w, u64 addr);
bool gms_gmem_direct_map_kernel_ok(struct gms_world *w, u64 pfn,
				   const struct gms_gmem_inode *inode);

/* Who owns a file, per the bind= and pin= knobs (src/model/gmem_owner.c). */
int gms_gmem_owner_check(struct gms_world *w, struct gms_gmem_file *f,
			 struct gms_kvm *kvm);
void gms_gmem_owner_init(struct gms_world *w, struct gms_gmem_file *f,
			 struct gms_kvm *kvm);
void gms_gmem_owner_release(struct gms_world *w, struct gms_gmem_file *f);
int gms_gmem_owner_bind(struct gms_world *w, struct gms_gmem_file *f,
			struct gms_kvm *kvm);
void gms_gmem_owner_unbound(struct gms_world *w, struct gms_gmem_file *f);
#endif
