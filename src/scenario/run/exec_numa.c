// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA memory policy: host.mbind, expect.mempolicy and expect.page's node=
 * and interleave_node=. mbind(), get_mempolicy() and move_pages() run on
 * every target; interleave_node= reads the model's policy (model only).
 */
#include <gmemsim/mempolicy.h>
#include <gmemsim/world.h>

#include "runner_internal.h"

/* nodes=N,...: the words are node numbers (bit N of the mask); none: 0 */
static u64 stmt_nodemask(const struct gms_stmt *s)
{
	const struct gms_arg *a = gms_stmt_arg(s, "nodes");
	u64 mask = 0;

	for (int i = 0; a && i < a->nvalues; i++) {
		u64 n = g_ascii_strtoull(a->values[i], NULL, 0);

		if (g_ascii_isdigit(a->values[i][0]) && n < 64)
			mask |= 1ULL << n;
	}
	return mask;
}

u64 gms_mapping_addr(const struct gms_handle *h, u64 off)
{
	if (h->kind != GMS_H_MAPPING || !h->addr || off >= h->len ||
	    gms_range_map_load(&h->unmapped, off >> GMS_PAGE_SHIFT))
		return 0;
	return h->addr + off;
}

void gms_exec_host_mbind(struct gms_runner *r, const struct gms_stmt *s,
			 struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	u64 off = gms_stmt_num(s, "offset", 0);
	u64 len = gms_stmt_num(s, "len", h->len > off ? h->len - off : 0);
	u64 addr = gms_mapping_addr(h, off);

	gms_result_set_status(res,
			      gms_target_mbind(r->t, addr, len,
					       (int)gms_stmt_num(s, "mode", 0),
					       stmt_nodemask(s)));
}

void gms_exec_expect_mempolicy(struct gms_runner *r, const struct gms_stmt *s,
			       struct gms_result *res)
{
	struct gms_handle *h = gms_runner_handle(r, pos0(s));
	u64 addr = gms_mapping_addr(h, gms_stmt_num(s, "offset", 0));
	int mode = 0, ret;
	u64 nodes = 0;

	ret = gms_target_get_mempolicy(r->t, addr, &mode, &nodes);
	if (ret) {
		gms_result_set(res, ret);
		return;
	}
	gms_expect_num(res, s, "mode", (u64)mode);
	if (gms_stmt_arg(s, "nodes") && nodes != stmt_nodemask(s) &&
	    !res->mismatch)
		gms_result_mismatch(res,
				    "nodes=%#" G_GINT64_MODIFIER
				    "x (expected %#" G_GINT64_MODIFIER
				    "x, bit N: node N)",
				    nodes, stmt_nodemask(s));
}

/* A live mapping of guest_memfd fd @fd that covers byte @off of the file. */
static u64 find_mapping(struct gms_runner *r, int fd, u64 off)
{
	GHashTableIter it;
	gpointer v;

	g_hash_table_iter_init(&it, r->handles);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		const struct gms_handle *m = v;
		u64 addr;

		if (m->kind != GMS_H_MAPPING || m->gmem_fd != fd ||
		    off < m->gmem_offset)
			continue;
		addr = gms_mapping_addr(m, off - m->gmem_offset);
		if (addr)
			return addr;
	}
	return 0;
}

/* node= without a mapping: the model's page cache (the kernel needs one) */
static int folio_node(struct gms_runner *r, struct gms_handle *g, u64 off,
		      int *node)
{
	struct gms_gmem_inode *inode = ((struct gms_gmem_file *)g->obj)->inode;
	struct gms_folio *folio =
		inode->freed ?
			NULL :
			gms_gmem_lookup_folio(inode, off >> GMS_PAGE_SHIFT);

	if (!folio)
		return -ENOENT;
	*node = gms_physmem_pfn_to_nid(
		&r->w->physmem,
		gms_folio_file_pfn(folio, off >> GMS_PAGE_SHIFT));
	return 0;
}

static void expect_node(struct gms_result *res, const struct gms_stmt *s,
			const char *key, int ret, int node)
{
	if (res->mismatch)
		return;
	if (ret < 0)
		gms_result_mismatch(res,
				    "%s: %s (expected %" G_GUINT64_FORMAT ")",
				    key, g_strerror(-ret),
				    gms_stmt_num(s, key, 0));
	else
		gms_expect_num(res, s, key, (u64)node);
}

void gms_expect_page_node(struct gms_runner *r, const struct gms_stmt *s,
			  struct gms_result *res)
{
	struct gms_handle *g = gms_runner_handle(r, pos0(s));
	u64 off = gms_stmt_num(s, "offset", 0);
	u64 addr;
	int node = 0, ret;

	if (g->kind != GMS_H_GMEM || (r->w && !g->obj)) {
		gms_result_mismatch(res, "'%s' is not a guest_memfd", pos0(s));
		return;
	}
	addr = find_mapping(r, g->fd, off);
	if (gms_stmt_arg(s, "node")) {
		if (addr)
			ret = gms_target_page_node(r->t, addr, &node);
		else if (r->w)
			ret = folio_node(r, g, off, &node);
		else
			ret = -GMS_EUNSUPPORTED;
		if (ret == -GMS_EUNSUPPORTED) {
			res->unsupported = "node= needs a mapping of the page "
					   "on this target (move_pages())";
			return;
		}
		expect_node(res, s, "node", ret, node);
	}
	if (!gms_stmt_arg(s, "interleave_node"))
		return;
	if (!r->w) {
		res->unsupported = "interleave_node= is model only";
		return;
	}
	ret = addr ? gms_mpol_interleave_node(r->w, addr) : -EFAULT;
	expect_node(res, s, "interleave_node", ret, ret);
}
