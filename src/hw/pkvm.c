// SPDX-License-Identifier: GPL-2.0
/*
 * pKVM's ownership transitions (arch/arm64/kvm/hyp/nvhe/mem_protect.c
 * @03313ef; hw_models.md 3.2): both sides are checked, then both change.
 */
#include <gmemsim/pkvm.h>

static gpointer key(u64 v)
{
	return GSIZE_TO_POINTER((gsize)v);
}

static void vm_free(gpointer p)
{
	struct gms_pkvm_vm *vm = p;

	g_hash_table_unref(vm->s2);
	g_free(vm);
}

void gms_pkvm_init(struct gms_pkvm *pk, struct gms_warn_log *warn)
{
	/* pages, vms and unpoisoned come with their first entry */
	*pk = (struct gms_pkvm){ .warn = warn };
}

void gms_pkvm_destroy(struct gms_pkvm *pk)
{
	gms_hw_table_free(&pk->pages);
	gms_hw_table_free(&pk->vms);
	gms_hw_table_free(&pk->unpoisoned);
}

/* A page never touched is the host's, exclusively; hyp has no view of it. */
struct gms_hyp_page gms_pkvm_page(const struct gms_pkvm *pk, u64 pfn)
{
	struct gms_hyp_page *p = gms_hw_table_lookup(pk->pages, key(pfn));

	return p ? *p :
		   (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED,
					  .hyp_state = PKVM_NOPAGE };
}

static void set_page(struct gms_pkvm *pk, u64 pfn, const struct gms_hyp_page *p)
{
	if (p->host_state == PKVM_PAGE_OWNED && p->hyp_state == PKVM_NOPAGE &&
	    !p->host_share_guest_count)
		gms_hw_table_remove(pk->pages, key(pfn));
	else
		g_hash_table_insert(gms_hw_table(&pk->pages, g_free), key(pfn),
				    g_memdup2(p, sizeof(*p)));
}

struct gms_pkvm_vm *gms_pkvm_vm(const struct gms_pkvm *pk, u16 handle)
{
	return gms_hw_table_lookup(pk->vms, key(handle));
}

struct gms_guest_pte gms_pkvm_guest_pte(const struct gms_pkvm_vm *vm, u64 gfn)
{
	struct gms_guest_pte *e = g_hash_table_lookup(vm->s2, key(gfn));

	return e ? *e : (struct gms_guest_pte){ .state = PKVM_NOPAGE };
}

static void set_pte(struct gms_pkvm_vm *vm, u64 gfn, u8 state, u64 pfn)
{
	struct gms_guest_pte e = { state, pfn };

	g_hash_table_insert(vm->s2, key(gfn), g_memdup2(&e, sizeof(e)));
}

/* an absent entry is PKVM_NOPAGE (gms_pkvm_guest_pte()) */
static void clear_pte(struct gms_pkvm_vm *vm, u64 gfn)
{
	g_hash_table_remove(vm->s2, key(gfn));
}

/* a poisoned entry maps no page any more */
static void poison_pte(struct gms_pkvm_vm *vm, u64 gfn)
{
	struct gms_guest_pte e = { .state = PKVM_POISON };

	g_hash_table_insert(vm->s2, key(gfn), g_memdup2(&e, sizeof(e)));
}

/*
 * Ownership as the hypervisor keeps it, whatever the host asks: each
 * hypercall checks both sides' states before it sets both (hw_models.md
 * 3.1-3.4, 6 P1-P5). A hypercall checks the page and the guest entry it
 * touched; gms_pkvm_assert_invariants() walks everything. Whether a
 * reclaimed page was zeroed (P6) or a teardown left pages behind (P8) is
 * the caller's discipline: the spec checks, not these.
 */

/* a host stage-2 annotation names the guest entry @handle:@gfn */
static bool names(const struct gms_hyp_page *p, u16 handle, u64 gfn)
{
	return p->owner == PKVM_ID_GUEST && p->handle == handle &&
	       p->gfn == gfn;
}

/* the guest entry @p's annotation names maps @pfn in @state */
static bool named_entry_is(const struct gms_pkvm *pk,
			   const struct gms_hyp_page *p, u64 pfn, u8 state)
{
	const struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, p->handle);
	struct gms_guest_pte e;

	if (p->owner != PKVM_ID_GUEST || !vm)
		return false;
	e = gms_pkvm_guest_pte(vm, p->gfn);
	return e.state == state && e.pfn == pfn;
}

/* one page: host and hyp views agree, and a guest's page says whose it is */
static void pkvm_check_page(const struct gms_pkvm *pk, u64 pfn)
{
	struct gms_hyp_page p = gms_pkvm_page(pk, pfn);
	bool annotated = p.owner != PKVM_ID_HOST || p.handle || p.gfn;

	/* P3: only host-to-npVM shares count, and only while the host shares */
	GMS_WARN_ON(pk, p.host_share_guest_count &&
				p.host_state != PKVM_PAGE_SHARED_OWNED);
	switch (p.host_state) {
	case PKVM_PAGE_OWNED:
		/* a valid host PTE: no owner annotation left behind */
		GMS_WARN_ON(pk, annotated);
		break;
	case PKVM_PAGE_SHARED_OWNED:
		GMS_WARN_ON(pk, annotated);
		/* shared with npVMs or with hyp (FF-A is not modelled) */
		GMS_WARN_ON(pk,
			    !p.host_share_guest_count &&
				    p.hyp_state != PKVM_PAGE_SHARED_BORROWED);
		break;
	case PKVM_PAGE_SHARED_BORROWED:
		/* P2: a pVM shared back a page it owns */
		GMS_WARN_ON(pk, !named_entry_is(pk, &p, pfn,
						PKVM_PAGE_SHARED_OWNED));
		break;
	case PKVM_NOPAGE:
		/* P4, P5: hyp's own, or the guest entry the annotation names */
		if (p.owner == PKVM_ID_HYP)
			GMS_WARN_ON(pk, p.hyp_state != PKVM_PAGE_OWNED);
		else
			GMS_WARN_ON(pk, !named_entry_is(pk, &p, pfn,
							PKVM_PAGE_OWNED));
		break;
	default:
		GMS_WARN_ON(pk, 1); /* not a host state */
	}
	/* P1, P2: hyp holds a page as the host's borrower or as its sole owner */
	switch (p.hyp_state) {
	case PKVM_NOPAGE:
		break;
	case PKVM_PAGE_SHARED_BORROWED:
		GMS_WARN_ON(pk, p.host_state != PKVM_PAGE_SHARED_OWNED ||
					p.host_share_guest_count);
		break;
	case PKVM_PAGE_OWNED:
		GMS_WARN_ON(pk, p.host_state != PKVM_NOPAGE ||
					p.owner != PKVM_ID_HYP);
		break;
	default:
		GMS_WARN_ON(pk, 1); /* not a hyp state */
	}
}

/* one guest stage-2 entry: the host's view of its page agrees */
static void pkvm_check_pte(const struct gms_pkvm *pk,
			   const struct gms_pkvm_vm *vm, u64 gfn)
{
	const struct gms_guest_pte *e = g_hash_table_lookup(vm->s2, key(gfn));
	struct gms_hyp_page p;

	if (!e)
		return; /* NOPAGE */
	p = gms_pkvm_page(pk, e->pfn);
	switch (e->state) {
	case PKVM_PAGE_OWNED:
		/* P5: the host stage-2 names this entry as the page's owner */
		GMS_WARN_ON(pk, p.host_state != PKVM_NOPAGE ||
					!names(&p, vm->handle, gfn));
		break;
	case PKVM_PAGE_SHARED_OWNED:
		GMS_WARN_ON(pk, p.host_state != PKVM_PAGE_SHARED_BORROWED ||
					!names(&p, vm->handle, gfn));
		break;
	case PKVM_PAGE_SHARED_BORROWED:
		/* P3: borrowed from a host share that counts it */
		GMS_WARN_ON(pk, p.host_state != PKVM_PAGE_SHARED_OWNED ||
					!p.host_share_guest_count);
		break;
	case PKVM_POISON:
		break; /* the page went back to the host */
	default:
		GMS_WARN_ON(pk, 1); /* NOPAGE is no entry */
	}
}

static void pkvm_check_vm(const struct gms_pkvm *pk,
			  const struct gms_pkvm_vm *vm)
{
	GMS_WARN_ON(pk, !vm->handle || vm->handle > GMS_PKVM_MAX_HANDLE);
	/* only the finalize of a dying VM records it */
	GMS_WARN_ON(pk, vm->ptes_at_finalize && !vm->is_dying);
}

static guint count_of(GHashTable *counts, gconstpointer pfn)
{
	return GPOINTER_TO_UINT(g_hash_table_lookup(counts, pfn));
}

bool gms_pkvm_assert_invariants(const struct gms_pkvm *pk)
{
	g_autoptr(GHashTable) borrowers = g_hash_table_new(NULL, NULL);
	u32 bugs = pk->warn->count;
	GHashTableIter it, s2;
	gpointer k, v;

	gms_hw_table_iter_init(&it, pk->vms);
	while (gms_hw_table_iter_next(&it, pk->vms, &k, &v)) {
		const struct gms_pkvm_vm *vm = v;

		GMS_WARN_ON(pk, GPOINTER_TO_SIZE(k) != vm->handle);
		pkvm_check_vm(pk, vm);
		g_hash_table_iter_init(&s2, vm->s2);
		while (g_hash_table_iter_next(&s2, &k, &v)) {
			const struct gms_guest_pte *e = v;
			gpointer pfn = key(e->pfn);

			pkvm_check_pte(pk, vm, GPOINTER_TO_SIZE(k));
			if (e->state == PKVM_PAGE_SHARED_BORROWED)
				g_hash_table_insert(
					borrowers, pfn,
					GUINT_TO_POINTER(
						count_of(borrowers, pfn) + 1));
		}
	}
	gms_hw_table_iter_init(&it, pk->pages);
	while (gms_hw_table_iter_next(&it, pk->pages, &k, &v)) {
		const struct gms_hyp_page *p = v;

		pkvm_check_page(pk, GPOINTER_TO_SIZE(k));
		/* P3: the count is the number of npVM entries borrowing it */
		GMS_WARN_ON(pk, p->host_share_guest_count !=
					count_of(borrowers, k));
	}
	return pk->warn->count == bugs;
}

u16 pkvm_init_vm(struct gms_pkvm *pk)
{
	for (u16 h = 1; h <= GMS_PKVM_MAX_HANDLE; h++) {
		struct gms_pkvm_vm *vm;

		if (gms_pkvm_vm(pk, h))
			continue;
		vm = g_new0(struct gms_pkvm_vm, 1);
		vm->handle = h;
		vm->s2 = g_hash_table_new_full(g_direct_hash, g_direct_equal,
					       NULL, g_free);
		g_hash_table_insert(gms_hw_table(&pk->vms, vm_free), key(h),
				    vm);
		pkvm_check_vm(pk, vm);
		return h;
	}
	return 0;
}

/* A guest IPA may be mapped anew if nothing, or only a poison marker, is there. */
static bool guest_free(const struct gms_pkvm_vm *vm, u64 gfn)
{
	u8 st = gms_pkvm_guest_pte(vm, gfn).state;

	/* UNVERIFIED: a new donation replaces the poison annotation */
	return st == PKVM_NOPAGE || st == PKVM_POISON;
}

/* mirrors: __pkvm_host_share_guest() (non-protected guests) */
int __pkvm_host_share_guest(struct gms_pkvm *pk, u16 handle, u64 pfn, u64 gfn)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	struct gms_hyp_page p = gms_pkvm_page(pk, pfn);

	if (!vm)
		return -ENOENT;
	if (!guest_free(vm, gfn))
		return -EPERM;
	if (p.host_state == PKVM_PAGE_SHARED_OWNED && !p.host_share_guest_count)
		return -EPERM; /* shared with hyp or FF-A */
	if (p.host_state != PKVM_PAGE_OWNED &&
	    p.host_state != PKVM_PAGE_SHARED_OWNED)
		return -EPERM;
	if (p.host_share_guest_count == G_MAXUINT32)
		return -EBUSY;
	p.host_state = PKVM_PAGE_SHARED_OWNED;
	p.host_share_guest_count++;
	set_page(pk, pfn, &p);
	set_pte(vm, gfn, PKVM_PAGE_SHARED_BORROWED, pfn);
	pkvm_check_page(pk, pfn);
	pkvm_check_pte(pk, vm, gfn);
	return 0;
}

/* mirrors: __pkvm_host_unshare_guest() */
int __pkvm_host_unshare_guest(struct gms_pkvm *pk, u16 handle, u64 gfn)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	struct gms_guest_pte e;
	struct gms_hyp_page p;

	if (!vm)
		return -ENOENT;
	e = gms_pkvm_guest_pte(vm, gfn);
	if (e.state == PKVM_NOPAGE || e.state == PKVM_POISON)
		return -ENOENT;
	p = gms_pkvm_page(pk, e.pfn);
	if (e.state != PKVM_PAGE_SHARED_BORROWED ||
	    p.host_state != PKVM_PAGE_SHARED_OWNED || !p.host_share_guest_count)
		return -EPERM;
	if (!--p.host_share_guest_count)
		p.host_state = PKVM_PAGE_OWNED;
	set_page(pk, e.pfn, &p);
	clear_pte(vm, gfn);
	pkvm_check_page(pk, e.pfn);
	return 0;
}

/* mirrors: __pkvm_host_donate_guest() (protected guests): no zeroing */
int __pkvm_host_donate_guest(struct gms_pkvm *pk, u16 handle, u64 pfn, u64 gfn)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	struct gms_hyp_page p = gms_pkvm_page(pk, pfn);

	if (!vm)
		return -ENOENT;
	if (p.host_state != PKVM_PAGE_OWNED || !guest_free(vm, gfn))
		return -EPERM;
	p.host_state = PKVM_NOPAGE;
	p.owner = PKVM_ID_GUEST;
	p.handle = handle;
	p.gfn = gfn;
	set_page(pk, pfn, &p);
	set_pte(vm, gfn, PKVM_PAGE_OWNED, pfn);
	pkvm_check_page(pk, pfn);
	pkvm_check_pte(pk, vm, gfn);
	return 0;
}

/* mirrors: __pkvm_guest_share_host() (the guest's MEM_SHARE hypercall) */
int __pkvm_guest_share_host(struct gms_pkvm *pk, u16 handle, u64 gfn)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	struct gms_guest_pte e;
	struct gms_hyp_page p;

	if (!vm)
		return -ENOENT;
	e = gms_pkvm_guest_pte(vm, gfn);
	if (e.state == PKVM_NOPAGE)
		return -ENOENT;
	if (e.state == PKVM_POISON)
		return -EHWPOISON;
	p = gms_pkvm_page(pk, e.pfn);
	if (e.state != PKVM_PAGE_OWNED || p.host_state != PKVM_NOPAGE)
		return -EPERM;
	/* P5: an owned entry's page is annotated with it */
	GMS_WARN_ON(pk, !names(&p, handle, gfn));
	p.host_state = PKVM_PAGE_SHARED_BORROWED;
	set_page(pk, e.pfn, &p);
	set_pte(vm, gfn, PKVM_PAGE_SHARED_OWNED, e.pfn);
	pkvm_check_page(pk, e.pfn);
	pkvm_check_pte(pk, vm, gfn);
	return 0;
}

/* hyp_poison_page(): memset 0 + a clean to PoC; the caller zeroes the content */
static void poison(struct gms_pkvm *pk, u64 pfn)
{
	if (pk->skip_poison)
		g_hash_table_add(gms_hw_table(&pk->unpoisoned, NULL), key(pfn));
	else
		gms_hw_table_remove(pk->unpoisoned, key(pfn));
}

/* mirrors: __pkvm_host_reclaim_page_guest(): only from a dying VM */
int __pkvm_host_reclaim_page_guest(struct gms_pkvm *pk, u16 handle, u64 gfn,
				   u64 *pfn)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	struct gms_guest_pte e;
	struct gms_hyp_page p;

	if (!vm || !vm->is_dying)
		return -EINVAL;
	e = gms_pkvm_guest_pte(vm, gfn);
	if (e.state == PKVM_POISON)
		return 0; /* -EHWPOISON counts as done */
	p = gms_pkvm_page(pk, e.pfn);
	if (!((e.state == PKVM_PAGE_OWNED && p.host_state == PKVM_NOPAGE) ||
	      (e.state == PKVM_PAGE_SHARED_OWNED &&
	       p.host_state == PKVM_PAGE_SHARED_BORROWED)))
		return -EPERM;
	/* P2, P5: the page's annotation names the entry taken back */
	GMS_WARN_ON(pk, !names(&p, handle, gfn));
	if (e.state == PKVM_PAGE_OWNED)
		poison(pk, e.pfn);
	p = (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED,
				   .hyp_state = PKVM_NOPAGE };
	set_page(pk, e.pfn, &p);
	clear_pte(vm, gfn);
	pkvm_check_page(pk, e.pfn);
	*pfn = e.pfn;
	return 0;
}

/* mirrors: __pkvm_host_force_reclaim_page_guest(): the guest entry is poisoned */
int __pkvm_host_force_reclaim_page_guest(struct gms_pkvm *pk, u64 pfn)
{
	struct gms_hyp_page p = gms_pkvm_page(pk, pfn);
	struct gms_pkvm_vm *vm;
	struct gms_guest_pte e;
	u64 gfn;

	if (p.host_state != PKVM_NOPAGE)
		return p.host_state == PKVM_PAGE_OWNED ? -EAGAIN : -EPERM;
	if (p.owner != PKVM_ID_GUEST)
		return -EPERM;
	vm = gms_pkvm_vm(pk, p.handle);
	if (!vm)
		return -EAGAIN;
	e = gms_pkvm_guest_pte(vm, p.gfn);
	if (e.state != PKVM_PAGE_OWNED)
		return -EPERM;
	/* P5: the entry the annotation names maps this very page */
	GMS_WARN_ON(pk, e.pfn != pfn);
	poison_pte(vm, p.gfn);
	poison(pk, pfn);
	gfn = p.gfn;
	p = (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED,
				   .hyp_state = PKVM_NOPAGE };
	set_page(pk, pfn, &p);
	pkvm_check_page(pk, pfn);
	pkvm_check_pte(pk, vm, gfn);
	return 0;
}

int __pkvm_start_teardown_vm(struct gms_pkvm *pk, u16 handle)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);

	if (!vm)
		return -ENOENT;
	if (vm->refcount)
		return -EBUSY;
	if (vm->is_dying)
		return -EINVAL;
	vm->is_dying = true;
	pkvm_check_vm(pk, vm);
	return 0;
}

/* the handle can be reused from here on (P8) */
int __pkvm_finalize_teardown_vm(struct gms_pkvm *pk, u16 handle)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(pk, handle);
	GHashTableIter it;
	gpointer k, v;

	if (!vm)
		return -ENOENT;
	if (!vm->is_dying)
		return -EBUSY;
	g_hash_table_iter_init(&it, vm->s2);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (((struct gms_guest_pte *)v)->state != PKVM_POISON) {
			vm->ptes_at_finalize = true;
			pkvm_check_vm(pk, vm);
			return 0; /* the VM stays listed: checked as P8 */
		}
	gms_hw_table_remove(pk->vms, key(handle));
	return 0;
}
