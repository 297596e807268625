/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host physical memory: page frames with a content tag instead of 4 KiB of
 * bytes. A freed page keeps its content, as real DRAM does, so a missing
 * scrub shows up as a tag seen by the wrong principal.
 */
#ifndef GMEMSIM_PHYSMEM_H
#define GMEMSIM_PHYSMEM_H

#include <glib.h>
#include <gmemsim/types.h>

enum gms_page_use {
	GMS_PAGE_FREE,
	GMS_PAGE_GMEM, /* a guest_memfd folio */
	GMS_PAGE_ANON, /* anonymous host memory */
	GMS_PAGE_FW, /* firmware or TDX-module control page */
};

struct gms_page {
	u64 tag; /* content; 0 = zero-filled */
	u32 writer; /* principal that wrote @tag (GMS_PRINCIPAL_HOST or a VM id) */
	bool private_data; /* written through a private (encrypted) mapping */
	bool measured; /* put there by launch population (SNP_LAUNCH_UPDATE, PAGE.ADD) */
	u32 key; /* memory-encryption key it was written under (ASID, HKID; 0: none) */
	bool direct_map; /* present in the kernel direct map */
	enum gms_page_use use;
	u32 refcount; /* page cache or pte ownership + pins */
	u32 mapcount; /* host userspace ptes */
	u32 pincount; /* GUP pins */
	/* hugetlb: a page of a huge page of this order (0: a buddy page) */
	u8 huge_order;
};

/* NUMA: at most this many nodes (the numa_nodes= knob) */
#define GMS_MAX_NUMNODES 4
/* No node asked for: the local node (the allocating CPU's, node 0 here) */
#define GMS_NUMA_NO_NODE (-1)
/*
 * A node's memory is a set of 2 MiB pfn ranges, dealt out in turn: node n
 * holds the chunks c with c % nr_nodes == n. Real nodes hold one contiguous
 * range each; interleaved chunks keep the page array dense here, and nothing
 * the model checks depends on a node's pfns being contiguous.
 */
#define GMS_NODE_CHUNK_SHIFT 9

struct gms_physmem {
	GArray *pages; /* pfn -> struct gms_page */
	GArray *free_list; /* stack of pfns: LIFO, so a freed page is reused first */
	u64 nr_allocated;
	u64 max_pages; /* host RAM: allocation fails with -ENOMEM beyond it */
	/* online nodes, 1 to GMS_MAX_NUMNODES; max_pages is shared out evenly */
	unsigned int nr_nodes;
	u64 node_allocated[GMS_MAX_NUMNODES];
	u64 node_next[GMS_MAX_NUMNODES]; /* the node's next never-used pfn */
	/*
	 * pfns handed out by gms_physmem_page() since the invariants last ran
	 * (dirty.h): whoever may have changed a page got it from there
	 */
	GHashTable *touched;
	bool untracked; /* record no touched pfns (gms_dirty_disable()) */
	/*
	 * hugetlb (src/model/hugetlb.c): pages reserved for huge pages not
	 * yet allocated, which order-0 allocations may not take; and
	 * free_huge_folio(), run instead of the buddy free when a page of a
	 * huge page loses its last reference
	 */
	u64 reserved;
	void (*free_huge_page)(void *data, u64 pfn);
	void *free_huge_data;
};

#define GMS_PHYSMEM_DEFAULT_PAGES (1ULL << 18) /* 1 GiB */

void gms_physmem_init(struct gms_physmem *pm);
void gms_physmem_destroy(struct gms_physmem *pm);
/*
 * mirrors: alloc_page(); the content is whatever the page held before.
 * 0 and *pfn, or -ENOMEM when host RAM is exhausted.
 */
int gms_physmem_alloc(struct gms_physmem *pm, enum gms_page_use use, u64 *pfn);
/*
 * mirrors: __alloc_pages() with a preferred node and a nodemask: the first
 * node of @nodemask (bit n: node n; 0 = every node) with a free page,
 * trying @nid first (GMS_NUMA_NO_NODE: the local node). -ENOMEM when none.
 */
int gms_physmem_alloc_node(struct gms_physmem *pm, enum gms_page_use use,
			   int nid, u32 nodemask, u64 *pfn);
/*
 * A never-used range of 1 << @order pfns aligned to its size, each page
 * taken (refcount 1, huge_order @order): the hugetlb pool growing
 * (alloc_fresh_hugetlb_folio()). It counts as allocated, not as reserved.
 */
void gms_physmem_alloc_range(struct gms_physmem *pm, enum gms_page_use use,
			     unsigned int order, u64 *pfn);
/* mirrors: page_to_nid() */
int gms_physmem_pfn_to_nid(const struct gms_physmem *pm, u64 pfn);
/* Set the node count (before the first allocation: pfns do not move). */
void gms_physmem_set_nodes(struct gms_physmem *pm, unsigned int nr_nodes);
/* mirrors: put_page(); frees the page when the last reference goes */
void gms_physmem_put(struct gms_physmem *pm, u64 pfn);
/* mirrors: get_page() */
void gms_physmem_get(struct gms_physmem *pm, u64 pfn);
struct gms_page *gms_physmem_page(struct gms_physmem *pm, u64 pfn);
/* mirrors: clear_highpage() */
void gms_physmem_clear(struct gms_physmem *pm, u64 pfn);
void gms_physmem_write(struct gms_physmem *pm, u64 pfn, u64 tag, u32 writer,
		       bool private_data);
/* The same under a memory-encryption key (0: plaintext). */
void gms_physmem_write_key(struct gms_physmem *pm, u64 pfn, u64 tag, u32 writer,
			   bool private_data, u32 key);
/* What a read under @key sees: the tag, or GMS_TAG_SCRAMBLED (ciphertext). */
u64 gms_physmem_read(struct gms_physmem *pm, u64 pfn, u32 key);

/* Content read under the wrong key: ciphertext, not anybody's data. */
#define GMS_TAG_SCRAMBLED (~0ULL)

#endif
