// SPDX-License-Identifier: GPL-2.0
/* use-after-free and binding: gmem_uapi.md 1.2-1.4, bugs #1 and #2 of section 5. */
#include <stdlib.h>

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

void gms_check_use_after_free(struct gms_world *w, GPtrArray *out)
{
	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;

		for (guint i = 0; i < kvm->memslots[0]->len; i++)
			check_slot_file(
				w, g_ptr_array_index(kvm->memslots[0], i), out);
	}
	for (GList *l = w->inodes; l; l = l->next)
		for (GList *f = ((struct gms_gmem_inode *)l->data)->files; f;
		     f = f->next)
			check_file(w, f->data, out);
	for (guint fd = 0; fd < w->fds->len; fd++) {
		struct gms_fd *e = &g_array_index(w->fds, struct gms_fd, fd);
		bool freed = (e->kind == GMS_FD_VM &&
			      ((struct gms_kvm *)e->obj)->freed) ||
			     (e->kind == GMS_FD_GMEM &&
			      ((struct gms_gmem_file *)e->obj)->freed);

		if (freed)
			uaf(out, "(fd) fd %u refers to a freed object", fd);
	}
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
	return x->start < y->start ? -1 : x->start > y->start;
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

/* The live bindings of every memslot, up to @cap of them; returns how many. */
static guint collect_claims(struct gms_world *w, struct claim *c, guint cap)
{
	guint n = 0;

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

void gms_check_binding(struct gms_world *w, GPtrArray *out)
{
	/* sorted by file and offset, neighbours are the only overlap to test */
	struct claim small[16], *c = small;
	guint n = collect_claims(w, small, G_N_ELEMENTS(small));

	if (n > G_N_ELEMENTS(small)) {
		c = g_new(struct claim, n);
		collect_claims(w, c, n);
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
