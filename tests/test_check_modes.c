// SPDX-License-Identifier: GPL-2.0
/*
 * check=incremental against check=full: what a step records as touched,
 * and the same violations from both modes on hand-made worlds, the whole
 * scenario library and the design matrix (every scenario under every
 * policy variant). check=verify runs both after each step and reports a
 * difference as a model bug, so a run in it must match the full run.
 * Usage: test_check_modes SCENARIOS_DIR
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <gmemsim/gmemsim.h>
#include <gmemsim/hw_table.h>
#include <gmemsim/matrix.h>
#include <gmemsim/scenario.h>

static const char *scenarios_dir;

static void check_quiet(struct gms_world *w, enum gms_check_mode mode)
{
	GPtrArray *v = gms_violations_new();

	gms_check_step_into(w, mode, v);
	assert_int_equal(v->len, 0);
	g_ptr_array_unref(v);
}

/* a step on one VM of many touches that VM, not the others */
static void test_touched_is_local(void **state)
{
	struct gms_world *w = gms_world_new();
	int kvm = gms_sys_open_kvm(w), vm[8];
	struct gms_memory_attributes a = { 0, 1 << 21,
					   KVM_MEMORY_ATTRIBUTE_PRIVATE, 0 };

	(void)state;
	for (int i = 0; i < 8; i++)
		vm[i] = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	check_quiet(w, GMS_CHECK_FULL);
	assert_false(w->dirty.all);
	assert_true(w->dirty.quiet);
	assert_int_equal(gms_hw_table_size(w->dirty.kvms), 0);
	assert_int_equal(gms_sys_set_memory_attributes(w, vm[3], &a), 0);
	assert_int_equal(gms_hw_table_size(w->dirty.kvms), 1);
	check_quiet(w, GMS_CHECK_INCREMENTAL);
	assert_int_equal(gms_hw_table_size(w->dirty.kvms), 0);
	/* a reset judges everything again */
	gms_world_reset(w);
	assert_true(w->dirty.all);
	gms_world_free(w);
}

/*
 * An object freed while an fd still names it is what the lifetime check
 * looks for at the fd: the step that buries a VM touches the very fd it
 * was installed in, not its neighbour; burying a memslot touches its VM.
 */
static void test_bury_touches_its_users(void **state)
{
	struct gms_world *w = gms_world_new();
	int kvm = gms_sys_open_kvm(w);
	int vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	int other = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	struct gms_fd *e = gms_fd_get(w, vm);
	struct gms_userspace_memory_region2 r = { .slot = 0,
						  .guest_phys_addr = 0,
						  .memory_size = 4096 };
	struct gms_memslot *slot;
	struct gms_kvm *kvm_obj;
	GPtrArray *v;
	char *want;
	u64 a;

	(void)state;
	assert_true(vm >= 0 && other == vm + 1);
	assert_int_equal(gms_sys_mmap_anon(w, 4096, &a), 0);
	r.userspace_addr = a;
	check_quiet(w, GMS_CHECK_FULL);
	assert_int_equal(gms_hw_table_size(w->dirty.fds), 0);
	gms_dirty_bury(w, GMS_OBJ_KVM, e->obj);
	assert_int_equal(gms_hw_table_size(w->dirty.fds), 1);
	assert_true(
		g_hash_table_contains(w->dirty.fds, GINT_TO_POINTER(vm + 1)));
	/*
	 * hook: the VM freed under its fd (a put too many): check=incremental
	 * reports it at that fd, as check=full does
	 */
	kvm_obj = e->obj;
	kvm_obj->freed = true;
	v = gms_violations_new();
	gms_check_step_into(w, GMS_CHECK_INCREMENTAL, v);
	want = g_strdup_printf("(fd) fd %d refers to a freed object", vm);
	assert_int_equal(v->len, 1);
	assert_string_equal(((struct gms_violation *)v->pdata[0])->id,
			    "use-after-free");
	assert_non_null(
		strstr(((struct gms_violation *)v->pdata[0])->message, want));
	g_free(want);
	g_ptr_array_unref(v);
	kvm_obj->freed = false;
	check_quiet(w, GMS_CHECK_INCREMENTAL);
	/* a memslot buried touches its VM (the lifetime of its SPTEs' slot) */
	assert_int_equal(gms_sys_set_user_memory_region2(w, other, &r), 0);
	check_quiet(w, GMS_CHECK_FULL);
	slot = ((struct gms_kvm *)gms_fd_get(w, other)->obj)
		       ->memslots[0]
		       ->pdata[0];
	gms_dirty_bury(w, GMS_OBJ_SLOT, slot);
	assert_true(g_hash_table_contains(w->dirty.kvms,
					  gms_fd_get(w, other)->obj));
	check_quiet(w, GMS_CHECK_INCREMENTAL);
	gms_world_free(w);
}

/* @id's violations of @all, in order */
static GPtrArray *only(GPtrArray *all, const char *id)
{
	GPtrArray *v = g_ptr_array_new();

	for (guint i = 0; i < all->len; i++)
		if (!strcmp(((struct gms_violation *)all->pdata[i])->id, id))
			g_ptr_array_add(v, all->pdata[i]);
	return v;
}

/* a 2M HugeTLB guest_memfd of @vm, allocated; its inode */
static struct gms_gmem_inode *huge_file(struct gms_world *w, int vm)
{
	int g = gms_sys_create_guest_memfd_order(w, vm, 2 << 20,
						 GUEST_MEMFD_FLAG_HUGETLB, 9);

	assert_true(g >= 0);
	assert_int_equal(
		gms_sys_fallocate(w, g, FALLOC_FL_KEEP_SIZE, 0, 2 << 20), 0);
	return ((struct gms_gmem_file *)gms_fd_get(w, g)->obj)->inode;
}

/*
 * folio-state under check=incremental judges the inodes of the touched
 * files and the inodes a step marked (a restructure marks the inode, not a
 * file), each once, newest first as the full walk does: the same reports in
 * the same order. Hook: a host pte counted on a huge folio of each inode.
 */
static void test_folio_state_scope(void **state)
{
	struct gms_world *w = gms_world_new();
	int kvm = gms_sys_open_kvm(w);
	int vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	struct gms_gmem_inode *older, *newer;
	GPtrArray *inc_all = gms_violations_new(), *full_all, *inc, *full;

	(void)state;
	w->policy.hugetlb = GMS_HUGETLB_ALLOWED;
	older = huge_file(w, vm);
	newer = huge_file(w, vm);
	assert_true(newer->id > older->id);
	check_quiet(w, GMS_CHECK_FULL);
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(older, 0)->pfn + 3)
		->mapcount++;
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(newer, 0)->pfn + 3)
		->mapcount++;
	/* the older through its file and itself, the newer through itself */
	gms_dirty_file(w, older->files->data);
	gms_dirty_inode(w, older);
	gms_dirty_inode(w, newer);
	gms_check_step_into(w, GMS_CHECK_INCREMENTAL, inc_all);
	full_all = gms_check_run(w);
	inc = only(inc_all, "folio-state");
	full = only(full_all, "folio-state");
	assert_int_equal(full->len, 2);
	assert_true(gms_violations_same(inc, full));
	g_ptr_array_unref(inc);
	g_ptr_array_unref(full);
	g_ptr_array_unref(inc_all);
	g_ptr_array_unref(full_all);
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(older, 0)->pfn + 3)
		->mapcount--;
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(newer, 0)->pfn + 3)
		->mapcount--;
	check_quiet(w, GMS_CHECK_FULL);
	/* an inode touched only through its file, the scope's only one */
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(older, 0)->pfn + 3)
		->mapcount++;
	gms_dirty_file(w, older->files->data);
	inc_all = gms_violations_new();
	gms_check_step_into(w, GMS_CHECK_INCREMENTAL, inc_all);
	inc = only(inc_all, "folio-state");
	assert_int_equal(inc->len, 1);
	g_ptr_array_unref(inc);
	g_ptr_array_unref(inc_all);
	gms_physmem_page(&w->physmem, gms_gmem_lookup_folio(older, 0)->pfn + 3)
		->mapcount--;
	gms_world_free(w);
}

/* --check's names, each to its mode; anything else refused */
static void test_mode_names(void **state)
{
	enum gms_check_mode m = GMS_CHECK_FULL;

	(void)state;
	assert_true(gms_check_mode_parse("incremental", &m));
	assert_int_equal(m, GMS_CHECK_INCREMENTAL);
	assert_true(gms_check_mode_parse("full", &m));
	assert_int_equal(m, GMS_CHECK_FULL);
	assert_true(gms_check_mode_parse("verify", &m));
	assert_int_equal(m, GMS_CHECK_VERIFY);
	assert_false(gms_check_mode_parse("Full", &m));
	assert_int_equal(m, GMS_CHECK_VERIFY);
}

/*
 * a reset world is a new one (the explorer resets between replays): what
 * the last run recorded, its observations among them, is gone, not left
 * dangling behind world_fini()'s unrefs
 */
static void test_reset_is_new(void **state)
{
	struct gms_world *w = gms_world_new();
	u64 pfn;

	(void)state;
	assert_int_equal(gms_physmem_alloc(&w->physmem, GMS_PAGE_ANON, &pfn),
			 0);
	gms_world_observe(w, GMS_PRINCIPAL_HOST, 0, pfn, "test");
	assert_non_null(w->observations);
	gms_world_reset(w);
	assert_null(w->observations);
	assert_null(w->fatal);
	assert_null(w->task_work);
	assert_null(w->graveyard);
	gms_world_free(w);
}

static struct gms_scenario *parse(const char *text)
{
	GError *err = NULL;
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), &err);

	assert_non_null(sc);
	return sc;
}

static void assert_same_runs(const struct gms_run *a, const struct gms_run *b)
{
	if (!gms_runs_same(a, b))
		fail_msg("%s: the check modes differ", a->path);
}

/* @sc under @base in full, incremental and verify: the same runs */
static void assert_modes_agree(struct gms_scenario *sc,
			       const struct gms_policy *base, bool variant)
{
	struct gms_run_opts o = { .keep_going = variant,
				  .ignore_policy = variant };
	struct gms_run *full, *inc, *ver;

	o.check = GMS_CHECK_FULL;
	full = gms_scenario_run_opts(sc, base, &o);
	o.check = GMS_CHECK_INCREMENTAL;
	inc = gms_scenario_run_opts(sc, base, &o);
	o.check = GMS_CHECK_VERIFY;
	ver = gms_scenario_run_opts(sc, base, &o);
	assert_same_runs(full, inc);
	assert_same_runs(full, ver);
	gms_run_free(full);
	gms_run_free(inc);
	gms_run_free(ver);
}

/*
 * The violation comes from a unit the step reached only through a page
 * (another VM maps it) or an inode (a conversion without a zap).
 */
static void test_violations_through_dependencies(void **state)
{
	static const char *const texts[] = {
		"policy bind=unrestricted\n"
		"vm.create victim type=sw_protected\n"
		"vm.create attacker type=sw_protected\n"
		"gmem.create g vm=victim size=2M\n"
		"memslot.set victim slot=0 gpa=0 size=2M gmem=g offset=0\n"
		"attr.set victim gpa=0 size=2M private\n"
		"guest.write victim gpa=0x1000 tag=secret\n"
		"memslot.delete victim slot=0\n"
		"memslot.set attacker slot=0 gpa=0 size=2M gmem=g offset=0\n"
		"attr.set attacker gpa=0 size=2M private\n"
		"guest.read attacker gpa=0x1000 => violation:confidentiality\n",
		"policy convert=in-place\n"
		"policy mutant=convert-no-zap\n"
		"vm.create vm type=sw_protected\n"
		"gmem.create g vm=vm size=4K flags=mmap\n"
		"memslot.set vm slot=1 gpa=4G size=4K gmem=g\n"
		"guest.write vm gpa=4G tag=secret\n"
		"gmem.convert g offset=0 len=4K to=shared => violation:stale-mapping\n",
	};
	struct gms_policy none = { 0 };

	(void)state;
	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		struct gms_scenario *sc = parse(texts[i]);
		struct gms_run_opts o = { .check = GMS_CHECK_INCREMENTAL };
		struct gms_run *run = gms_scenario_run_opts(sc, &none, &o);

		assert_int_equal(run->verdict, GMS_PASS);
		assert_non_null(run->violated);
		gms_run_free(run);
		assert_modes_agree(sc, &none, false);
		gms_scenario_free(sc);
	}
}

static GPtrArray *load_library(void)
{
	char *paths[] = { (char *)scenarios_dir, NULL };
	GPtrArray *files = gms_scenario_collect(paths, NULL);
	GPtrArray *scs = g_ptr_array_new_with_free_func(
		(GDestroyNotify)gms_scenario_free);

	assert_non_null(files);
	for (guint i = 0; i < files->len; i++) {
		struct gms_scenario *sc =
			gms_scenario_load(files->pdata[i], NULL);

		assert_non_null(sc);
		g_ptr_array_add(scs, sc);
	}
	g_ptr_array_unref(files);
	assert_true(scs->len > 100);
	return scs;
}

static void test_library(void **state)
{
	GPtrArray *scs = load_library();
	struct gms_policy none = { 0 };

	(void)state;
	for (guint i = 0; i < scs->len; i++)
		assert_modes_agree(scs->pdata[i], &none, false);
	g_ptr_array_unref(scs);
}

/* every scenario x variant: full and verify give the same cells */
static void test_matrix(void **state)
{
	GPtrArray *scs = load_library();
	struct gms_matrix *full =
		gms_matrix_run_mode(scs, GMS_CHECK_FULL, NULL, NULL);
	struct gms_matrix *ver =
		gms_matrix_run_mode(scs, GMS_CHECK_VERIFY, NULL, NULL);
	guint n = full->scenarios->len * full->variants->len;

	(void)state;
	assert_int_equal(ver->variants->len, full->variants->len);
	assert_true(full->variants->len > 10);
	for (guint i = 0; i < n; i++) {
		const struct gms_matrix_cell *a = &full->cells[i];
		const struct gms_matrix_cell *b = &ver->cells[i];

		if (a->kind != b->kind ||
		    g_strcmp0(a->invariants, b->invariants) ||
		    g_strcmp0(a->reason, b->reason))
			fail_msg("%s under %s differs",
				 (char *)full->scenarios
					 ->pdata[i / full->variants->len],
				 g_array_index(full->variants,
					       struct gms_matrix_variant,
					       i % full->variants->len)
					 .name);
	}
	gms_matrix_free(full);
	gms_matrix_free(ver);
	g_ptr_array_unref(scs);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_touched_is_local),
		cmocka_unit_test(test_mode_names),
		cmocka_unit_test(test_bury_touches_its_users),
		cmocka_unit_test(test_reset_is_new),
		cmocka_unit_test(test_folio_state_scope),
		cmocka_unit_test(test_violations_through_dependencies),
		cmocka_unit_test(test_library),
		cmocka_unit_test(test_matrix),
	};

	scenarios_dir = argc > 1 ? argv[1] : "scenarios";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
