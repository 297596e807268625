// SPDX-License-Identifier: GPL-2.0
/* The NUMA memory-policy system calls of host userspace (mm/mempolicy.c). */
#include <gmemsim/mempolicy.h>
#include <gmemsim/uapi.h>

/* mirrors: sys_mbind() */
int gms_sys_mbind(struct gms_world *w, u64 addr, u64 len, int mode,
		  u64 nodemask, unsigned int flags)
{
	return gms_mpol_mbind(w, addr, len, mode, nodemask, flags);
}

/* mirrors: sys_get_mempolicy(MPOL_F_ADDR) */
int gms_sys_get_mempolicy(struct gms_world *w, u64 addr, int *mode,
			  u64 *nodemask)
{
	return gms_mpol_get_mempolicy(w, addr, mode, nodemask);
}

/* mirrors: sys_move_pages() with NULL nodes, for one page: its status */
int gms_sys_page_node(struct gms_world *w, u64 addr, int *node)
{
	int r = gms_mpol_page_node(w, addr);

	if (r < 0)
		return r;
	*node = r;
	return 0;
}
