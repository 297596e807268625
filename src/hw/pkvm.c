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

	if (state == PKVM_NOPAGE)
		g_hash_table_remove(vm->s2, key(gfn));
	else
		g_hash_table_insert(vm->s2, key(gfn), g_memdup2(&e, sizeof(e)));
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
	set_pte(vm, gfn, PKVM_NOPAGE, 0);
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
	p.host_state = PKVM_PAGE_SHARED_BORROWED;
	set_page(pk, e.pfn, &p);
	set_pte(vm, gfn, PKVM_PAGE_SHARED_OWNED, e.pfn);
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
	if (e.state == PKVM_PAGE_OWNED)
		poison(pk, e.pfn);
	p = (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED,
				   .hyp_state = PKVM_NOPAGE };
	set_page(pk, e.pfn, &p);
	set_pte(vm, gfn, PKVM_NOPAGE, 0);
	*pfn = e.pfn;
	return 0;
}

/* mirrors: __pkvm_host_force_reclaim_page_guest(): the guest entry is poisoned */
int __pkvm_host_force_reclaim_page_guest(struct gms_pkvm *pk, u64 pfn)
{
	struct gms_hyp_page p = gms_pkvm_page(pk, pfn);
	struct gms_pkvm_vm *vm;

	if (p.host_state != PKVM_NOPAGE)
		return p.host_state == PKVM_PAGE_OWNED ? -EAGAIN : -EPERM;
	if (p.owner != PKVM_ID_GUEST)
		return -EPERM;
	vm = gms_pkvm_vm(pk, p.handle);
	if (!vm)
		return -EAGAIN;
	if (gms_pkvm_guest_pte(vm, p.gfn).state != PKVM_PAGE_OWNED)
		return -EPERM;
	set_pte(vm, p.gfn, PKVM_POISON, 0);
	poison(pk, pfn);
	p = (struct gms_hyp_page){ .host_state = PKVM_PAGE_OWNED,
				   .hyp_state = PKVM_NOPAGE };
	set_page(pk, pfn, &p);
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
			return 0; /* the VM stays listed: checked as P8 */
		}
	gms_hw_table_remove(pk->vms, key(handle));
	return 0;
}
