/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NUMA memory policy (mm/mempolicy.c, much reduced): mbind() and
 * get_mempolicy() on host mappings, the policy a guest_memfd folio is
 * allocated under, and the node a page sits on.
 *
 * A policy is one word (gms_mpol): the mode in the low byte, the nodemask
 * above it; 0 is no policy (NULL: MPOL_DEFAULT, the task's policy applies).
 */
#ifndef GMEMSIM_MEMPOLICY_H
#define GMEMSIM_MEMPOLICY_H

#include <gmemsim/types.h>
#include <gmemsim/uapi_types.h>

struct gms_world;
struct gms_vma;

typedef uintptr_t gms_mpol;

static inline gms_mpol gms_mpol_make(int mode, u32 nodes)
{
	return (gms_mpol)mode | ((gms_mpol)nodes << 8);
}

static inline int gms_mpol_mode(gms_mpol p)
{
	return p ? (int)(p & 0xff) : GMS_MPOL_DEFAULT;
}

static inline u32 gms_mpol_nodes(gms_mpol p)
{
	return (u32)(p >> 8);
}

/* mirrors: kernel_mbind() + do_mbind(); @nodemask bit n is node n */
int gms_mpol_mbind(struct gms_world *w, u64 start, u64 len, int mode,
		   u64 nodemask, unsigned int flags);
/* mirrors: do_get_mempolicy(MPOL_F_ADDR): the mode and nodemask at @addr */
int gms_mpol_get_mempolicy(struct gms_world *w, u64 addr, int *mode,
			   u64 *nodemask);
/* mirrors: do_pages_stat() for one page: its node, -EFAULT or -ENOENT */
int gms_mpol_page_node(struct gms_world *w, u64 addr);
/*
 * mirrors: folio_alloc_mpol() with NO_INTERLEAVE_INDEX, as
 * filemap_alloc_folio() calls it: a page under @pol (0: the task's default
 * policy, local). 0 and *pfn, or -ENOMEM.
 */
int gms_mpol_alloc_page(struct gms_world *w, gms_mpol pol, u64 *pfn);
/*
 * mirrors: interleave_nid(get_vma_policy(vma, addr, 0, &ilx), ilx): the
 * node an interleave policy names for the page at @addr, as NUMA balancing
 * (mpol_misplaced()) reads it. -EFAULT without a mapping, -EINVAL when the
 * policy there is not interleave.
 */
int gms_mpol_interleave_node(struct gms_world *w, u64 addr);
/* munmap(): the VMAs' own policies (vma->vm_policy) go with them */
void gms_mpol_vma_unmap(struct gms_world *w, u64 start, u64 end);

#endif
