// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA in the model: the page allocator's nodes (src/hw/physmem.c) and the
 * policies a guest_memfd folio is allocated under (src/model/mempolicy.c):
 * the preferred node first, a bind mask's fallback and its end (-ENOMEM),
 * a freed page going back to its own node, and interleave_nodes()'s round
 * robin, which no scenario can assert (the kernel's il_prev is unknown).
 */
#include "helpers.h"

#include <gmemsim/mempolicy.h>

static void test_nodes_and_fallback(void **state)
{
	struct gms_physmem pm;
	u64 a, b, c, d;

	(void)state;
	gms_physmem_init(&pm);
	gms_physmem_set_nodes(&pm, 2);
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_GMEM, &a), 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&pm, a), 0);
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 0, &b),
			 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&pm, b), 1);
	/* bind to {1} from the local node 0: node 1 */
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM,
						GMS_NUMA_NO_NODE, 2, &c),
			 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&pm, c), 1);
	assert_int_not_equal(b, c);
	/* a freed page of node 1 is node 1's next, not node 0's */
	gms_physmem_put(&pm, b);
	assert_int_equal(gms_physmem_alloc(&pm, GMS_PAGE_GMEM, &d), 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&pm, d), 0);
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 0, &d),
			 0);
	assert_int_equal(d, b);
	/* a node outside the online ones: nothing to bind to */
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM,
						GMS_NUMA_NO_NODE, 4, &d),
			 -ENOMEM);
	gms_physmem_destroy(&pm);
}

static void test_node_full(void **state)
{
	struct gms_physmem pm;
	u64 a, b;

	(void)state;
	gms_physmem_init(&pm);
	pm.max_pages = 4;
	gms_physmem_set_nodes(&pm, 2);
	/* two pages a node: bind to node 1 fails at the third, preferred falls back */
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 2, &a),
			 0);
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 2, &a),
			 0);
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 2, &a),
			 -ENOMEM);
	assert_int_equal(gms_physmem_alloc_node(&pm, GMS_PAGE_GMEM, 1, 0, &b),
			 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&pm, b), 0);
	gms_physmem_destroy(&pm);
}

static void test_interleave_round_robin(void **state)
{
	struct gms_world *w = gms_world_new();
	gms_mpol pol = gms_mpol_make(GMS_MPOL_INTERLEAVE, 3);
	int want[] = { 0, 1, 0, 1 };
	u64 pfn;

	(void)state;
	assert_int_equal(gms_policy_set(&w->policy, "numa_nodes", "2"), 0);
	for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
		assert_int_equal(gms_mpol_alloc_page(w, pol, &pfn), 0);
		assert_int_equal(gms_physmem_pfn_to_nid(&w->physmem, pfn),
				 want[i]);
	}
	/* preferred: the node, while it has room */
	assert_int_equal(gms_mpol_alloc_page(
				 w, gms_mpol_make(GMS_MPOL_PREFERRED, 2), &pfn),
			 0);
	assert_int_equal(gms_physmem_pfn_to_nid(&w->physmem, pfn), 1);
	gms_world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes_and_fallback),
		cmocka_unit_test(test_node_full),
		cmocka_unit_test(test_interleave_round_robin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
