/* SPDX-License-Identifier: GPL-2.0 */
/* Host userspace memory: VMAs of guest_memfd files and anonymous memory. */
#ifndef GMEMSIM_MM_H
#define GMEMSIM_MM_H

#include <glib.h>
#include <gmemsim/range_map.h>
#include <gmemsim/types.h>
#include <gmemsim/uapi_types.h>

struct gms_world;
struct gms_gmem_file;
struct gms_gmem_inode;

enum gms_vma_kind { GMS_VMA_ANON, GMS_VMA_GMEM };

struct gms_vma {
	u32 id;
	u64 start, end; /* [start, end) host virtual addresses */
	enum gms_vma_kind kind;
	struct gms_gmem_file *file; /* counted reference (GMS_VMA_GMEM) */
	u64 pgoff; /* file page of @start */
	u32 prot;
	u32 uffd; /* userfaultfd registration: GMS_UFFD_MISSING | GMS_UFFD_MINOR */
	GTree *ptes; /* &pte->page (file pgoff, or page within an anon vma) -> pte */
	bool freed;
};

struct gms_pte {
	u64 page; /* gmem: file pgoff; anon: virtual page number */
	u64 pfn;
};

struct gms_pin {
	u64 addr;
	u64 pfn;
};

struct gms_mm {
	GTree *vmas; /* &vma->start -> struct gms_vma */
	GArray *pins; /* struct gms_pin: outstanding pin_user_pages() */
	u64 mmap_base; /* next address handed out; addresses are never reused */
	/*
	 * vma->vm_policy of VMAs without vm_ops->set_policy, by virtual page
	 * (mbind() splits the VMA at its range: one range per policy here)
	 */
	struct gms_range_map vm_policy;
	int il_prev; /* current->il_prev: the node interleave_nodes() last picked */
	/* VM_LOCKED, by virtual page (mlock.c); vmas are split as mlock does */
	struct gms_range_map mlocked;
};

void gms_mm_init(struct gms_mm *mm);
void gms_mm_destroy(struct gms_world *w);
/* mirrors: find_vma() restricted to a containing vma */
struct gms_vma *gms_mm_find_vma(struct gms_world *w, u64 addr);
/* mirrors: do_mmap() for MAP_ANONYMOUS|MAP_SHARED; 0 when there is no room */
u64 gms_mm_map_anon(struct gms_world *w, u64 len);
/* mirrors: do_mmap() after kvm_gmem_mmap() accepted the vma; 0: no room */
u64 gms_mm_map_file(struct gms_world *w, struct gms_gmem_file *f, u64 len,
		    u64 pgoff, u32 prot);
/* mirrors: do_munmap(); splits vmas it cuts */
int gms_mm_munmap(struct gms_world *w, u64 addr, u64 len);
/*
 * mirrors: handle_mm_fault() for one page; returns 0 and the pfn, or
 * -EFAULT (no vma: SIGSEGV) or -GMS_ESIGBUS.
 */
int gms_mm_fault(struct gms_world *w, u64 addr, u64 *pfn);
/* mirrors: unmap_mapping_range() for [start, end) of a guest_memfd inode */
/* mirrors: mapping_mapped() */
bool gms_mm_inode_mapped(struct gms_world *w,
			 const struct gms_gmem_inode *inode);
void gms_mm_unmap_mapping_range(struct gms_world *w,
				const struct gms_gmem_inode *inode, u64 start,
				u64 end);

/* install a pte for @pfn at @addr of @vma (takes the caller's reference) */
void gms_mm_install_pte(struct gms_world *w, struct gms_vma *vma, u64 addr,
			u64 pfn);
/* is there a pte at @addr of @vma? */
bool gms_mm_pte_present(const struct gms_vma *vma, u64 addr);
/* zap_page_range_single() over [start, end) of @vma (MADV_DONTNEED, MADV_REMOVE) */
void gms_mm_zap_range(struct gms_world *w, struct gms_vma *vma, u64 start,
		      u64 end);
/* mirrors: madvise() (mm/madvise.c), advice GMS_MADV_* */
int gms_mm_madvise(struct gms_world *w, u64 start, u64 len, int advice);
/* mirrors: mlock() / munlock() (mm/mlock.c) */
int gms_mm_mlock(struct gms_world *w, u64 start, u64 len, bool lock);

/* pin_user_pages() of the page at @addr; 0 or -EFAULT / -GMS_ESIGBUS */
int gms_mm_pin(struct gms_world *w, u64 addr);
/* unpin_user_page() of a page pinned at @addr; -EINVAL if none */
int gms_mm_unpin(struct gms_world *w, u64 addr);

#endif
