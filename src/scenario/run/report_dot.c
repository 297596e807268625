// SPDX-License-Identifier: GPL-2.0
/*
 * --dot: VMs, guest_memfd files and inodes, memslots, bindings, mappings and
 * the references between them, at the end of the run or at the violation.
 */
#include <stdio.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

static char *label(const struct gms_run *run, enum gms_obj_kind kind, u64 id,
		   const char *what)
{
	const char *name =
		g_hash_table_lookup(run->names, gms_run_name_key(kind, id));

	return g_strdup_printf("%s %s\\n#%" G_GUINT64_FORMAT, what,
			       name ? name : "", id);
}

/*
 * An object freed while something still points at it (the violation a
 * use-after-free check reports): the world's lists no longer hold it, so
 * the edge's end is drawn here, dashed and red.
 */
static void dot_freed(GString *g, const char *node, u32 id, const char *what)
{
	g_string_append_printf(
		g,
		"  %s%u [style=dashed,color=red,label=\"%s #%u\\nfreed\"];\n",
		node, id, what, id);
}

static void dot_vm(GString *g, const struct gms_run *run, struct gms_kvm *kvm)
{
	char *l = label(run, GMS_OBJ_KVM, kvm->id, "vm");

	g_string_append_printf(
		g, "  kvm%u [shape=box,label=\"%s\\nrefs %u%s\"];\n", kvm->id,
		l, kvm->users_count, kvm->fd_open ? "" : ", fd closed");
	g_free(l);
	for (guint i = 0; i < kvm->memslots[0]->len; i++) {
		struct gms_memslot *s = kvm->memslots[0]->pdata[i];

		g_string_append_printf(
			g,
			"  slot%u [shape=component,label=\"memslot %u\\ngfn %#" G_GINT64_MODIFIER
			"x +%" G_GUINT64_FORMAT "\"];\n",
			s->uid, s->id, s->base_gfn, s->npages);
		g_string_append_printf(
			g, "  kvm%u -> slot%u [label=\"memslots\"];\n", kvm->id,
			s->uid);
		if (s->gmem.file && s->gmem.file->freed)
			dot_freed(g, "file", s->gmem.file->id, "gmem file");
		if (s->gmem.file)
			g_string_append_printf(
				g,
				"  slot%u -> file%u [style=dashed,label=\"gmem.file (raw)\"];\n",
				s->uid, s->gmem.file->id);
	}
}

static void dot_file(GString *g, const struct gms_run *run,
		     struct gms_gmem_file *f)
{
	char *l = label(run, GMS_OBJ_FILE, f->id, "gmem file");
	const struct gms_range *r;

	g_string_append_printf(
		g, "  file%u [shape=note,label=\"%s\\nf_count %u\"];\n", f->id,
		l, f->f_count);
	/*
	 * pin=slot-pins-file: f->kvm is no reference (the memslot pins the
	 * file instead), and a file no memslot binds has no VM at all
	 */
	if (f->kvm && f->kvm->freed)
		dot_freed(g, "kvm", f->kvm->id, "vm");
	if (f->kvm && run->w->policy.pin == GMS_PIN_SLOT_PINS_FILE)
		g_string_append_printf(g,
				       "  file%u -> kvm%u [label=\"kvm\"];\n",
				       f->id, f->kvm->id);
	else if (f->kvm)
		g_string_append_printf(
			g, "  file%u -> kvm%u [label=\"pins\",color=red];\n",
			f->id, f->kvm->id);
	g_string_append_printf(g, "  file%u -> inode%u;\n", f->id,
			       f->inode->id);
	for (r = gms_range_map_next(&f->bindings, NULL); r;
	     r = gms_range_map_next(&f->bindings, r)) {
		const struct gms_memslot *slot = (void *)r->val;

		if (slot->freed)
			dot_freed(g, "slot", slot->uid, "memslot");
		g_string_append_printf(
			g,
			"  file%u -> slot%u [label=\"binds [%" G_GUINT64_FORMAT
			",%" G_GUINT64_FORMAT ")\",color=blue];\n",
			f->id, slot->uid, r->start, r->end);
	}
	g_free(l);
}

static void dot_inode(GString *g, struct gms_gmem_inode *inode)
{
	g_string_append_printf(
		g,
		"  inode%u [shape=cylinder,label=\"inode #%u\\nsize %" G_GUINT64_FORMAT
		"\\n%" G_GUINT64_FORMAT " folios\"];\n",
		inode->id, inode->id, inode->size,
		gms_page_cache_count(&inode->pages));
}

bool gms_report_dot(const struct gms_run *run, const char *path, GError **err)
{
	GString *g = g_string_new("digraph gmemsim {\n  rankdir=LR;\n");
	GTreeNode *n;
	bool ok;

	if (!run->w) {
		g_set_error(
			err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			"--dot needs the model: the kernel's objects cannot be inspected");
		g_string_free(g, TRUE);
		return false;
	}
	for (GList *l = run->w->vms; l; l = l->next)
		dot_vm(g, run, l->data);
	for (GList *l = run->w->inodes; l; l = l->next) {
		struct gms_gmem_inode *inode = l->data;

		dot_inode(g, inode);
		for (GList *f = inode->files; f; f = f->next)
			dot_file(g, run, f->data);
	}
	for (n = g_tree_node_first(run->w->mm.vmas); n;
	     n = g_tree_node_next(n)) {
		struct gms_vma *vma = g_tree_node_value(n);

		g_string_append_printf(
			g,
			"  vma%u [shape=parallelogram,label=\"mapping #%u\\n%s\"];\n",
			vma->id, vma->id,
			vma->kind == GMS_VMA_GMEM ? "guest_memfd" : "anon");
		if (vma->file && vma->file->freed)
			dot_freed(g, "file", vma->file->id, "gmem file");
		if (vma->file)
			g_string_append_printf(
				g, "  vma%u -> file%u [label=\"holds\"];\n",
				vma->id, vma->file->id);
	}
	g_string_append(g, "}\n");
	ok = g_file_set_contents(path, g->str, g->len, err);
	g_string_free(g, TRUE);
	return ok;
}
