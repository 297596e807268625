// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical form of a world (no kernel counterpart: the explorer's state
 * hashing, as TLC fingerprints a TLA+ state). Every field that can change
 * what a later operation does is in the form; what only reports use (names,
 * trace strings, the step's observations, counters that only grow) is not.
 * A reference emits the object's rank, the order in which the form first
 * reached it; the object's contents follow once, breadth first, so the form
 * names objects by the shape of the world and not by their allocation order.
 */
#include <string.h>

#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/state_form.h>
#include <gmemsim/task.h>

#define FP_PFN 100 /* a kind beyond enum gms_obj_kind */

struct fp_ref {
	int kind;
	u64 key; /* an object's id, a pfn, a tag */
	const void *obj; /* contents to emit; NULL for a bare id */
};

/*
 * The sink and what the form needs besides the hash. Values go straight
 * into fp's hash (gms_fp_u64(), inline); this file calls its references
 * directly, and only the model's task forms go through fp.ops.
 */
struct state_form {
	struct gms_fp fp;
	struct gms_world *w;
	struct fp_ref *refs; /* by rank */
	guint nrefs, cap;
	guint drained; /* refs before this one have had their contents */
};

static const struct gms_fp_ops state_form_ops;

static inline struct state_form *to_form(struct gms_fp *fp)
{
	return (struct state_form *)((char *)fp -
				     offsetof(struct state_form, fp));
}

struct gms_fp *gms_fp_new(void)
{
	struct state_form *f = g_new0(struct state_form, 1);

	f->fp.ops = &state_form_ops;
	f->cap = 64;
	f->refs = g_new(struct fp_ref, f->cap);
	return &f->fp;
}

void gms_fp_free(struct gms_fp *fp)
{
	if (!fp)
		return;
	g_free(to_form(fp)->refs);
	g_free(to_form(fp));
}

void gms_fp_begin(struct gms_fp *fp, struct gms_world *w)
{
	struct state_form *f = to_form(fp);

	f->w = w;
	fp->h = 0;
	fp->n = 0;
	f->nrefs = 0;
	f->drained = 0;
}

/* Raw bytes of a flat structure, a word at a time. */
static void fp_bytes(struct gms_fp *fp, const void *p, size_t len)
{
	const u8 *b = p;

	gms_fp_u64(fp, len);
	for (; len >= 8; b += 8, len -= 8) {
		u64 v;

		memcpy(&v, b, 8);
		gms_fp_u64(fp, v);
	}
	if (len) {
		u64 v = 0;

		memcpy(&v, b, len);
		gms_fp_u64(fp, v);
	}
}

/* The rank of (kind, key), made on first sight; +1 so 0 means "none". */
static void ref(struct gms_fp *fp, int kind, u64 key, const void *obj)
{
	struct state_form *f = to_form(fp);
	struct fp_ref *r = f->refs;

	/* a world has tens of objects and pages: a scan beats a hash */
	for (guint i = 0; i < f->nrefs; i++) {
		if (r[i].key != key || r[i].kind != kind)
			continue;
		if (!r[i].obj && obj) /* first seen by id, now by pointer */
			r[i].obj = obj;
		gms_fp_u64(fp, i + 1);
		return;
	}
	if (f->nrefs == f->cap) {
		f->cap *= 2;
		f->refs = g_renew(struct fp_ref, f->refs, f->cap);
	}
	f->refs[f->nrefs++] = (struct fp_ref){ kind, key, obj };
	gms_fp_u64(fp, f->nrefs);
}

static u64 obj_key(enum gms_obj_kind kind, const void *obj)
{
	switch (kind) {
	case GMS_OBJ_KVM:
		return ((const struct gms_kvm *)obj)->id;
	case GMS_OBJ_FILE:
		return ((const struct gms_gmem_file *)obj)->id;
	case GMS_OBJ_INODE:
		return ((const struct gms_gmem_inode *)obj)->id;
	case GMS_OBJ_SLOT:
		return ((const struct gms_memslot *)obj)->uid;
	case GMS_OBJ_VMA:
		return ((const struct gms_vma *)obj)->id;
	default:
		return (uintptr_t)obj;
	}
}

static void fp_obj(struct gms_fp *fp, enum gms_obj_kind kind, const void *obj)
{
	if (!obj) {
		gms_fp_u64(fp, 0); /* no object: ranks start at 1 */
		return;
	}
	ref(fp, kind, obj_key(kind, obj), obj);
}

static void fp_vm_id(struct gms_fp *fp, u32 id)
{
	if (id == GMS_PRINCIPAL_HOST) {
		gms_fp_u64(fp, 0);
		return;
	}
	/* a VM known by id only (a writer, an owner): its rank, no contents */
	ref(fp, GMS_OBJ_KVM, id, NULL);
}

static void fp_pfn(struct gms_fp *fp, u64 pfn)
{
	ref(fp, FP_PFN, pfn, GSIZE_TO_POINTER(1));
}

static void fp_tag(struct gms_fp *fp, u64 tag)
{
	/* zero and ciphertext are values; a scenario's tags are only names */
	if (tag < GMS_TAG_BASE || tag == GMS_TAG_SCRAMBLED) {
		gms_fp_u64(fp, 0);
		gms_fp_u64(fp, tag);
		return;
	}
	ref(fp, GMS_OBJ_TAG, tag, NULL);
}

static void fp_addr(struct gms_fp *fp, u64 addr)
{
	struct gms_vma *vma = addr ? gms_mm_find_vma(to_form(fp)->w, addr) :
				     NULL;

	if (!vma) { /* never reused (mmap_base only grows): a hole stays one */
		gms_fp_u64(fp, 0);
		gms_fp_u64(fp, addr);
		return;
	}
	fp_obj(fp, GMS_OBJ_VMA, vma);
	gms_fp_u64(fp, addr - vma->start);
}

static void fp_fd(struct gms_fp *fp, int fd)
{
	struct gms_fd *e = fd >= 0 ? gms_fd_get(to_form(fp)->w, fd) : NULL;

	if (!e) {
		gms_fp_u64(fp, fd < 0 ? 0 : 1);
		return;
	}
	gms_fp_u64(fp, 2 + e->kind);
	if (e->kind == GMS_FD_VM)
		fp_obj(fp, GMS_OBJ_KVM, e->obj);
	else if (e->kind == GMS_FD_GMEM)
		fp_obj(fp, GMS_OBJ_FILE, e->obj);
	else if (e->kind == GMS_FD_MEMFD)
		gms_fp_u64(fp, e->size);
}

static void fp_lock_obj(struct gms_fp *fp, enum gms_lock_class class,
			const void *obj)
{
	gms_fp_u64(fp, class);
	if (class == GMS_LOCK_INVALIDATE)
		fp_obj(fp, GMS_OBJ_INODE, obj);
	else if (class == GMS_LOCK_FOLIO)
		gms_fp_u64(fp, (uintptr_t)obj); /* never taken across steps */
	else
		fp_obj(fp, GMS_OBJ_KVM, obj);
}

/* @kind: what the values point to; GMS_OBJ_TAG: they are plain values */
static void fp_ranges(struct gms_fp *fp, const struct gms_range_map *m,
		      enum gms_obj_kind kind)
{
	const struct gms_range *r = NULL;

	gms_fp_u64(fp, gms_range_map_count(m));
	while ((r = gms_range_map_next(m, r))) {
		gms_fp_u64(fp, r->start);
		gms_fp_u64(fp, r->end);
		if (kind == GMS_OBJ_TAG) /* a plain value */
			gms_fp_u64(fp, r->val);
		else
			fp_obj(fp, kind, (const void *)r->val);
	}
}

static gboolean fp_spte(gpointer key, gpointer value, gpointer data)
{
	struct gms_fp *fp = data;
	const struct gms_spte *s = value;

	(void)key;
	gms_fp_u64(fp, s->gfn);
	fp_pfn(fp, s->pfn);
	/* the leaf's level: a 2M leaf and 512 4K ones are different states */
	gms_fp_u64(fp, s->private | s->source << 1 | (u64)s->level << 8);
	if (s->source == GMS_SPTE_GMEM) {
		fp_obj(fp, GMS_OBJ_INODE, s->inode);
		gms_fp_u64(fp, s->index);
	} else {
		fp_addr(fp, s->hva);
	}
	ref(fp, GMS_OBJ_SLOT, s->slot_uid, NULL);
	return FALSE;
}

static gint key_cmp(gconstpointer a, gconstpointer b)
{
	gsize x = GPOINTER_TO_SIZE(a), y = GPOINTER_TO_SIZE(b);

	return x < y ? -1 : x > y;
}

static void fp_td(struct gms_fp *fp, const struct gms_td *td)
{
	GList *keys, *k;

	gms_fp_u64(fp, td->life | td->op_state << 4);
	gms_fp_u64(fp, td->hkid);
	gms_fp_u64(fp, td->chldcnt);
	gms_fp_u64(fp, td->td_epoch);
	gms_fp_u64(fp, td->assoc_vcpus | (u64)td->leaves_at_freeid << 32);
	keys = g_list_sort(g_hash_table_get_keys(td->sept), key_cmp);
	gms_fp_u64(fp, g_hash_table_size(td->sept));
	for (k = keys; k; k = k->next) {
		const struct gms_sept_entry *e =
			g_hash_table_lookup(td->sept, k->data);

		gms_fp_u64(fp, GPOINTER_TO_SIZE(k->data));
		gms_fp_u64(fp, e->state | (u64)e->level << 8);
		fp_pfn(fp, e->hpa_pfn);
	}
	g_list_free(keys);
	/* the 2M ranges with a 4K S-EPT page: where no 2M leaf may come back */
	keys = td->sept_pt ? g_list_sort(g_hash_table_get_keys(td->sept_pt),
					 key_cmp) :
			     NULL;
	gms_fp_u64(fp, g_list_length(keys));
	gms_fp_u64(fp, td->guest_locked);
	for (k = keys; k; k = k->next)
		gms_fp_u64(fp, GPOINTER_TO_SIZE(k->data));
	g_list_free(keys);
}

static void fp_pkvm_vm(struct gms_fp *fp, const struct gms_pkvm_vm *vm)
{
	GList *keys = g_list_sort(g_hash_table_get_keys(vm->s2), key_cmp);

	gms_fp_u64(fp, vm->is_dying | vm->ptes_at_finalize << 1);
	gms_fp_u64(fp, vm->refcount);
	gms_fp_u64(fp, g_list_length(keys));
	for (GList *k = keys; k; k = k->next) {
		const struct gms_guest_pte *e =
			g_hash_table_lookup(vm->s2, k->data);

		gms_fp_u64(fp, GPOINTER_TO_SIZE(k->data));
		gms_fp_u64(fp, e->state);
		/* a poisoned entry maps no page: its pfn would name frame 0 */
		if (e->state != PKVM_POISON)
			fp_pfn(fp, e->pfn);
	}
	g_list_free(keys);
}

/*
 * pfn 0 is a page like any, so arch_page == 0 does not mean "none": an SNP
 * VM's context page goes with its ASID (the source of a context move keeps
 * neither), a TD's TDR stays its own, and no other type has one.
 */
static bool has_context_page(const struct gms_kvm *kvm)
{
	switch (kvm->arch->type) {
	case GMS_VM_SNP:
		return kvm->arch_id != 0;
	case GMS_VM_TDX:
		return true;
	default:
		return false;
	}
}

static void fp_kvm(struct gms_fp *fp, const struct gms_kvm *kvm)
{
	const GPtrArray *slots = kvm->memslots[0];
	struct gms_hw *hw = &to_form(fp)->w->hw;

	fp_vm_id(fp, kvm->guest);
	gms_fp_u64(fp, kvm->arch->type);
	gms_fp_u64(fp, kvm->arch_id);
	if (has_context_page(kvm))
		fp_pfn(fp, kvm->arch_page);
	else
		gms_fp_u64(fp, 0); /* no context page: no rank is 0 */
	gms_fp_u64(fp, kvm->users_count);
	gms_fp_u64(fp, kvm->state | kvm->fd_open << 4 | kvm->freed << 5);
	gms_fp_u64(fp, kvm->mmu_invalidate_in_progress);
	gms_fp_u64(fp, slots ? slots->len : 0);
	for (guint i = 0; slots && i < slots->len; i++)
		fp_obj(fp, GMS_OBJ_SLOT, slots->pdata[i]);
	fp_ranges(fp, &kvm->mem_attr, GMS_OBJ_TAG);
	/* the tree lives as long as the struct kvm (kvm_main.c, world.c) */
	gms_fp_u64(fp, g_tree_nnodes(kvm->sptes));
	g_tree_foreach(kvm->sptes, fp_spte, fp);
	/* its hardware context: a TD by its TDR, a pKVM VM by its handle */
	if (kvm->arch->type == GMS_VM_TDX) {
		const struct gms_td *td = gms_tdx_td(&hw->tdx, kvm->arch_page);

		if (td)
			fp_td(fp, td);
	}
	if (kvm->arch->type == GMS_VM_PKVM) {
		const struct gms_pkvm_vm *vm =
			gms_pkvm_vm(&hw->pkvm, (u16)kvm->arch_id);

		if (vm)
			fp_pkvm_vm(fp, vm);
	}
}

static void fp_slot(struct gms_fp *fp, const struct gms_memslot *s)
{
	gms_fp_u64(fp, s->id | (u64)s->as_id << 16);
	fp_obj(fp, GMS_OBJ_KVM, s->kvm);
	gms_fp_u64(fp, s->base_gfn);
	gms_fp_u64(fp, s->npages);
	fp_addr(fp, s->userspace_addr);
	gms_fp_u64(fp, s->flags | (u64)s->invalid << 32 | (u64)s->freed << 33);
	fp_obj(fp, GMS_OBJ_FILE, s->gmem.file);
	gms_fp_u64(fp, s->gmem.pgoff);
}

static void fp_file(struct gms_fp *fp, const struct gms_gmem_file *f)
{
	fp_obj(fp, GMS_OBJ_KVM, f->kvm);
	fp_vm_id(fp, f->owner_id);
	fp_obj(fp, GMS_OBJ_INODE, f->inode);
	fp_ranges(fp, &f->bindings, GMS_OBJ_SLOT);
	gms_fp_u64(fp, f->f_count);
	gms_fp_u64(fp, f->dying | f->freed << 1);
}

static void fp_folio(struct gms_fp *fp, const struct gms_folio *f)
{
	gms_fp_u64(fp, f->index);
	fp_pfn(fp, f->pfn);
	gms_fp_u64(fp, f->uptodate | f->hwpoison << 1 | f->order << 2 |
			       (u64)f->huge_order << 10);
	/* hugetlb=allowed: every page of a huge folio, not just its head */
	for (u64 i = 1; i < gms_folio_nr_pages(f); i++)
		fp_pfn(fp, f->pfn + i);
}

static void fp_inode(struct gms_fp *fp, const struct gms_gmem_inode *inode)
{
	const struct gms_folio *folio;

	gms_fp_u64(fp, inode->size);
	gms_fp_u64(fp, inode->flags);
	gms_fp_u64(fp, inode->i_count | (u64)inode->freed << 32);
	gms_fp_u64(fp, gms_page_cache_count(&inode->pages));
	gms_page_cache_for_each(&inode->pages, folio, 0, G_MAXUINT64)
		fp_folio(fp, folio);
	gms_fp_u64(fp, g_list_length(inode->files));
	for (GList *l = inode->files; l; l = l->next)
		fp_obj(fp, GMS_OBJ_FILE, l->data);
	/* converted to all-private differs from never converted (INIT_SHARED) */
	gms_fp_u64(fp, inode->shared_valid);
	fp_ranges(fp, &inode->shared, GMS_OBJ_TAG);
	/* hugetlb=allowed: the order, its subpool, st_blocks, folio-state */
	gms_fp_u64(fp, inode->page_order | inode->restructured_referenced << 8);
	gms_fp_u64(fp, inode->restructured_index);
	gms_fp_u64(fp, inode->i_bytes);
	if (inode->spool)
		gms_fp_u64(fp, inode->spool->used_hpages);
}

static gboolean fp_pte(gpointer key, gpointer value, gpointer data)
{
	struct gms_fp *fp = data;
	const struct gms_pte *p = value;

	(void)key;
	gms_fp_u64(fp, p->page);
	fp_pfn(fp, p->pfn);
	return FALSE;
}

static void fp_vma(struct gms_fp *fp, const struct gms_vma *vma)
{
	gms_fp_u64(fp, vma->end - vma->start);
	gms_fp_u64(fp, vma->kind | vma->prot << 2 | (u64)vma->freed << 8);
	fp_obj(fp, GMS_OBJ_FILE, vma->file);
	gms_fp_u64(fp, vma->pgoff);
	/* the tree lives as long as the VMA's shell (mm.c) */
	gms_fp_u64(fp, g_tree_nnodes(vma->ptes));
	g_tree_foreach(vma->ptes, fp_pte, fp);
}

static gconstpointer hw_lookup(GHashTable *t, u64 pfn)
{
	return gms_hw_table_lookup(t, GSIZE_TO_POINTER(pfn));
}

/* A page: its content and every hardware table's entry for it. */
static void fp_page(struct gms_fp *fp, u64 pfn)
{
	struct gms_world *w = to_form(fp)->w;
	const struct gms_page *p = pfn < w->physmem.pages->len ?
					   gms_physmem_page(&w->physmem, pfn) :
					   NULL;
	const struct gms_rmp_entry *rmp = hw_lookup(w->hw.rmp.entries, pfn);
	const struct gms_pamt_entry *pamt = hw_lookup(w->hw.tdx.pamt, pfn);
	const struct gms_hyp_page *hyp = hw_lookup(w->hw.pkvm.pages, pfn);

	/*
	 * Every pfn the form reaches is one physmem handed out: a record that
	 * names a frame beyond it names a frame by number (as a fault's
	 * unsampled pfn 0 once did), which splits states by allocation order.
	 */
	if (GMS_WARN_ON(w, !p)) {
		gms_fp_u64(fp, 0); /* no page: a page's record starts at 1 */
		return;
	}
	gms_fp_u64(fp, 1 + p->use);
	fp_tag(fp, p->tag);
	fp_vm_id(fp, p->writer);
	gms_fp_u64(fp, p->private_data | p->measured << 1 | p->direct_map << 2);
	gms_fp_u64(fp, p->key);
	gms_fp_u64(fp, p->refcount);
	gms_fp_u64(fp, p->mapcount | (u64)p->pincount << 32);
	gms_fp_u64(fp, p->huge_order);
	if (rmp) {
		gms_fp_u64(fp, 1 | rmp->assigned << 1 | rmp->pagesize << 2 |
				       rmp->immutable << 3 |
				       rmp->validated << 4 | rmp->vmsa << 5 |
				       rmp->reclaimed << 6);
		gms_fp_u64(fp, rmp->asid);
		gms_fp_u64(fp, rmp->gpa);
	} else {
		/* a present entry's head is odd */
		gms_fp_u64(fp, 0); /* no RMP entry */
	}
	if (pamt) {
		gms_fp_u64(fp, 1 + pamt->pt);
		/* a TDR at pfn 0 owns pages too: only an NDA page has none */
		if (pamt->pt != PT_NDA)
			fp_pfn(fp, pamt->owner);
		else
			gms_fp_u64(fp, 0);
		gms_fp_u64(fp, pamt->bepoch | (u64)pamt->size << 60);
	} else {
		/* a present entry's head is 1 + its page type */
		gms_fp_u64(fp, 0); /* no PAMT entry */
	}
	gms_fp_u64(fp, GPOINTER_TO_UINT(hw_lookup(w->hw.tdx.dirty, pfn)));
	gms_fp_u64(fp, (u64)gms_hw_table_contains(w->hw.tdx.poisoned,
						  GSIZE_TO_POINTER(pfn)) |
			       (u64)gms_hw_table_contains(w->hw.pkvm.unpoisoned,
							  GSIZE_TO_POINTER(pfn))
				       << 1);
	if (hyp) {
		gms_fp_u64(fp, 1 + hyp->host_state);
		gms_fp_u64(fp, hyp->hyp_state | hyp->owner << 8);
		gms_fp_u64(fp, hyp->host_share_guest_count);
		gms_fp_u64(fp, hyp->handle);
		gms_fp_u64(fp, hyp->gfn);
	} else {
		/* a present entry's head is 1 + its host state */
		gms_fp_u64(fp, 0); /* no pKVM page entry */
	}
}

/* Emit the contents of every object referenced so far, breadth first. */
static void drain(struct gms_fp *fp)
{
	struct state_form *f = to_form(fp);

	while (f->drained < f->nrefs) {
		struct fp_ref r = f->refs[f->drained++];

		if (!r.obj)
			continue;
		switch (r.kind) {
		case GMS_OBJ_KVM:
			fp_kvm(fp, r.obj);
			break;
		case GMS_OBJ_FILE:
			fp_file(fp, r.obj);
			break;
		case GMS_OBJ_INODE:
			fp_inode(fp, r.obj);
			break;
		case GMS_OBJ_SLOT:
			fp_slot(fp, r.obj);
			break;
		case GMS_OBJ_VMA:
			fp_vma(fp, r.obj);
			break;
		case FP_PFN:
			fp_page(fp, r.key);
			break;
		}
	}
}

static gboolean fp_vma_ref(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	fp_obj(data, GMS_OBJ_VMA, value);
	return FALSE;
}

static void fp_lock_ctx(struct gms_fp *fp, const struct gms_lock_ctx *c)
{
	gms_fp_u64(fp, c->held ? c->held->len : 0);
	for (guint i = 0; c->held && i < c->held->len; i++) {
		const struct gms_lock_held *h =
			&g_array_index(c->held, struct gms_lock_held, i);

		fp_lock_obj(fp, h->class, h->obj);
		gms_fp_u64(fp, h->mode);
	}
	gms_fp_u64(fp, c->blocked);
	/*
	 * What a blocked context waits for, as a deadlock search reads it
	 * (waits_for()); not the mode it asked in, which nothing reads: its
	 * step asks again when it runs.
	 */
	if (c->blocked)
		fp_lock_obj(fp, c->waiting.class, c->waiting.obj);
}

/* What `finish` reports of a finished task (task_result()). */
static void fp_task_result(struct gms_fp *fp, const struct gms_task *t)
{
	gms_fp_u64(fp, (u64)(s64)t->ret);
	gms_fp_u64(fp, t->exit.reason);
	if (t->exit.reason) {
		gms_fp_u64(fp, t->exit.flags);
		gms_fp_u64(fp, t->exit.gpa);
		gms_fp_u64(fp, t->exit.size);
	}
	gms_fp_u64(fp, t->has_value);
	if (t->has_value) /* what a read returned: a tag, named by rank */
		fp_tag(fp, t->value);
	gms_fp_u64(fp, t->has_offset ? t->offset + 1 : 0);
}

static void fp_task(struct gms_fp *fp, const struct gms_task *t)
{
	gms_fp_u64(fp, t->done);
	if (t->done) { /* only its result is left, for `finish` */
		fp_task_result(fp, t);
		return;
	}
	gms_fp_u64(fp, (uintptr_t)t->ops); /* static: the same in every world */
	gms_fp_u64(fp, t->step);
	fp_lock_ctx(fp, &t->lock);
	if (t->ops->fingerprint)
		t->ops->fingerprint(fp, t);
	else /* an operation that cannot say what it holds is never merged */
		gms_fp_u64(fp, (uintptr_t)t);
}

/* Sorted raw keys of @t that the form has not reached: leaked entries. */
static void fp_unreached_pfns(struct gms_fp *fp, GHashTable *t)
{
	GList *keys;

	if (!t)
		return;
	keys = g_list_sort(g_hash_table_get_keys(t), key_cmp);
	for (GList *k = keys; k; k = k->next)
		fp_pfn(fp, GPOINTER_TO_SIZE(k->data));
	g_list_free(keys);
	drain(fp);
}

static const struct gms_fp_ops state_form_ops = {
	.obj = fp_obj,
	.vm_id = fp_vm_id,
	.pfn = fp_pfn,
	.addr = fp_addr,
	.fd = fp_fd,
	.tag = fp_tag,
	.lock_obj = fp_lock_obj,
};

/*
 * The hugetlb pool: reserved pages, the free huge pages (the next
 * allocation takes the last), and the split pieces freed per huge page
 */
static void fp_hugetlb_pool(struct gms_fp *fp, struct gms_world *w)
{
	const struct gms_hugetlb_pool *pool = &w->hugetlb;
	GHashTableIter it;
	gpointer k, v;
	u64 waiting = 0;

	gms_fp_u64(fp, w->physmem.reserved);
	gms_fp_u64(fp, pool->free->len);
	for (guint i = 0; i < pool->free->len; i++) {
		fp_pfn(fp, g_array_index(pool->free, u64, i));
		gms_fp_u64(fp, g_array_index(pool->free_order, u8, i));
	}
	gms_fp_u64(fp, g_hash_table_size(pool->pages));
	/* order-free: a sum over the huge pages of their pieces freed */
	g_hash_table_iter_init(&it, pool->pages);
	while (g_hash_table_iter_next(&it, &k, &v))
		waiting += ((const struct gms_hugetlb_page *)v)->nr_freed;
	gms_fp_u64(fp, waiting);
}

u64 gms_fp_finish(struct gms_fp *fp)
{
	struct gms_world *w = to_form(fp)->w;
	struct gms_physmem *pm = &w->physmem;

	drain(fp);
	/* open fds no name reaches still hold their objects */
	for (guint fd = 0; fd < w->fds->len; fd++)
		if (g_array_index(w->fds, struct gms_fd, fd).kind !=
		    GMS_FD_CLOSED)
			fp_fd(fp, fd);
	for (GList *l = w->vms; l; l = l->next)
		fp_obj(fp, GMS_OBJ_KVM, l->data);
	for (GList *l = w->inodes; l; l = l->next)
		fp_obj(fp, GMS_OBJ_INODE, l->data);
	g_tree_foreach(w->mm.vmas, fp_vma_ref, fp);
	gms_fp_u64(fp, w->mm.pins->len);
	for (guint i = 0; i < w->mm.pins->len; i++) {
		const struct gms_pin *p =
			&g_array_index(w->mm.pins, struct gms_pin, i);

		fp_addr(fp, p->addr);
		fp_pfn(fp, p->pfn);
	}
	drain(fp);
	/* free pages keep their remnants, and the next allocation takes the top */
	gms_fp_u64(fp, pm->nr_allocated);
	gms_fp_u64(fp, pm->free_list->len);
	for (guint i = 0; i < pm->free_list->len; i++)
		fp_pfn(fp, g_array_index(pm->free_list, u64, i));
	drain(fp); /* the free pages' records */
	fp_hugetlb_pool(fp, w);
	drain(fp); /* the pool's pages' records */
	gms_fp_u64(fp, w->tasks->len);
	for (guint i = 0; i < w->tasks->len; i++)
		fp_task(fp, w->tasks->pdata[i]);
	fp_lock_ctx(fp, &w->sync);
	gms_fp_u64(fp, w->lockdep.locks->len);
	for (guint i = 0; i < w->lockdep.locks->len; i++) {
		const struct gms_lock *l =
			&g_array_index(w->lockdep.locks, struct gms_lock, i);

		fp_lock_obj(fp, l->class, l->obj);
		gms_fp_u64(fp, l->owner);
		gms_fp_u64(fp, l->readers);
	}
	for (int c = 0; c < GMS_LOCK_NR; c++)
		gms_fp_u64(fp, w->lockdep.after[c]);
	gms_fp_u64(fp, w->task_work ? w->task_work->len : 0);
	for (guint i = 0; w->task_work && i < w->task_work->len; i++)
		fp_obj(fp, GMS_OBJ_FILE, w->task_work->pdata[i]);
	drain(fp);
	/* hardware state no object reaches (what a teardown leaked) */
	fp_unreached_pfns(fp, w->hw.rmp.entries);
	fp_unreached_pfns(fp, w->hw.tdx.pamt);
	fp_unreached_pfns(fp, w->hw.tdx.dirty);
	fp_unreached_pfns(fp, w->hw.pkvm.pages);
	fp_bytes(fp, &w->hw.snp, offsetof(struct gms_snp_asids, df_flushes));
	/* another processor in a 2M RMP region (PSMASH_FAIL_INUSE to come) */
	gms_fp_u64(fp, w->hw.rmp.inuse_pfn);
	gms_fp_u64(fp, w->hw.rmp.inuse_count);
	fp_bytes(fp, w->hw.tdx.kot, sizeof(w->hw.tdx.kot));
	fp_bytes(fp, w->hw.tdx.wbinvd_pending,
		 sizeof(w->hw.tdx.wbinvd_pending));
	gms_fp_u64(fp, w->warn_log.count);
	return gms_fp_mix(fp->h ^ gms_fp_mix(fp->n));
}
