// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: mm/mempolicy.c, reduced to what guest_memfd's NUMA support
 * (6.19, "KVM: guest_memfd: Add NUMA mempolicy support", Shivank Garg,
 * series v12) exercises: mbind() and get_mempolicy(MPOL_F_ADDR) on host
 * mappings, the shared policy of a guest_memfd inode behind vm_ops, the
 * node a folio is allocated on, and move_pages()'s status query.
 *
 * Simplifications, each said again where it happens: MPOL_MF_MOVE and
 * MPOL_MF_STRICT queue nothing (guest_memfd folios are unmovable); there is
 * no cpuset (every online node is allowed); mbind() does not split VMAs,
 * the policies are kept per page range instead, which is what a split
 * gives; the mode flags (STATIC/RELATIVE_NODES) are checked and dropped;
 * one task, running on node 0, allocates everything.
 */
#include <gmemsim/gmem.h>
#include <gmemsim/mempolicy.h>
#include <gmemsim/world.h>

#define MPOL_MF_STRICT (1U << 0)
#define MPOL_MF_MOVE (1U << 1)
#define MPOL_MF_MOVE_ALL (1U << 2)
#define MPOL_MF_VALID (MPOL_MF_STRICT | MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)

/* the physical memory follows the numa_nodes= knob from the first use on */
static struct gms_physmem *physmem(struct gms_world *w)
{
	unsigned int n = gms_policy_numa_nodes(&w->policy);

	if (w->physmem.nr_nodes != n)
		gms_physmem_set_nodes(&w->physmem, n);
	return &w->physmem;
}

/* node_states[N_MEMORY] */
static u32 online_nodes(struct gms_world *w)
{
	return (1U << physmem(w)->nr_nodes) - 1;
}

/* mirrors: sanitize_mpol_flags() */
static int sanitize_mpol_flags(int *mode, unsigned int *flags)
{
	*flags = (unsigned int)*mode & GMS_MPOL_MODE_FLAGS;
	*mode &= ~GMS_MPOL_MODE_FLAGS;
	if ((unsigned int)*mode >= GMS_MPOL_MAX)
		return -EINVAL;
	if ((*flags & GMS_MPOL_F_STATIC_NODES) &&
	    (*flags & GMS_MPOL_F_RELATIVE_NODES))
		return -EINVAL;
	/* MPOL_F_NUMA_BALANCING: only with BIND (PREFERRED_MANY not modelled) */
	if ((*flags & GMS_MPOL_F_NUMA_BALANCING) && *mode != GMS_MPOL_BIND)
		return -EINVAL;
	return 0;
}

/*
 * mirrors: mpol_new() and mpol_set_nodemask(): 0 and *pol (0 for
 * MPOL_DEFAULT), or -EINVAL. The nodes are cut to the online ones first
 * (nodes_and() with node_states[N_MEMORY]); none left is -EINVAL.
 */
static int mpol_new(struct gms_world *w, int mode, unsigned int flags,
		    u64 nodes, gms_mpol *pol)
{
	u32 allowed;

	*pol = 0;
	if (mode == GMS_MPOL_DEFAULT)
		return nodes ? -EINVAL : 0;
	if (mode == GMS_MPOL_PREFERRED && !nodes) {
		if (flags &
		    (GMS_MPOL_F_STATIC_NODES | GMS_MPOL_F_RELATIVE_NODES))
			return -EINVAL;
		mode = GMS_MPOL_LOCAL;
	} else if (mode == GMS_MPOL_LOCAL) {
		if (nodes || (flags & (GMS_MPOL_F_STATIC_NODES |
				       GMS_MPOL_F_RELATIVE_NODES)))
			return -EINVAL;
	} else if (!nodes) {
		return -EINVAL;
	}
	if (mode == GMS_MPOL_LOCAL) {
		*pol = gms_mpol_make(mode, 0);
		return 0;
	}
	/* the modes mbind() takes but the model has no allocator for */
	if (mode != GMS_MPOL_PREFERRED && mode != GMS_MPOL_BIND &&
	    mode != GMS_MPOL_INTERLEAVE)
		return -EINVAL;
	allowed = (u32)(nodes & online_nodes(w));
	if (!allowed)
		return -EINVAL;
	/* mpol_new_preferred(): the first node only */
	if (mode == GMS_MPOL_PREFERRED)
		allowed &= -allowed;
	*pol = gms_mpol_make(mode, allowed);
	return 0;
}

/*
 * mirrors: queue_pages_range()'s hole checks: -EFAULT unless VMAs cover
 * [start, end) without a gap
 */
static int check_range_mapped(struct gms_world *w, u64 start, u64 end)
{
	while (start < end) {
		struct gms_vma *vma = gms_mm_find_vma(w, start);

		if (!vma)
			return -EFAULT;
		start = vma->end;
	}
	return 0;
}

/*
 * mirrors: mbind_range() -> vma_replace_policy() for the part of one VMA in
 * [start, end): vm_ops->set_policy for guest_memfd (6.19 and later), else
 * the VMA's own vm_policy
 */
static void vma_replace_policy(struct gms_world *w, struct gms_vma *vma,
			       u64 start, u64 end, gms_mpol pol)
{
	u64 first = vma->pgoff + ((start - vma->start) >> GMS_PAGE_SHIFT);

	if (vma->kind == GMS_VMA_GMEM && gms_abi_gmem_has_mempolicy(w))
		gms_gmem_set_policy(vma->file->inode, first,
				    first + ((end - start) >> GMS_PAGE_SHIFT),
				    pol);
	gms_range_map_store(&w->mm.vm_policy, start >> GMS_PAGE_SHIFT,
			    end >> GMS_PAGE_SHIFT, pol);
}

/* mirrors: do_mbind(), after kernel_mbind()'s sanitize_mpol_flags() */
static int do_mbind(struct gms_world *w, u64 start, u64 len, int mode,
		    unsigned int mode_flags, u64 nodes, unsigned int flags)
{
	gms_mpol pol;
	u64 end;
	int r;

	if (flags & ~MPOL_MF_VALID)
		return -EINVAL;
	/* MPOL_MF_MOVE_ALL needs CAP_SYS_NICE: the scenario's process has it */
	if (start & (GMS_PAGE_SIZE - 1))
		return -EINVAL;
	len = (len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	r = mpol_new(w, mode, mode_flags, nodes, &pol);
	if (r)
		return r;
	/* queue_pages_range(): no folio moves (guest_memfd's are unmovable) */
	r = check_range_mapped(w, start, end);
	if (r)
		return r;
	while (start < end) {
		struct gms_vma *vma = gms_mm_find_vma(w, start);
		u64 stop = MIN(end, vma->end);

		vma_replace_policy(w, vma, start, stop, pol);
		start = stop;
	}
	return 0;
}

int gms_mpol_mbind(struct gms_world *w, u64 start, u64 len, int mode,
		   u64 nodemask, unsigned int flags)
{
	unsigned int mode_flags;
	int r = sanitize_mpol_flags(&mode, &mode_flags);

	if (r)
		return r;
	return do_mbind(w, start, len, mode, mode_flags, nodemask, flags);
}

/*
 * mirrors: __get_vma_policy(): vm_ops->get_policy for guest_memfd (6.19
 * and later; it sets *ilx), else the VMA's own policy (*ilx = 0)
 */
static gms_mpol __get_vma_policy(struct gms_world *w, struct gms_vma *vma,
				 u64 addr, u64 *ilx)
{
	*ilx = 0;
	if (vma->kind == GMS_VMA_GMEM && gms_abi_gmem_has_mempolicy(w))
		return gms_gmem_get_policy(w, vma->file->inode,
					   vma->pgoff + ((addr - vma->start) >>
							 GMS_PAGE_SHIFT),
					   ilx);
	return gms_range_map_load(&w->mm.vm_policy, addr >> GMS_PAGE_SHIFT);
}

/*
 * mirrors: get_vma_policy(): the policy of the VMA at @addr and the
 * interleave index of its page (the caller's part: the page's offset in
 * the file), or -EFAULT where no VMA is
 */
static int get_vma_policy(struct gms_world *w, u64 addr, gms_mpol *pol,
			  u64 *ilx)
{
	struct gms_vma *vma = gms_mm_find_vma(w, addr);

	if (!vma)
		return -EFAULT;
	*pol = __get_vma_policy(w, vma, addr, ilx);
	*ilx += vma->kind == GMS_VMA_GMEM ? vma->pgoff : 0;
	*ilx += (addr - vma->start) >> GMS_PAGE_SHIFT;
	return 0;
}

int gms_mpol_get_mempolicy(struct gms_world *w, u64 addr, int *mode,
			   u64 *nodemask)
{
	gms_mpol pol;
	u64 ilx;
	int r = get_vma_policy(w, addr, &pol, &ilx);

	if (r)
		return r;
	/* no policy: &default_policy, reported as MPOL_DEFAULT, no nodes */
	*mode = gms_mpol_mode(pol);
	/* get_policy_nodemask(): MPOL_LOCAL has none */
	*nodemask = gms_mpol_nodes(pol);
	return 0;
}

int gms_mpol_page_node(struct gms_world *w, u64 addr)
{
	struct gms_vma *vma = gms_mm_find_vma(w, addr);
	u64 page;
	struct gms_pte *pte;

	if (!vma)
		return -EFAULT;
	/* folio_walk_start(): only a page the host page tables map */
	page = vma->kind == GMS_VMA_GMEM ?
		       vma->pgoff + ((addr - vma->start) >> GMS_PAGE_SHIFT) :
		       addr >> GMS_PAGE_SHIFT;
	pte = g_tree_lookup(vma->ptes, &page);
	if (!pte)
		return -ENOENT;
	return gms_physmem_pfn_to_nid(physmem(w), pte->pfn);
}

/* mirrors: next_node_in() */
static int next_node_in(int node, u32 nodes)
{
	for (int n = node + 1; n < GMS_MAX_NUMNODES; n++)
		if (nodes & (1U << n))
			return n;
	return nodes ? __builtin_ctz(nodes) : GMS_NUMA_NO_NODE;
}

/* mirrors: interleave_nodes(): round robin on the task's il_prev */
static int interleave_nodes(struct gms_world *w, u32 nodes)
{
	int nid = next_node_in(w->mm.il_prev, nodes);

	if (nid >= 0)
		w->mm.il_prev = nid;
	return nid;
}

/* mirrors: interleave_nid(): the (ilx mod weight)-th node of the mask */
static int interleave_nid(u32 nodes, u64 ilx)
{
	unsigned int target = (unsigned int)(ilx % __builtin_popcount(nodes));
	int nid = __builtin_ctz(nodes);

	while (target--)
		nid = next_node_in(nid, nodes);
	return nid;
}

int gms_mpol_alloc_page(struct gms_world *w, gms_mpol pol, u64 *pfn)
{
	struct gms_physmem *pm = physmem(w);
	u32 nodes = gms_mpol_nodes(pol);

	switch (gms_mpol_mode(pol)) {
	case GMS_MPOL_PREFERRED:
		return gms_physmem_alloc_node(pm, GMS_PAGE_GMEM,
					      __builtin_ctz(nodes), 0, pfn);
	case GMS_MPOL_BIND:
		/* the local node if the mask has it, else the mask's nearest */
		return gms_physmem_alloc_node(pm, GMS_PAGE_GMEM,
					      GMS_NUMA_NO_NODE, nodes, pfn);
	case GMS_MPOL_INTERLEAVE:
		/* NO_INTERLEAVE_INDEX: the task's round robin, not the index */
		return gms_physmem_alloc_node(
			pm, GMS_PAGE_GMEM, interleave_nodes(w, nodes), 0, pfn);
	default:
		/* default_policy is MPOL_LOCAL: numa_node_id() */
		return gms_physmem_alloc_node(pm, GMS_PAGE_GMEM,
					      GMS_NUMA_NO_NODE, 0, pfn);
	}
}

int gms_mpol_interleave_node(struct gms_world *w, u64 addr)
{
	gms_mpol pol;
	u64 ilx;
	int r = get_vma_policy(w, addr, &pol, &ilx);

	if (r)
		return r;
	if (gms_mpol_mode(pol) != GMS_MPOL_INTERLEAVE)
		return -EINVAL;
	return interleave_nid(gms_mpol_nodes(pol), ilx);
}

void gms_mpol_vma_unmap(struct gms_world *w, u64 start, u64 end)
{
	gms_range_map_store(&w->mm.vm_policy, start >> GMS_PAGE_SHIFT,
			    end >> GMS_PAGE_SHIFT, 0);
}
