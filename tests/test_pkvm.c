// SPDX-License-Identifier: GPL-2.0
/*
 * pKVM's ownership hypercalls (hw_models.md 3.2, row by row) in the form of
 * pkvm_ownership_selftest() in arch/arm64/kvm/hyp/nvhe/mem_protect.c: one
 * page and three guest IPAs (two of one VM, one of another) under watch;
 * after every call its return value and every view of the page (host, hyp,
 * share count, each guest entry) are checked, and that the model recorded
 * no bug. Rows whose operands the model does not have (prot, nr, FF-A and
 * hyp shares, -E2BIG) are not here.
 */
#include "helpers.h"

#define PFN 5 /* the page under watch */
#define OTHER 6 /* another page, to contend for the same IPA */
#define GFN 3
#define NO_VM 9

/* what each view of PFN must say; guest[]: vm[0] at GFN, GFN + 1; vm[1] at GFN */
struct pkvm_expected {
	u8 host;
	u8 hyp;
	u32 count; /* host_share_guest_count */
	u8 guest[3];
};

struct pkvm_test {
	struct gms_warn_log log;
	struct gms_pkvm pk;
	u16 vm[2];
	struct pkvm_expected exp;
};

static int setup(void **state)
{
	struct pkvm_test *t = g_new0(struct pkvm_test, 1);

	gms_warn_log_init(&t->log);
	gms_pkvm_init(&t->pk, &t->log);
	t->vm[0] = pkvm_init_vm(&t->pk);
	t->vm[1] = pkvm_init_vm(&t->pk);
	t->exp = (struct pkvm_expected){
		.host = PKVM_PAGE_OWNED,
		.hyp = PKVM_NOPAGE,
		.guest = { PKVM_NOPAGE, PKVM_NOPAGE, PKVM_NOPAGE },
	};
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct pkvm_test *t = *state;

	gms_pkvm_destroy(&t->pk);
	gms_warn_log_destroy(&t->log);
	g_free(t);
	return 0;
}

static void expect_eq(const char *what, u64 got, u64 want, const char *file,
		      int line)
{
	if (got == want)
		return;
	print_error("%s is %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT
		    "\n",
		    what, got, want);
	_fail(file, line);
}

static struct gms_guest_pte entry(const struct pkvm_test *t, int i)
{
	const struct gms_pkvm_vm *vm = gms_pkvm_vm(&t->pk, t->vm[i == 2]);

	if (!vm) /* torn down: nothing maps */
		return (struct gms_guest_pte){ .state = PKVM_NOPAGE };
	return gms_pkvm_guest_pte(vm, GFN + (i == 1));
}

/* mirrors: assert_page_state() of the selftest, plus the model's own walk */
static void check_page_state(struct pkvm_test *t, const char *file, int line)
{
	static const char *const names[] = { "guest entry vm0:GFN",
					     "guest entry vm0:GFN+1",
					     "guest entry vm1:GFN" };
	struct gms_hyp_page p = gms_pkvm_page(&t->pk, PFN);

	expect_eq("host state", p.host_state, t->exp.host, file, line);
	expect_eq("hyp state", p.hyp_state, t->exp.hyp, file, line);
	expect_eq("host_share_guest_count", p.host_share_guest_count,
		  t->exp.count, file, line);
	for (int i = 0; i < 3; i++) {
		struct gms_guest_pte e = entry(t, i);

		expect_eq(names[i], e.state, t->exp.guest[i], file, line);
		if (e.state != PKVM_NOPAGE && e.state != PKVM_POISON)
			expect_eq(names[i], e.pfn, PFN, file, line);
	}
	expect_eq("model bugs", t->log.count, 0, file, line);
	gms_pkvm_assert_invariants(&t->pk);
	expect_eq("model bugs after the walk", t->log.count, 0, file, line);
}

#define assert_page_state(t) check_page_state(t, __FILE__, __LINE__)

/* mirrors: assert_transition_res() */
#define assert_transition(t, res, fn, ...)                        \
	do {                                                      \
		assert_int_equal(fn(&(t)->pk, __VA_ARGS__), res); \
		assert_page_state(t);                             \
	} while (0)

/* The selftest's sequence: shares with npVMs, a donation, a share back. */
static void test_ownership(void **state)
{
	struct pkvm_test *t = *state;
	u16 h = t->vm[0], h2 = t->vm[1];
	struct gms_hyp_page p;
	u64 pfn;

	assert_int_equal(h, 1);
	assert_page_state(t);
	/* no such VM */
	assert_transition(t, -ENOENT, __pkvm_host_share_guest, NO_VM, PFN, GFN);
	assert_transition(t, -ENOENT, __pkvm_host_donate_guest, NO_VM, PFN,
			  GFN);
	assert_transition(t, -ENOENT, __pkvm_host_unshare_guest, NO_VM, GFN);
	assert_transition(t, -ENOENT, __pkvm_guest_share_host, NO_VM, GFN);
	/* nothing at the IPA; the host has access, so nothing to take back */
	assert_transition(t, -ENOENT, __pkvm_host_unshare_guest, h, GFN);
	assert_transition(t, -ENOENT, __pkvm_guest_share_host, h, GFN);
	assert_transition(t, -EAGAIN, __pkvm_host_force_reclaim_page_guest,
			  PFN);

	/* host -> npVM share: the host keeps it, the guest borrows it */
	t->exp.host = PKVM_PAGE_SHARED_OWNED;
	t->exp.count = 1;
	t->exp.guest[0] = PKVM_PAGE_SHARED_BORROWED;
	assert_transition(t, 0, __pkvm_host_share_guest, h, PFN, GFN);
	/* the IPA is taken, by this page or another */
	assert_transition(t, -EPERM, __pkvm_host_share_guest, h, PFN, GFN);
	assert_transition(t, -EPERM, __pkvm_host_share_guest, h, OTHER, GFN);
	assert_int_equal(gms_pkvm_page(&t->pk, OTHER).host_state,
			 PKVM_PAGE_OWNED);
	assert_transition(t, -EPERM, __pkvm_host_donate_guest, h, PFN, GFN + 1);
	assert_transition(t, -EPERM, __pkvm_guest_share_host, h, GFN);
	assert_transition(t, -EPERM, __pkvm_host_force_reclaim_page_guest, PFN);
	/* more borrowers, one count each: a second IPA, a second VM */
	t->exp.count = 2;
	t->exp.guest[1] = PKVM_PAGE_SHARED_BORROWED;
	assert_transition(t, 0, __pkvm_host_share_guest, h, PFN, GFN + 1);
	t->exp.count = 3;
	t->exp.guest[2] = PKVM_PAGE_SHARED_BORROWED;
	assert_transition(t, 0, __pkvm_host_share_guest, h2, PFN, GFN);
	/* unshare one borrower at a time; the last gives the host sole use */
	assert_transition(t, -ENOENT, __pkvm_host_unshare_guest, h, GFN + 7);
	t->exp.count = 2;
	t->exp.guest[0] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_unshare_guest, h, GFN);
	assert_transition(t, -ENOENT, __pkvm_host_unshare_guest, h, GFN);
	t->exp.count = 1;
	t->exp.guest[1] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_unshare_guest, h, GFN + 1);
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.count = 0;
	t->exp.guest[2] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_unshare_guest, h2, GFN);

	/* host -> pVM donation: the host stage-2 names the owner */
	t->exp.host = PKVM_NOPAGE;
	t->exp.guest[0] = PKVM_PAGE_OWNED;
	assert_transition(t, 0, __pkvm_host_donate_guest, h, PFN, GFN);
	p = gms_pkvm_page(&t->pk, PFN);
	assert_int_equal(p.owner, PKVM_ID_GUEST);
	assert_int_equal(p.handle, h);
	assert_int_equal(p.gfn, GFN);
	/* not the host's to give or share again; the guest owns, not borrows */
	assert_transition(t, -EPERM, __pkvm_host_donate_guest, h, PFN, GFN + 1);
	assert_transition(t, -EPERM, __pkvm_host_donate_guest, h2, PFN, GFN);
	assert_transition(t, -EPERM, __pkvm_host_donate_guest, h, OTHER, GFN);
	assert_transition(t, -EPERM, __pkvm_host_share_guest, h, PFN, GFN + 1);
	assert_transition(t, -EPERM, __pkvm_host_unshare_guest, h, GFN);
	assert_transition(t, -ENOENT, __pkvm_guest_share_host, h, GFN + 1);
	/* reclaim only from a dying VM */
	assert_transition(t, -EINVAL, __pkvm_host_reclaim_page_guest, h, GFN,
			  &pfn);
	assert_transition(t, -EINVAL, __pkvm_host_reclaim_page_guest, NO_VM,
			  GFN, &pfn);

	/* the pVM shares it back: the host borrows what the guest owns */
	t->exp.host = PKVM_PAGE_SHARED_BORROWED;
	t->exp.guest[0] = PKVM_PAGE_SHARED_OWNED;
	assert_transition(t, 0, __pkvm_guest_share_host, h, GFN);
	assert_transition(t, -EPERM, __pkvm_guest_share_host, h, GFN);
	/* no longer the guest's alone: not force-reclaimable */
	assert_transition(t, -EPERM, __pkvm_host_force_reclaim_page_guest, PFN);
	assert_transition(t, -EPERM, __pkvm_host_unshare_guest, h, GFN);
	assert_transition(t, -EPERM, __pkvm_host_share_guest, h2, PFN, GFN);
	assert_transition(t, -EPERM, __pkvm_host_donate_guest, h2, PFN, GFN);
}

/* __pkvm_start/finalize_teardown_vm and the reclaim of a dying VM's pages */
static void test_teardown(void **state)
{
	struct pkvm_test *t = *state;
	u16 h = t->vm[0];
	u64 pfn = 0;

	t->exp.host = PKVM_NOPAGE;
	t->exp.guest[0] = PKVM_PAGE_OWNED;
	assert_transition(t, 0, __pkvm_host_donate_guest, h, PFN, GFN);
	assert_transition(t, -EBUSY, __pkvm_finalize_teardown_vm, h);
	assert_transition(t, -ENOENT, __pkvm_finalize_teardown_vm, NO_VM);
	/* not while a vCPU is loaded; once; only an existing VM */
	gms_pkvm_vm(&t->pk, h)->refcount = 1;
	assert_transition(t, -EBUSY, __pkvm_start_teardown_vm, h);
	gms_pkvm_vm(&t->pk, h)->refcount = 0;
	assert_transition(t, 0, __pkvm_start_teardown_vm, h);
	assert_true(gms_pkvm_vm(&t->pk, h)->is_dying);
	assert_transition(t, -EINVAL, __pkvm_start_teardown_vm, h);
	assert_transition(t, -ENOENT, __pkvm_start_teardown_vm, NO_VM);
	/* nothing to take back at an empty IPA */
	assert_transition(t, -EPERM, __pkvm_host_reclaim_page_guest, h, GFN + 1,
			  &pfn);
	/* nor when the host cannot see the page an absent entry reads as */
	assert_int_equal(__pkvm_host_donate_guest(&t->pk, h, 0, GFN + 7), 0);
	assert_transition(t, -EPERM, __pkvm_host_reclaim_page_guest, h, GFN + 1,
			  &pfn);
	assert_int_equal(
		__pkvm_host_reclaim_page_guest(&t->pk, h, GFN + 7, &pfn), 0);
	/* the owned page comes back zeroed (hyp_poison_page()) */
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.guest[0] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_reclaim_page_guest, h, GFN, &pfn);
	assert_int_equal(pfn, PFN);
	assert_false(
		gms_hw_table_contains(t->pk.unpoisoned, GSIZE_TO_POINTER(PFN)));
	/* every page back: the handle is free again */
	assert_transition(t, 0, __pkvm_finalize_teardown_vm, h);
	assert_null(gms_pkvm_vm(&t->pk, h));
	assert_false(gms_hw_table_contains(t->pk.vms, GSIZE_TO_POINTER(h)));
	assert_int_equal(pkvm_init_vm(&t->pk), h);
}

/* what a dying VM shared back is reclaimed as it is; an npVM share is not */
static void test_reclaim_shared(void **state)
{
	struct pkvm_test *t = *state;
	u16 h = t->vm[0], h2 = t->vm[1];
	u64 pfn = 0;

	t->pk.skip_poison = true; /* so a poisoning would show */
	t->exp.host = PKVM_PAGE_SHARED_OWNED;
	t->exp.count = 1;
	t->exp.guest[2] = PKVM_PAGE_SHARED_BORROWED;
	assert_transition(t, 0, __pkvm_host_share_guest, h2, PFN, GFN);
	assert_transition(t, 0, __pkvm_start_teardown_vm, h2);
	assert_transition(t, -EPERM, __pkvm_host_reclaim_page_guest, h2, GFN,
			  &pfn);
	/* P8: finalize with a page left keeps the VM listed */
	assert_transition(t, 0, __pkvm_finalize_teardown_vm, h2);
	assert_true(gms_pkvm_vm(&t->pk, h2)->ptes_at_finalize);
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.count = 0;
	t->exp.guest[2] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_unshare_guest, h2, GFN);

	t->exp.host = PKVM_NOPAGE;
	t->exp.guest[0] = PKVM_PAGE_OWNED;
	assert_transition(t, 0, __pkvm_host_donate_guest, h, PFN, GFN);
	t->exp.host = PKVM_PAGE_SHARED_BORROWED;
	t->exp.guest[0] = PKVM_PAGE_SHARED_OWNED;
	assert_transition(t, 0, __pkvm_guest_share_host, h, GFN);
	/* and another page it owns, at an IPA not under watch */
	assert_transition(t, 0, __pkvm_host_donate_guest, h, OTHER, GFN + 5);
	assert_transition(t, 0, __pkvm_start_teardown_vm, h);
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.guest[0] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_host_reclaim_page_guest, h, GFN, &pfn);
	assert_int_equal(pfn, PFN);
	/* the host saw it already: no zeroing, so none to skip */
	assert_false(
		gms_hw_table_contains(t->pk.unpoisoned, GSIZE_TO_POINTER(PFN)));
	/* an owned page reclaimed by the mutant is remembered unpoisoned (P6) */
	assert_transition(t, 0, __pkvm_host_reclaim_page_guest, h, GFN + 5,
			  &pfn);
	assert_int_equal(pfn, OTHER);
	assert_true(gms_hw_table_contains(t->pk.unpoisoned,
					  GSIZE_TO_POINTER(OTHER)));
}

/* __pkvm_host_force_reclaim_page_guest(): the guest's entry is poisoned */
static void test_force_reclaim(void **state)
{
	struct pkvm_test *t = *state;
	u16 h = t->vm[0];
	u64 pfn = 0;

	assert_transition(t, -EAGAIN, __pkvm_host_force_reclaim_page_guest,
			  PFN);
	t->exp.host = PKVM_NOPAGE;
	t->exp.guest[0] = PKVM_PAGE_OWNED;
	assert_transition(t, 0, __pkvm_host_donate_guest, h, PFN, GFN);
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.guest[0] = PKVM_POISON;
	assert_transition(t, 0, __pkvm_host_force_reclaim_page_guest, PFN);
	assert_transition(t, -EAGAIN, __pkvm_host_force_reclaim_page_guest,
			  PFN);
	assert_transition(t, -EHWPOISON, __pkvm_guest_share_host, h, GFN);
	assert_transition(t, -ENOENT, __pkvm_host_unshare_guest, h, GFN);
	/* a new donation may take the poisoned IPA (UNVERIFIED) */
	t->exp.host = PKVM_NOPAGE;
	t->exp.guest[0] = PKVM_PAGE_OWNED;
	assert_transition(t, 0, __pkvm_host_donate_guest, h, PFN, GFN);
	t->exp.host = PKVM_PAGE_OWNED;
	t->exp.guest[0] = PKVM_POISON;
	assert_transition(t, 0, __pkvm_host_force_reclaim_page_guest, PFN);
	/* a dying VM's poisoned IPA counts as reclaimed (-EHWPOISON) */
	assert_transition(t, 0, __pkvm_start_teardown_vm, h);
	assert_transition(t, 0, __pkvm_host_reclaim_page_guest, h, GFN, &pfn);
	/* only poison left: the teardown completes */
	t->exp.guest[0] = PKVM_NOPAGE;
	assert_transition(t, 0, __pkvm_finalize_teardown_vm, h);
	assert_null(gms_pkvm_vm(&t->pk, h));
}

/* one count per borrower, up to U32_MAX (-EBUSY beyond) */
static void test_share_count_saturates(void **state)
{
	struct pkvm_test *t = *state;
	struct gms_hyp_page *p;

	t->exp.host = PKVM_PAGE_SHARED_OWNED;
	t->exp.count = 1;
	t->exp.guest[0] = PKVM_PAGE_SHARED_BORROWED;
	assert_transition(t, 0, __pkvm_host_share_guest, t->vm[0], PFN, GFN);
	/* four billion borrowers are out of reach: say there were */
	p = g_hash_table_lookup(t->pk.pages, GSIZE_TO_POINTER(PFN));
	p->host_share_guest_count = G_MAXUINT32;
	assert_int_equal(__pkvm_host_share_guest(&t->pk, t->vm[0], PFN,
						 GFN + 1),
			 -EBUSY);
	assert_int_equal(
		gms_pkvm_guest_pte(gms_pkvm_vm(&t->pk, t->vm[0]), GFN + 1).state,
		PKVM_NOPAGE);
	assert_int_equal(gms_pkvm_page(&t->pk, PFN).host_share_guest_count,
			 G_MAXUINT32);
	/* and the walk knows the count is not the borrowers' */
	assert_int_equal(t->log.count, 0);
	assert_false(gms_pkvm_assert_invariants(&t->pk));
	assert_int_equal(t->log.count, 1);
}

static void test_handles_run_out(void **state)
{
	struct pkvm_test *t = *state;

	for (int i = 2; i < GMS_PKVM_MAX_HANDLE; i++)
		assert_int_not_equal(pkvm_init_vm(&t->pk), 0);
	assert_int_equal(pkvm_init_vm(&t->pk), 0);
	assert_page_state(t);
}

/* the latest model bug was one, reported from src/hw/pkvm.c */
static void assert_one_bug(const struct gms_warn_log *log, u32 before)
{
	const char *site = log->last;
	char *end;

	assert_int_equal(log->count, before + 1);
	assert_non_null(site);
	while (g_str_has_prefix(site, "../"))
		site += 3; /* meson compiles from the build directory */
	assert_true(g_str_has_prefix(site, "src/hw/pkvm.c:"));
	assert_true(strtoul(site + strlen("src/hw/pkvm.c:"), &end, 10) > 0);
	assert_true(g_str_has_prefix(end, ": WARN_ON("));
}

static struct gms_hyp_page *page_of(struct pkvm_test *t, u64 pfn)
{
	struct gms_hyp_page p = gms_pkvm_page(&t->pk, pfn);

	g_hash_table_insert(gms_hw_table(&t->pk.pages, g_free),
			    GSIZE_TO_POINTER(pfn), g_memdup2(&p, sizeof(p)));
	return g_hash_table_lookup(t->pk.pages, GSIZE_TO_POINTER(pfn));
}

static struct gms_guest_pte *pte_of(struct pkvm_test *t, int vm, u64 gfn)
{
	struct gms_pkvm_vm *v = gms_pkvm_vm(&t->pk, t->vm[vm]);
	struct gms_guest_pte e = gms_pkvm_guest_pte(v, gfn);

	g_hash_table_insert(v->s2, GSIZE_TO_POINTER(gfn),
			    g_memdup2(&e, sizeof(e)));
	return g_hash_table_lookup(v->s2, GSIZE_TO_POINTER(gfn));
}

/* Each breaks one invariant of a consistent state, as a model bug would. */
static void corrupt_owned_entry_gone(struct pkvm_test *t)
{
	pte_of(t, 0, GFN)->state = PKVM_POISON; /* P4: the page names it */
}

static void corrupt_share_count(struct pkvm_test *t)
{
	page_of(t, OTHER)->host_share_guest_count = 3; /* 2 borrowers */
}

static void corrupt_borrow_unshared(struct pkvm_test *t)
{
	*pte_of(t, 1, GFN + 7) = (struct gms_guest_pte){
		PKVM_PAGE_SHARED_BORROWED, 7
	}; /* P3: page 7 is the host's alone */
}

static void corrupt_share_without_borrower(struct pkvm_test *t)
{
	page_of(t, 7)->host_state = PKVM_PAGE_SHARED_OWNED;
}

static void corrupt_stale_annotation(struct pkvm_test *t)
{
	struct gms_hyp_page *p = page_of(t, 7);

	p->owner = PKVM_ID_GUEST;
	p->handle = t->vm[0];
	p->gfn = 9;
}

static void corrupt_hyp_owner(struct pkvm_test *t)
{
	struct gms_hyp_page *p = page_of(t, 7);

	p->host_state = PKVM_NOPAGE;
	p->owner = PKVM_ID_HYP; /* but hyp has no view of it */
}

static void corrupt_hyp_borrows(struct pkvm_test *t)
{
	page_of(t, 7)->hyp_state = PKVM_PAGE_SHARED_BORROWED;
}

static void corrupt_borrowed_unnamed(struct pkvm_test *t)
{
	struct gms_hyp_page *p = page_of(t, 7);

	p->host_state = PKVM_PAGE_SHARED_BORROWED;
	p->owner = PKVM_ID_GUEST;
	p->handle = t->vm[0];
	p->gfn = 9; /* no entry shares it there */
}

static void corrupt_host_state(struct pkvm_test *t)
{
	page_of(t, 7)->host_state = PKVM_POISON;
}

static void corrupt_nopage_entry(struct pkvm_test *t)
{
	*pte_of(t, 0, 9) = (struct gms_guest_pte){ PKVM_NOPAGE, 0 };
}

static void corrupt_owned_unannotated(struct pkvm_test *t)
{
	*pte_of(t, 1, GFN + 7) = (struct gms_guest_pte){
		PKVM_PAGE_OWNED, 7
	}; /* P5: page 7 is still the host's */
}

static void corrupt_shared_back_unborrowed(struct pkvm_test *t)
{
	*pte_of(t, 1, GFN + 7) = (struct gms_guest_pte){
		PKVM_PAGE_SHARED_OWNED, 7
	}; /* P2: the host does not borrow page 7 */
}

static void corrupt_share_annotated(struct pkvm_test *t)
{
	page_of(t, OTHER)->owner = PKVM_ID_GUEST;
}

static void corrupt_hyp_owns_hosts(struct pkvm_test *t)
{
	page_of(t, 7)->hyp_state = PKVM_PAGE_OWNED; /* P1: so does the host */
}

static void corrupt_hyp_state(struct pkvm_test *t)
{
	page_of(t, 7)->hyp_state = PKVM_PAGE_SHARED_OWNED;
}

static void corrupt_finalized_alive(struct pkvm_test *t)
{
	gms_pkvm_vm(&t->pk, t->vm[1])->ptes_at_finalize = true;
}

static void test_invariants_catch_corruption(void **state)
{
	static void (*const corrupt[])(struct pkvm_test *) = {
		corrupt_owned_entry_gone,
		corrupt_share_count,
		corrupt_borrow_unshared,
		corrupt_share_without_borrower,
		corrupt_stale_annotation,
		corrupt_hyp_owner,
		corrupt_hyp_borrows,
		corrupt_borrowed_unnamed,
		corrupt_host_state,
		corrupt_nopage_entry,
		corrupt_finalized_alive,
		corrupt_owned_unannotated,
		corrupt_shared_back_unborrowed,
		corrupt_share_annotated,
		corrupt_hyp_owns_hosts,
		corrupt_hyp_state,
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(corrupt); i++) {
		void *s;
		struct pkvm_test *t;

		setup(&s);
		t = s;
		/* a donation to vm0, a page shared with both VMs */
		assert_int_equal(__pkvm_host_donate_guest(&t->pk, t->vm[0], PFN,
							  GFN),
				 0);
		assert_int_equal(__pkvm_host_share_guest(&t->pk, t->vm[0],
							 OTHER, GFN + 1),
				 0);
		assert_int_equal(__pkvm_host_share_guest(&t->pk, t->vm[1],
							 OTHER, GFN),
				 0);
		assert_true(gms_pkvm_assert_invariants(&t->pk));
		corrupt[i](t);
		assert_false(gms_pkvm_assert_invariants(&t->pk));
		assert_one_bug(&t->log, 0);
		teardown(&s);
	}
}

/* A hypercall checks what it touched: a corrupted page is caught there. */
static void test_hypercall_checks_its_page(void **state)
{
	struct pkvm_test *t = *state;
	struct gms_hyp_page *p;

	assert_int_equal(__pkvm_host_share_guest(&t->pk, t->vm[0], PFN, GFN),
			 0);
	assert_int_equal(
		__pkvm_host_share_guest(&t->pk, t->vm[0], PFN, GFN + 1), 0);
	p = g_hash_table_lookup(t->pk.pages, GSIZE_TO_POINTER(PFN));
	p->owner = PKVM_ID_GUEST; /* an annotation a shared page cannot have */
	assert_int_equal(t->log.count, 0);
	assert_int_equal(__pkvm_host_unshare_guest(&t->pk, t->vm[0], GFN), 0);
	assert_one_bug(&t->log, 0);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_ownership),
		TEST(test_teardown),
		TEST(test_reclaim_shared),
		TEST(test_force_reclaim),
		TEST(test_share_count_saturates),
		TEST(test_handles_run_out),
		cmocka_unit_test(test_invariants_catch_corruption),
		TEST(test_hypercall_checks_its_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
