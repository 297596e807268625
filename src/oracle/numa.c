// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA memory policy on the real kernel: mbind(), get_mempolicy() and
 * move_pages() through syscall(2) (no libnuma), on this target's own
 * mappings only, and the number of nodes with memory this host has.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kvm_target.h"

#define MPOL_F_ADDR (1 << 1)
/*
 * get_nodes() reads maxnode - 1 bits: one unsigned long of nodes. Nodes
 * from 64 up are not named by a scenario.
 */
#define KT_MAXNODE (8 * sizeof(unsigned long) + 1)

static struct kvm_target *kt_of(struct gms_target *t)
{
	return (struct kvm_target *)t;
}

/*
 * A range that is not all this target's mappings is -EFAULT, the kernel's
 * answer for a hole (the arena around them is mapped PROT_NONE, which the
 * kernel would accept).
 */
int kt_mbind(struct gms_target *t, u64 addr, u64 len, int mode, u64 nodemask)
{
	unsigned long mask = (unsigned long)nodemask;
	long r;

	if (len && !kt_ours(kt_of(t), addr, len))
		return -EFAULT;
	r = syscall(SYS_mbind, (unsigned long)addr, (unsigned long)len,
		    (unsigned long)mode, &mask, (unsigned long)KT_MAXNODE, 0UL);
	return r ? -errno : 0;
}

int kt_get_mempolicy(struct gms_target *t, u64 addr, int *mode, u64 *nodemask)
{
	unsigned long mask = 0;
	long r;

	if (!kt_ours(kt_of(t), addr, 1))
		return -EFAULT;
	r = syscall(SYS_get_mempolicy, mode, &mask, (unsigned long)KT_MAXNODE,
		    (unsigned long)addr, (unsigned long)MPOL_F_ADDR);
	if (r)
		return -errno;
	*nodemask = mask;
	return 0;
}

/* move_pages() with NULL nodes only reports: the page's node, or its -errno */
int kt_page_node(struct gms_target *t, u64 addr, int *node)
{
	void *page = (void *)(uintptr_t)(addr & ~(GMS_PAGE_SIZE - 1));
	int status = -ENOENT;
	long r;

	if (!kt_ours(kt_of(t), addr, 1))
		return -EFAULT;
	r = syscall(SYS_move_pages, 0, 1UL, &page, NULL, &status, 0);
	if (r < 0)
		return -errno;
	if (status < 0)
		return status;
	*node = status;
	return 0;
}

/* node_states[N_MEMORY] as sysfs lists it ("0", "0-1", "0,2-3"): its size */
static unsigned int numa_nodes(void)
{
	FILE *f = fopen("/sys/devices/system/node/has_memory", "re");
	unsigned int n = 0, a, b;
	int c = ',';

	if (!f)
		return 1;
	while (c == ',' && fscanf(f, "%u", &a) == 1) {
		b = a;
		c = fgetc(f);
		if (c == '-' && fscanf(f, "%u", &b) == 1)
			c = fgetc(f);
		n += b >= a ? b - a + 1 : 0;
	}
	fclose(f);
	return n ? n : 1;
}

/*
 * The model's one task allocates on node 0 ("local"). This process may run
 * on any node, so with two or more it prefers node 0 for what it allocates
 * under no policy of its own: set_mempolicy(MPOL_PREFERRED, {0}). A
 * guest_memfd folio without a shared policy takes the task's
 * (kvm_gmem_get_folio(): filemap_alloc_folio() without one).
 */
unsigned int kt_numa_init(void)
{
	unsigned int n = numa_nodes();
	unsigned long node0 = 1;

	if (n > 1)
		syscall(SYS_set_mempolicy, (unsigned long)GMS_MPOL_PREFERRED,
			&node0, (unsigned long)KT_MAXNODE);
	return n;
}
