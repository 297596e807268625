// SPDX-License-Identifier: GPL-2.0
/* The invariant registry and violation records. */
#include <string.h>

#include <gmemsim/task.h>

#include "check_internal.h"

static const struct gms_invariant invariants[] = {
#define INV(i, s, fn, end, hw)                                          \
	{                                                               \
		.id = i, .summary = s, .check = fn, .at_end_only = end, \
		.hw_only = hw                                           \
	}
/* an invariant over units of the world, with its scoped form */
#define INV_IN(i, s, fn)                                                 \
	{                                                                \
		.id = i, .summary = s, .check = fn, .check_in = fn##_in, \
	}
	INV_IN("confidentiality",
	       "no principal observes data another VM wrote as private",
	       gms_check_confidentiality),
	INV("integrity",
	    "private memory changes only by its VM or by measured population",
	    gms_check_integrity, false, false),
	INV("host-safety",
	    "the host never makes an access real hardware punishes fatally",
	    gms_check_host_safety, false, false),
	INV_IN("stale-mapping",
	       "every stage-2 and host mapping points at the pfn the inode holds",
	       gms_check_stale_mapping),
	INV_IN("use-after-free",
	       "no pointer to a freed memslot, file, VM; bindings are symmetric",
	       gms_check_use_after_free),
	INV_IN("binding",
	       "bindings stay inside the file, never overlap, bind only its own VM",
	       gms_check_binding),
	INV("asid-reuse",
	    "an ASID/HKID/handle is reused only after its entries are gone and flushed",
	    gms_check_asid_reuse, false, true),
	INV("scrub",
	    "a page leaves an owner only after it was zeroed or reclaimed",
	    gms_check_scrub, false, true),
	INV("hw-consistency", "each hardware model's own rules",
	    gms_check_hw_consistency, false, true),
	INV_IN("mmap-exclusion",
	       "no page is at once mapped or pinned by the host and private",
	       gms_check_mmap_exclusion),
	INV_IN("folio-state",
	       "a huge folio is whole or split into its own pieces, restructured "
	       "only unreferenced, never host-mapped, pooled only when all free",
	       gms_check_folio_state),
	INV("lock-order", "no lock is taken against the recorded order",
	    gms_check_lock_order, false, false),
	INV("leak",
	    "with every fd closed, every object, pfn and pin is released",
	    gms_check_leak, true, false),
#undef INV
#undef INV_IN
};

const struct gms_invariant *gms_invariants(size_t *n)
{
	*n = G_N_ELEMENTS(invariants);
	return invariants;
}

const struct gms_invariant *gms_invariant_lookup(const char *id)
{
	for (size_t i = 0; i < G_N_ELEMENTS(invariants); i++)
		if (!strcmp(invariants[i].id, id))
			return &invariants[i];
	return NULL;
}

GPtrArray *gms_violations_new(void)
{
	return g_ptr_array_new_with_free_func(
		(GDestroyNotify)gms_violation_free);
}

GPtrArray *gms_check_run(struct gms_world *w)
{
	GPtrArray *out = gms_violations_new();

	gms_check_run_into(w, out);
	return out;
}

void gms_check_run_into(struct gms_world *w, GPtrArray *out)
{
	gms_check_step_into(w, GMS_CHECK_FULL, out);
}

/*
 * Incremental needs the last check to have found nothing (then every unit
 * the step did not touch still holds) with idle hardware at both checks:
 * the hardware tables are judged whole, and a private mapping of a
 * confidential VM reads them.
 */
static bool can_scope(struct gms_world *w, enum gms_check_mode mode, bool idle)
{
	return mode == GMS_CHECK_INCREMENTAL && idle && w->dirty.quiet &&
	       !w->dirty.all && !w->dirty.off;
}

static void check_scoped(struct gms_world *w, const struct gms_scope *sc,
			 bool idle, GPtrArray *out)
{
	for (size_t i = 0; i < G_N_ELEMENTS(invariants); i++) {
		const struct gms_invariant *inv = &invariants[i];

		if (!inv->check || inv->at_end_only || (idle && inv->hw_only))
			continue;
		if (sc && inv->check_in)
			inv->check_in(w, sc, out);
		else
			inv->check(w, out);
	}
}

bool gms_violations_same(const GPtrArray *a, const GPtrArray *b)
{
	if (a->len != b->len)
		return false;
	for (guint i = 0; i < a->len; i++) {
		const struct gms_violation *x = a->pdata[i];
		const struct gms_violation *y = b->pdata[i];

		if (strcmp(x->id, y->id) || strcmp(x->message, y->message))
			return false;
	}
	return true;
}

void gms_check_step_into(struct gms_world *w, enum gms_check_mode mode,
			 GPtrArray *out)
{
	bool idle = gms_hw_idle(&w->hw);
	struct gms_scope *sc = can_scope(w, mode, idle) ? gms_scope_new(w) :
							  NULL;
	guint before = out->len;

	if (mode == GMS_CHECK_VERIFY &&
	    can_scope(w, GMS_CHECK_INCREMENTAL, idle)) {
		GPtrArray *inc = gms_violations_new(),
			  *full = gms_violations_new();

		sc = gms_scope_new(w);
		check_scoped(w, sc, idle, inc);
		check_scoped(w, NULL, idle, full);
		if (!gms_violations_same(inc, full))
			gms_world_model_bug(
				w, "check=incremental differs from check=full");
		g_ptr_array_extend_and_steal(out, full);
		g_ptr_array_unref(inc);
	} else {
		check_scoped(w, sc, idle, out);
	}
	gms_scope_free(sc);
	gms_dirty_clear(w, idle && out->len == before);
}

bool gms_check_mode_parse(const char *s, enum gms_check_mode *mode)
{
	if (!strcmp(s, "incremental"))
		*mode = GMS_CHECK_INCREMENTAL;
	else if (!strcmp(s, "full"))
		*mode = GMS_CHECK_FULL;
	else if (!strcmp(s, "verify"))
		*mode = GMS_CHECK_VERIFY;
	else
		return false;
	return true;
}

GPtrArray *gms_check_one(struct gms_world *w, const char *id)
{
	const struct gms_invariant *inv = gms_invariant_lookup(id);
	GPtrArray *out;

	if (!inv)
		return NULL;
	out = gms_violations_new();
	if (inv->check)
		inv->check(w, out);
	return out;
}

GPtrArray *gms_check_end(struct gms_world *w)
{
	GPtrArray *out = gms_violations_new();

	/* mappings are handles too: they hold their file */
	/* and an unfinished task holds what its syscall or vCPU holds */
	if (gms_fd_table_empty(w) && !g_tree_nnodes(w->mm.vmas) &&
	    !gms_tasks_pending(w))
		gms_check_leak(w, out);
	return out;
}

struct gms_violation *gms_violation_add(GPtrArray *out, const char *id,
					const char *fmt, ...)
{
	struct gms_violation *v = g_new0(struct gms_violation, 1);
	va_list ap;

	v->id = id;
	va_start(ap, fmt);
	v->message = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	v->objects = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(out, v);
	return v;
}

void gms_violation_object(struct gms_violation *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_ptr_array_add(v->objects, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

void gms_violation_free(struct gms_violation *v)
{
	if (!v)
		return;
	g_free(v->message);
	g_ptr_array_unref(v->objects);
	g_free(v);
}

/* "vm victim (#3)" with the scenario's name, or "vm #3" without one. */
char *gms_describe(struct gms_world *w, enum gms_obj_kind kind, u64 id)
{
	static const char *const kinds[] = {
		[GMS_OBJ_KVM] = "vm",	   [GMS_OBJ_FILE] = "gmem file",
		[GMS_OBJ_INODE] = "inode", [GMS_OBJ_SLOT] = "memslot",
		[GMS_OBJ_VMA] = "mapping", [GMS_OBJ_TAG] = "tag",
	};
	const char *name = w->name_of ? w->name_of(w->name_data, kind, id) :
					NULL;

	if (kind == GMS_OBJ_TAG)
		return name ? g_strdup_printf("'%s'", name) :
			      g_strdup_printf("%#" G_GINT64_MODIFIER "x", id);
	if (name)
		return g_strdup_printf("%s %s (#%" G_GUINT64_FORMAT ")",
				       kinds[kind], name, id);
	return g_strdup_printf("%s #%" G_GUINT64_FORMAT, kinds[kind], id);
}

char *gms_describe_principal(struct gms_world *w, u32 principal)
{
	if (principal == GMS_PRINCIPAL_HOST)
		return g_strdup("the host");
	return gms_describe(w, GMS_OBJ_KVM, principal);
}

char *gms_describe_slot(struct gms_world *w, const struct gms_memslot *slot)
{
	char *vm = gms_describe(w, GMS_OBJ_KVM, slot->kvm->id);
	char *s = g_strdup_printf("memslot %u of %s", slot->id, vm);

	g_free(vm);
	return s;
}
