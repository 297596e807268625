// SPDX-License-Identifier: GPL-2.0
/* use-after-free and binding: gmem_uapi.md 1.2-1.4, bugs #1 and #2 of section 5. */
#include <stdlib.h>

#include <gmemsim/hw_table.h>

#include "check_internal.h"

static struct gms_violation *uaf(GPtrArray *out, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);

static struct gms_violation *uaf(GPtrArray *out, const char *fmt, ...)
{
	struct gms_violation *v;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	v = gms_violation_add(out, "use-after-free", "%s", msg);
	g_free(msg);
	return v;
}

static void check_slot_file(struct gms_world *w, struct gms_memslot *slot,
			    GPtrArray *out)
{
	struct gms_gmem_file *f = slot->gmem.file;
	char *s, *fs;

	if (!f || !f->freed)
		return;
	s = gms_describe_slot(w, slot);
	fs = gms_describe(w, GMS_OBJ_FILE, f->id);
	gms_violation_object(uaf(out, "(memslot->file) %s points at freed %s",
				 s, fs),
			     "%s", fs);
	g_free(s);
	g_free(fs);
}

static void check_binding_target(struct gms_world *w, struct gms_gmem_file *f,
				 const struct gms_range *r, GPtrArray *out)
{
	struct gms_memslot *slot = (struct gms_memslot *)r->val;
	char *fs, *s;

	if (!slot->freed && slot->gmem.file == f)
		return;
	fs = gms_describe(w, GMS_OBJ_FILE, f->id);
	s = slot->freed ? gms_describe(w, GMS_OBJ_SLOT, slot->uid) :
			  gms_describe_slot(w, slot);
	if (slot->freed)
		uaf(out,
		    "(binding->memslot) %s binds freed %s at [%" G_GUINT64_FORMAT
		    ", %" G_GUINT64_FORMAT ")",
		    fs, s, r->start, r->end);
	else
		uaf(out,
		    "(binding symmetry) %s binds %s, which points elsewhere",
		    fs, s);
	g_free(fs);
	g_free(s);
}

static void check_file(struct gms_world *w, struct gms_gmem_file *f,
		       GPtrArray *out)
{
	const struct gms_range *r;
	char *fs;

	if (f->freed || (f->kvm && f->kvm->freed)) {
		fs = gms_describe(w, GMS_OBJ_FILE, f->id);
		uaf(out, "(file->kvm) %s on an inode's list is %s", fs,
		    f->freed ? "freed" : "pinning a freed VM");
		g_free(fs);
		return;
	}
	for (r = gms_range_map_next(&f->bindings, NULL); r;
	     r = gms_range_map_next(&f->bindings, r))
		check_binding_target(w, f, r, out);
}

static void check_slots(struct gms_world *w, struct gms_kvm *kvm,
			GPtrArray *out)
{
	for (guint i = 0; i < kvm->memslots[0]->len; i++)
		check_slot_file(w, g_ptr_array_index(kvm->memslots[0], i), out);
}

static void check_fd(struct gms_world *w, guint fd, GPtrArray *out)
{
	struct gms_fd *e = &g_array_index(w->fds, struct gms_fd, fd);
	bool freed =
		(e->kind == GMS_FD_VM && ((struct gms_kvm *)e->obj)->freed) ||
		(e->kind == GMS_FD_GMEM &&
		 ((struct gms_gmem_file *)e->obj)->freed);

	if (freed)
		uaf(out, "(fd) fd %u refers to a freed object", fd);
}

void gms_check_use_after_free_in(struct gms_world *w,
				 const struct gms_scope *sc, GPtrArray *out)
{
	gms_for_each_kvm(w, sc, check_slots, out);
	if (sc) {
		for (guint i = 0; i < sc->files->len; i++)
			check_file(w, sc->files->pdata[i], out);
		for (guint i = 0; i < sc->fds->len; i++)
			check_fd(w, g_array_index(sc->fds, int, i), out);
		return;
	}
	for (GList *l = w->inodes; l; l = l->next)
		for (GList *f = ((struct gms_gmem_inode *)l->data)->files; f;
		     f = f->next)
			check_file(w, f->data, out);
	for (guint fd = 0; fd < w->fds->len; fd++)
		check_fd(w, fd, out);
}

void gms_check_use_after_free(struct gms_world *w, GPtrArray *out)
{
	gms_check_use_after_free_in(w, NULL, out);
}

struct claim {
	struct gms_gmem_file *file;
	u64 start, end;
	struct gms_memslot *slot;
};

static gint claim_cmp(gconstpointer a, gconstpointer b)
{
	const struct claim *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* a total order: qsort() of any subset keeps the full walk's order */
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->slot->uid < y->slot->uid ? -1 : x->slot->uid > y->slot->uid;
}

static void check_claim(struct gms_world *w, const struct claim *c,
			GPtrArray *out)
{
	u64 pages = c->file->inode->size >> GMS_PAGE_SHIFT;
	bool outside = c->end > pages || c->end < c->start;
	/* cross-VM bindings are what the other bind= policies allow on purpose */
	bool foreign = c->slot->kvm != c->file->kvm &&
		       w->policy.bind != GMS_BIND_UNRESTRICTED;
	struct gms_violation *v;
	char *s, *fs;

	if (!outside && !foreign)
		return;
	s = gms_describe_slot(w, c->slot);
	fs = gms_describe(w, GMS_OBJ_FILE, c->file->id);
	if (outside) {
		v = gms_violation_add(
			out, "binding",
			"(inside the file) %s binds pages [%" G_GUINT64_FORMAT
			", %" G_GUINT64_FORMAT
			") of %s, which has %" G_GUINT64_FORMAT,
			s, c->start, c->end, fs, pages);
		gms_violation_object(v, "%s", s);
	}
	if (foreign) {
		v = gms_violation_add(
			out, "binding",
			"(own VM) %s of another VM is bound to %s", s, fs);
		gms_violation_object(v, "%s", s);
	}
	g_free(s);
	g_free(fs);
}

/* A memslot of a live VM, on its list (not freed, not yet unpublished). */
static bool slot_published(const struct gms_memslot *s)
{
	GPtrArray *slots = s->kvm->memslots[0];

	if (s->freed || !s->kvm->vm_list || s->as_id)
		return false;
	for (guint i = 0; i < slots->len; i++)
		if (slots->pdata[i] == s)
			return true;
	return false;
}

/* The live bindings of the memslots that point at @sc's files. */
static guint collect_scope_claims(struct gms_world *w,
				  const struct gms_scope *sc, struct claim *c,
				  guint cap)
{
	GHashTableIter it, si;
	gpointer f, s;
	guint n = 0;

	gms_hw_table_iter_init(&it, sc->claim_files);
	while (gms_hw_table_iter_next(&it, sc->claim_files, &f, NULL)) {
		GHashTable *slots = gms_hw_table_lookup(w->dirty.file_slots, f);

		if (!slots || ((struct gms_gmem_file *)f)->freed)
			continue;
		g_hash_table_iter_init(&si, slots);
		while (g_hash_table_iter_next(&si, &s, NULL)) {
			struct gms_memslot *slot = s;

			if (slot->gmem.file != f || !slot_published(slot))
				continue;
			if (n < cap)
				c[n] = (struct claim){ f, slot->gmem.pgoff,
						       slot->gmem.pgoff +
							       slot->npages,
						       slot };
			n++;
		}
	}
	return n;
}

/* The live bindings of every memslot, up to @cap of them; returns how many. */
static guint collect_claims(struct gms_world *w, const struct gms_scope *sc,
			    struct claim *c, guint cap)
{
	guint n = 0;

	if (sc)
		return collect_scope_claims(w, sc, c, cap);
	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;

		for (guint i = 0; i < kvm->memslots[0]->len; i++) {
			struct gms_memslot *s =
				g_ptr_array_index(kvm->memslots[0], i);

			if (!s->gmem.file || s->gmem.file->freed)
				continue;
			if (n < cap)
				c[n] = (struct claim){
					s->gmem.file, s->gmem.pgoff,
					s->gmem.pgoff + s->npages, s
				};
			n++;
		}
	}
	return n;
}

void gms_check_binding_in(struct gms_world *w, const struct gms_scope *sc,
			  GPtrArray *out)
{
	/* sorted by file and offset, neighbours are the only overlap to test */
	struct claim small[16], *c = small;
	guint n = collect_claims(w, sc, small, G_N_ELEMENTS(small));

	if (n > G_N_ELEMENTS(small)) {
		c = g_new(struct claim, n);
		collect_claims(w, sc, c, n);
	}
	qsort(c, n, sizeof(*c), claim_cmp);
	for (guint i = 0; i < n; i++) {
		check_claim(w, &c[i], out);
		if (i && c[i - 1].file == c[i].file &&
		    c[i - 1].end > c[i].start)
			gms_violation_add(
				out, "binding",
				"(no overlap) two memslots bind page %" G_GUINT64_FORMAT
				" of one file",
				c[i].start);
	}
	if (c != small)
		g_free(c);
}

void gms_check_binding(struct gms_world *w, GPtrArray *out)
{
	gms_check_binding_in(w, NULL, out);
}
