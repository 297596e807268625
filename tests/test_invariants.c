// SPDX-License-Identifier: GPL-2.0
/*
 * Each invariant holds on a healthy lifecycle and is reported when broken,
 * through a design knob (a real code path) or a hook that corrupts the world.
 */
#include "helpers.h"

#include <string.h>

#define P KVM_MEMORY_ATTRIBUTE_PRIVATE
#define GPA 0x100000ULL

struct sw {
	int vm, g;
	struct gms_kvm *kvm;
};

/* a sw_protected VM with one private page the guest wrote */
static struct sw private_page(struct fx *fx)
{
	struct sw s;
	struct gms_vcpu_exit e;

	s.vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	s.kvm = vm_of(fx, s.vm);
	s.g = gmem_new(fx, s.vm, 2 * PAGE, 0);
	assert_int_equal(gmem_slot(fx, s.vm, 0, GPA, 2 * PAGE, s.g, 0), 0);
	assert_int_equal(set_attr(fx, s.vm, GPA, 2 * PAGE, P), 0);
	assert_int_equal(guest_write(fx, s.vm, GPA, 0x5ec, &e), 0);
	assert_int_equal(all_violations(fx), 0);
	return s;
}

static void test_registry(void **state)
{
	size_t n;
	const struct gms_invariant *inv = gms_invariants(&n);

	(void)state;
	assert_int_equal(n, 13);
	assert_non_null(gms_invariant_lookup("lock-order"));
	assert_non_null(gms_invariant_lookup("folio-state"));
	assert_null(gms_invariant_lookup("nonsense"));
	for (size_t i = 0; i < n; i++)
		assert_ptr_equal(gms_invariant_lookup(inv[i].id), &inv[i]);
}

/* seed 004 under bind=unrestricted: the attacker reads the victim's secret */
static void test_confidentiality_rebind_attack(void **state)
{
	struct fx *fx = *state;
	struct sw s;
	struct gms_vcpu_exit e;
	int attacker;
	u64 tag;

	assert_int_equal(gms_policy_set(&fx->w->policy, "bind", "unrestricted"),
			 0);
	s = private_page(fx);
	attacker = vm_new(fx, GMS_VM_SW_PROTECTED);
	assert_int_equal(region(fx, s.vm, 0, 0, GPA, 0, 0, 0, 0), 0);
	assert_int_equal(gmem_slot(fx, attacker, 0, GPA, 2 * PAGE, s.g, 0), 0);
	assert_int_equal(set_attr(fx, attacker, GPA, 2 * PAGE, P), 0);
	assert_int_equal(all_violations(fx), 0);
	gms_world_begin_step(fx->w);
	assert_int_equal(guest_read(fx, attacker, GPA, &tag, &e), 0);
	assert_int_equal(tag, 0x5ec);
	/* the read itself, and the mapping left behind */
	assert_int_equal(violations(fx, "confidentiality"), 2);
	gms_world_begin_step(fx->w);
	assert_int_equal(violations(fx, "confidentiality"), 1);
}

/* ... and under the default policy the bind is refused */
static void test_confidentiality_default_refuses(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	int attacker = vm_new(fx, GMS_VM_SW_PROTECTED);

	assert_int_equal(region(fx, s.vm, 0, 0, GPA, 0, 0, 0, 0), 0);
	assert_int_equal(gmem_slot(fx, attacker, 0, GPA, 2 * PAGE, s.g, 0),
			 -EINVAL);
}

static void test_confidentiality_host_mapping(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	GPtrArray *v, *objects;
	const char *msg;
	char *owner;
	u64 a, pfn;

	assert_int_equal(gms_sys_mmap_anon(fx->w, PAGE, &a), 0);
	assert_int_equal(gms_mm_fault(fx->w, a, &pfn), 0);
	assert_int_equal(violations(fx, "confidentiality"), 0);
	/* hook: the page holds a VM's private data */
	gms_physmem_write(&fx->w->physmem, pfn, 0x5ec, vm_of(fx, vm)->id, true);
	assert_int_equal(violations(fx, "confidentiality"), 1);
	/* the report names the reader (the host), the owner and the page */
	v = gms_check_run(fx->w);
	assert_int_equal(v->len, 1);
	msg = ((struct gms_violation *)v->pdata[0])->message;
	objects = ((struct gms_violation *)v->pdata[0])->objects;
	assert_true(g_str_has_prefix(msg,
				     "(G3) the host maps into userspace pfn "));
	assert_int_equal(objects->len, 3);
	assert_string_equal(objects->pdata[0], "the host");
	owner = g_strdup_printf("vm #%u", vm_of(fx, vm)->id);
	assert_string_equal(objects->pdata[1], owner);
	assert_non_null(strstr(msg, owner));
	g_free(owner);
	g_ptr_array_unref(v);
}

static void test_stale_mapping(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_spte *spte = gms_kvm_lookup_spte(s.kvm, GPA >> 12);
	u64 good = spte->pfn;

	GPtrArray *v, *objects;
	g_autofree char *vm = g_strdup_printf("vm #%u", s.kvm->id);
	g_autofree char *pfn = NULL;

	/* hook: an SPTE pointing at another pfn than the inode holds */
	spte->pfn = good + 100;
	assert_int_equal(violations(fx, "stale-mapping"), 1);
	/* the report names the VM and the page its SPTE maps */
	v = gms_check_run(fx->w);
	objects = ((struct gms_violation *)v->pdata[0])->objects;
	pfn = g_strdup_printf("pfn %" G_GUINT64_FORMAT, good + 100);
	assert_int_equal(objects->len, 2);
	assert_string_equal(objects->pdata[0], vm);
	assert_string_equal(objects->pdata[1], pfn);
	g_ptr_array_unref(v);
	spte->pfn = good;
	/* hook: the attribute flips without a zap (G1) */
	gms_range_map_store(&s.kvm->mem_attr, GPA >> 12, (GPA >> 12) + 1, 0);
	assert_int_equal(violations(fx, "stale-mapping"), 1);
}

/* Does a violation's message, right now, contain the printf of @fmt? */
G_GNUC_PRINTF(2, 3)
static bool reported(struct fx *fx, const char *fmt, ...)
{
	GPtrArray *v = gms_check_run(fx->w);
	g_autofree char *want = NULL;
	bool found = false;
	va_list ap;

	va_start(ap, fmt);
	want = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	for (guint i = 0; i < v->len; i++)
		found |= strstr(((struct gms_violation *)v->pdata[i])->message,
				want) != NULL;
	g_ptr_array_unref(v);
	return found;
}

static void test_use_after_free(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_memslot *slot = gms_kvm_id_to_memslot(s.kvm, 0, 0);

	assert_int_equal(violations(fx, "use-after-free"), 0);
	/* hook: the memslot is freed while the file still binds it */
	slot->freed = true;
	assert_true(violations(fx, "use-after-free") >= 1);
	slot->freed = false;
	/* hook: asymmetric binding */
	slot->gmem.file = NULL;
	assert_int_equal(violations(fx, "use-after-free"), 1);
	slot->gmem.file = file_of(fx, s.g);
	assert_int_equal(violations(fx, "use-after-free"), 0);
	/* hook: an open fd whose object was freed, a VM's or a file's */
	s.kvm->freed = true;
	assert_true(reported(fx, "(fd) fd %d refers to a freed object", s.vm));
	s.kvm->freed = false;
	file_of(fx, s.g)->freed = true;
	assert_true(reported(fx, "(fd) fd %d refers to a freed object", s.g));
	assert_false(reported(fx, "(fd) fd %d refers to a freed object", s.vm));
	file_of(fx, s.g)->freed = false;
	assert_int_equal(violations(fx, "use-after-free"), 0);
}

static void test_binding(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_memslot *slot = gms_kvm_id_to_memslot(s.kvm, 0, 0);
	int other = vm_new(fx, GMS_VM_SW_PROTECTED);

	/* hook: the slot belongs to another VM */
	slot->kvm = vm_of(fx, other);
	assert_int_equal(violations(fx, "binding"), 1);
	slot->kvm = s.kvm;
	/* hook: the binding runs past EOF */
	slot->npages = 3;
	assert_int_equal(violations(fx, "binding"), 1);
}

/* more memslots than the check keeps on its stack: still sorted, overlaps found */
static void test_binding_many_slots(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, 40 * PAGE, 0);
	struct gms_memslot *last;

	/* page i of the file at slot 39 - i: listed in the reverse order */
	for (u32 i = 0; i < 40; i++)
		assert_int_equal(gmem_slot(fx, vm, 39 - i, GPA + i * PAGE, PAGE,
					   g, i * PAGE),
				 0);
	assert_int_equal(all_violations(fx), 0);
	/* hook: the slot of the last page binds the first page too */
	last = gms_kvm_id_to_memslot(vm_of(fx, vm), 0, 0);
	last->gmem.pgoff = 0;
	assert_int_equal(violations(fx, "binding"), 1);
	last->gmem.pgoff = 39;
}

static void test_mmap_exclusion(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_spte *spte = gms_kvm_lookup_spte(s.kvm, GPA >> 12);

	assert_int_equal(violations(fx, "mmap-exclusion"), 0);
	/* hook: the host pins a page that is private to the guest */
	gms_physmem_page(&fx->w->physmem, spte->pfn)->pincount++;
	assert_int_equal(violations(fx, "mmap-exclusion"), 1);
	gms_physmem_page(&fx->w->physmem, spte->pfn)->pincount--;
}

static void test_leak(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	GPtrArray *v;
	u64 pfn;

	assert_int_equal(gms_sys_close(fx->w, s.g), 0);
	assert_int_equal(gms_sys_close(fx->w, s.vm), 0);
	v = gms_check_end(fx->w);
	assert_int_equal(v->len, 0);
	g_ptr_array_unref(v);
	/* hook: a page nobody owns */
	assert_int_equal(
		gms_physmem_alloc(&fx->w->physmem, GMS_PAGE_ANON, &pfn), 0);
	v = gms_check_end(fx->w);
	assert_int_equal(v->len, 1);
	assert_string_equal(((struct gms_violation *)v->pdata[0])->id, "leak");
	g_ptr_array_unref(v);
}

/*
 * An inode reference nobody puts (a missing iput()) keeps the inode and its
 * folios after the last close: the leak report names the inode, so a replay
 * can point at what is left.
 */
static void test_leak_names_the_inode(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_gmem_inode *inode = file_of(fx, s.g)->inode;
	struct gms_violation *found = NULL;
	GPtrArray *v;
	char *want;

	inode->i_count++;
	assert_int_equal(gms_sys_close(fx->w, s.g), 0);
	assert_int_equal(gms_sys_close(fx->w, s.vm), 0);
	assert_int_equal(inode->i_count, 1);
	v = gms_check_end(fx->w);
	for (guint i = 0; i < v->len; i++) {
		struct gms_violation *x = v->pdata[i];

		if (g_str_has_prefix(x->message, "guest_memfd inode"))
			found = x;
	}
	assert_non_null(found);
	assert_string_equal(found->id, "leak");
	want = g_strdup_printf("inode #%u", inode->id);
	assert_int_equal(found->objects->len, 1);
	assert_string_equal(found->objects->pdata[0], want);
	g_free(want);
	g_ptr_array_unref(v);
}

/* hugetlb=allowed: a software-protected VM and a 2M file of 2M folios */
static int huge_gmem(struct fx *fx, int *vm)
{
	int g;

	fx->w->policy.hugetlb = GMS_HUGETLB_ALLOWED;
	*vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	g = gms_sys_create_guest_memfd_order(fx->w, *vm, 2 << 20,
					     GUEST_MEMFD_FLAG_HUGETLB, 9);
	assert_true(g >= 0);
	return g;
}

/*
 * folio-state (hugetlb=allowed): a whole huge folio and its split pieces
 * hold; a piece at the wrong pfn, a whole folio off its alignment, an
 * order-0 folio of no huge page, a host pte on a large folio, and a huge page back in the pool under a
 * live piece each break it
 */
static void test_folio_state(void **state)
{
	struct fx *fx = *state;
	struct gms_gmem_inode *inode;
	struct gms_folio *folio;
	GPtrArray *v, *objects;
	char *want;
	int vm, g;
	u64 pfn;

	g = huge_gmem(fx, &vm);
	inode = file_of(fx, g)->inode;
	assert_int_equal(gms_sys_fallocate(fx->w, g, FALLOC_FL_KEEP_SIZE, 0,
					   2 << 20),
			 0);
	folio = gms_gmem_lookup_folio(inode, 5);
	assert_int_equal(folio->order, 9);
	assert_int_equal(violations(fx, "folio-state"), 0);
	/* the host never maps a large folio */
	gms_physmem_page(&fx->w->physmem, folio->pfn + 5)->mapcount++;
	assert_int_equal(violations(fx, "folio-state"), 1);
	gms_physmem_page(&fx->w->physmem, folio->pfn + 5)->mapcount--;
	/* a whole huge folio sits on an aligned huge page */
	folio->pfn++;
	assert_int_equal(violations(fx, "folio-state"), 1);
	folio->pfn--;
	/* split: 512 pieces of one huge page, each at its own pfn */
	gms_page_cache_split(&inode->pages, folio);
	assert_int_equal(violations(fx, "folio-state"), 0);
	folio = gms_gmem_lookup_folio(inode, 7);
	folio->pfn++;
	assert_int_equal(violations(fx, "folio-state"), 1);
	/* the report names the page */
	v = gms_check_run(fx->w);
	assert_int_equal(v->len, 1);
	want = g_strdup_printf("pfn %" G_GUINT64_FORMAT, folio->pfn);
	objects = ((struct gms_violation *)v->pdata[0])->objects;
	assert_int_equal(objects->len, 1);
	assert_string_equal(objects->pdata[0], want);
	g_free(want);
	g_ptr_array_unref(v);
	folio->pfn--;
	/* an order-0 folio of a HugeTLB file is a piece of a huge page */
	folio->huge_order = 0;
	assert_int_equal(violations(fx, "folio-state"), 1);
	folio->huge_order = 9;
	/* a piece outlives its file: its huge page stays out of the pool */
	pfn = folio->pfn;
	gms_physmem_get(&fx->w->physmem, pfn);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_int_equal(violations(fx, "folio-state"), 0);
	assert_int_equal(fx->w->hugetlb.free->len, 0);
	gms_physmem_put(&fx->w->physmem, pfn);
	assert_int_equal(fx->w->hugetlb.free->len, 1);
	assert_int_equal(fx->w->physmem.reserved, 0);
	assert_int_equal(violations(fx, "folio-state"), 0);
}

/*
 * folio-state's leaf half: a private 2M leaf maps one folio of at least its
 * order. A huge folio split while a 2M leaf still maps it whole (as if the
 * restructure skipped the leaf's split or zap) leaves the leaf over 512
 * order-0 pieces, each at its right pfn: only the order tells it apart.
 */
static void test_folio_state_leaf_order(void **state)
{
	struct fx *fx = *state;
	struct gms_gmem_inode *inode;
	struct gms_vcpu_exit e;
	int vm, g;

	g = huge_gmem(fx, &vm);
	inode = file_of(fx, g)->inode;
	assert_int_equal(gmem_slot(fx, vm, 0, 0, 2 << 20, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, 0, 2 << 20, P), 0);
	assert_int_equal(guest_write(fx, vm, PAGE, 0x5ec, &e), 0);
	assert_int_equal(gms_gmem_lookup_folio(inode, 1)->order, 9);
	assert_int_equal(violations(fx, "folio-state"), 0);
	gms_page_cache_split(&inode->pages, gms_gmem_lookup_folio(inode, 1));
	assert_int_equal(violations(fx, "folio-state"), 1);
}

/*
 * Each hardware model reports its own GMS_WARN_ON()s (a model bug, never a
 * violation) to the world's log, where the runner turns them into a
 * model-bug verdict: an RMP instruction on a corrupted entry, and the ASID
 * and TDX module walks over a corrupted table.
 */
static void test_hw_warns_reach_the_world(void **state)
{
	struct fx *fx = *state;
	struct gms_rmp_entry bad = { .assigned = true,
				     .immutable = true,
				     .validated = true };
	u32 before = fx->w->warn_log.count;

	g_hash_table_insert(gms_hw_table(&fx->w->hw.rmp.entries, g_free),
			    GSIZE_TO_POINTER(7), g_memdup2(&bad, sizeof(bad)));
	assert_int_equal(gms_rmp_page_reclaim(&fx->w->hw.rmp, 7), 0);
	assert_int_equal(fx->w->warn_log.count, before + 1);
	fx->w->hw.snp.freed_before[0] = true;
	assert_false(gms_snp_asids_assert_invariants(&fx->w->hw.snp));
	assert_int_equal(fx->w->warn_log.count, before + 2);
	fx->w->hw.snp.freed_before[0] = false;
	fx->w->hw.tdx.wbinvd_pending[0] = true;
	assert_false(gms_tdx_assert_invariants(&fx->w->hw.tdx));
	assert_int_equal(fx->w->warn_log.count, before + 3);
	fx->w->hw.tdx.wbinvd_pending[0] = false;
	g_hash_table_remove(fx->w->hw.rmp.entries, GSIZE_TO_POINTER(7));
}

static gboolean any_vm(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	(void)value;
	(void)data;
	return TRUE;
}

/*
 * pKVM (P3): a page a guest borrows is one the host shares, and counts it.
 * Hook: the host page still shared, its borrower count dropped to 0.
 */
static void test_pkvm_borrow_is_counted(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_PKVM);
	int g = gmem_new(fx, vm, 2 * PAGE,
			 GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED);
	struct gms_vcpu_exit e;
	struct gms_pkvm_vm *v;
	struct gms_guest_pte *pte;
	struct gms_hyp_page *p;

	assert_int_equal(gmem_slot(fx, vm, 0, GPA, 2 * PAGE, g, 0), 0);
	assert_int_equal(guest_write(fx, vm, GPA, 0x5ec, &e), 0);
	assert_int_equal(all_violations(fx), 0);
	v = g_hash_table_find(fx->w->hw.pkvm.vms, any_vm, NULL);
	assert_non_null(v);
	pte = g_hash_table_lookup(v->s2, GSIZE_TO_POINTER(GPA >> 12));
	assert_non_null(pte);
	assert_int_equal(pte->state, PKVM_PAGE_SHARED_BORROWED);
	p = g_hash_table_lookup(fx->w->hw.pkvm.pages,
				GSIZE_TO_POINTER(pte->pfn));
	assert_non_null(p);
	assert_int_equal(p->host_state, PKVM_PAGE_SHARED_OWNED);
	assert_int_equal(p->host_share_guest_count, 1);
	p->host_share_guest_count = 0;
	assert_int_equal(violations(fx, "hw-consistency"), 1);
	p->host_share_guest_count = 1;
	assert_int_equal(all_violations(fx), 0);
}

/*
 * scrub (T3): a page the TDX module still owns (PAMT) or that still needs
 * its WBINVD or MOVDIR64B clear must not be back in the allocator.
 */
static void test_tdx_scrub(void **state)
{
	struct fx *fx = *state;
	struct sw s = private_page(fx);
	struct gms_pamt_entry reg = { .pt = PT_REG, .owner = 1 };
	u64 pfn = gms_gmem_lookup_folio(file_of(fx, s.g)->inode, 0)->pfn;

	assert_int_equal(gms_sys_fallocate(fx->w, s.g,
					   FALLOC_FL_KEEP_SIZE |
						   FALLOC_FL_PUNCH_HOLE,
					   0, PAGE),
			 0);
	assert_int_equal(gms_physmem_page(&fx->w->physmem, pfn)->use,
			 GMS_PAGE_FREE);
	assert_int_equal(violations(fx, "scrub"), 0);
	/* hook: freed while the module still wanted it flushed */
	g_hash_table_insert(gms_hw_table(&fx->w->hw.tdx.dirty, NULL),
			    GSIZE_TO_POINTER(pfn),
			    GUINT_TO_POINTER(GMS_TDX_NEEDS_CLEAR));
	assert_true(reported(
		fx,
		"(T3) pfn %" G_GUINT64_FORMAT
		" went back to the allocator without the MOVDIR64B clear",
		pfn));
	g_hash_table_remove(fx->w->hw.tdx.dirty, GSIZE_TO_POINTER(pfn));
	/* hook: freed while the PAMT still gives it to a TD */
	g_hash_table_insert(gms_hw_table(&fx->w->hw.tdx.pamt, g_free),
			    GSIZE_TO_POINTER(pfn),
			    g_memdup2(&reg, sizeof(reg)));
	assert_int_equal(violations(fx, "scrub"), 1);
	g_hash_table_remove(fx->w->hw.tdx.pamt, GSIZE_TO_POINTER(pfn));
	assert_int_equal(violations(fx, "scrub"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		FX_TEST(test_confidentiality_rebind_attack),
		FX_TEST(test_confidentiality_default_refuses),
		FX_TEST(test_confidentiality_host_mapping),
		FX_TEST(test_stale_mapping),
		FX_TEST(test_use_after_free),
		FX_TEST(test_binding),
		FX_TEST(test_binding_many_slots),
		FX_TEST(test_mmap_exclusion),
		FX_TEST(test_leak),
		FX_TEST(test_leak_names_the_inode),
		FX_TEST(test_folio_state),
		FX_TEST(test_folio_state_leaf_order),
		FX_TEST(test_hw_warns_reach_the_world),
		FX_TEST(test_tdx_scrub),
		FX_TEST(test_pkvm_borrow_is_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
