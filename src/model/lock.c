// SPDX-License-Identifier: GPL-2.0
/*
 * Named kernel locks and a lockdep-like order recorder. Locks never wait: a
 * step that cannot take one does not run, and its task is blocked on it.
 * Simplification: lockdep's classes are the four lock names; nesting within
 * one class (two folio locks) is not recorded.
 */
#include <gmemsim/lock.h>
#include <gmemsim/world.h>

static const char *const class_names[GMS_LOCK_NR] = {
	[GMS_LOCK_SLOTS] = "slots_lock",
	[GMS_LOCK_INVALIDATE] = "filemap_invalidate_lock",
	[GMS_LOCK_MMU] = "mmu_lock",
	[GMS_LOCK_FOLIO] = "folio_lock",
	[GMS_LOCK_SRCU] = "kvm->srcu",
};

const char *gms_lock_class_name(enum gms_lock_class class)
{
	return class < GMS_LOCK_NR ? class_names[class] : "?";
}

void gms_lockdep_init(struct gms_lockdep *ld)
{
	ld->locks = g_array_new(FALSE, FALSE, sizeof(struct gms_lock));
	memset(ld->after, 0, sizeof(ld->after));
	ld->reports = NULL;
}

void gms_lockdep_report(struct gms_lockdep *ld, char *msg)
{
	if (!ld->reports)
		ld->reports = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(ld->reports, msg);
}

void gms_lockdep_destroy(struct gms_lockdep *ld)
{
	g_array_unref(ld->locks);
	if (ld->reports)
		g_ptr_array_unref(ld->reports);
}

void gms_lock_ctx_init(struct gms_lock_ctx *ctx, u32 id)
{
	ctx->id = id;
	ctx->held = g_array_new(FALSE, FALSE, sizeof(struct gms_lock_held));
	ctx->blocked = false;
}

void gms_lock_ctx_destroy(struct gms_lock_ctx *ctx)
{
	if (ctx->held)
		g_array_unref(ctx->held);
	ctx->held = NULL;
}

static struct gms_lock *lock_find(struct gms_lockdep *ld,
				  enum gms_lock_class class, const void *obj,
				  bool create)
{
	struct gms_lock l = { .class = class, .obj = obj };

	for (guint i = 0; i < ld->locks->len; i++) {
		struct gms_lock *x =
			&g_array_index(ld->locks, struct gms_lock, i);

		if (x->class == class && x->obj == obj)
			return x;
	}
	if (!create)
		return NULL;
	g_array_append_val(ld->locks, l);
	return &g_array_index(ld->locks, struct gms_lock, ld->locks->len - 1);
}

/* mirrors: check_prev_add() of lockdep: a new class-order edge */
static void lockdep_add(struct gms_lockdep *ld, struct gms_lock_ctx *ctx,
			enum gms_lock_class next)
{
	for (guint i = 0; i < ctx->held->len; i++) {
		enum gms_lock_class prev =
			g_array_index(ctx->held, struct gms_lock_held, i).class;

		if (prev == next || (ld->after[prev] & (1U << next)))
			continue;
		if (ld->after[next] & (1U << prev))
			gms_lockdep_report(
				ld,
				g_strdup_printf(
					"possible circular locking: %s taken while holding %s, but %s was taken while holding %s before",
					class_names[next], class_names[prev],
					class_names[prev], class_names[next]));
		ld->after[prev] |= 1U << next;
	}
}

bool gms_lock_try(struct gms_world *w, struct gms_lock_ctx *ctx,
		  enum gms_lock_class class, const void *obj,
		  enum gms_lock_mode mode)
{
	struct gms_lock *l = lock_find(&w->lockdep, class, obj, true);
	struct gms_lock_held h = { class, obj, mode };
	bool free = !l->owner && (mode == GMS_LOCK_SHARED || !l->readers);

	if (!free) {
		ctx->blocked = true;
		ctx->waiting = h;
		return false;
	}
	ctx->blocked = false;
	lockdep_add(&w->lockdep, ctx, class);
	if (mode == GMS_LOCK_SHARED)
		l->readers++;
	else
		l->owner = ctx->id ? ctx->id : G_MAXUINT32;
	g_array_append_val(ctx->held, h);
	return true;
}

void gms_lock_release(struct gms_world *w, struct gms_lock_ctx *ctx,
		      enum gms_lock_class class, const void *obj)
{
	struct gms_lock *l = lock_find(&w->lockdep, class, obj, false);

	for (guint i = ctx->held->len; i-- > 0;) {
		struct gms_lock_held *h =
			&g_array_index(ctx->held, struct gms_lock_held, i);

		if (h->class != class || h->obj != obj)
			continue;
		if (!l)
			break;
		if (h->mode == GMS_LOCK_SHARED)
			l->readers--;
		else
			l->owner = 0;
		g_array_remove_index(ctx->held, i);
		/* only held locks are kept: the table stays as small as that */
		if (!l->owner && !l->readers)
			g_array_remove_index_fast(
				w->lockdep.locks,
				l - &g_array_index(w->lockdep.locks,
						   struct gms_lock, 0));
		return;
	}
	gms_world_model_bug(w, "unlock of a lock the context does not hold");
}

void gms_lock_release_all(struct gms_world *w, struct gms_lock_ctx *ctx)
{
	while (ctx->held && ctx->held->len) {
		struct gms_lock_held h = g_array_index(
			ctx->held, struct gms_lock_held, ctx->held->len - 1);

		gms_lock_release(w, ctx, h.class, h.obj);
	}
}

bool gms_lock_held_by(const struct gms_lock_ctx *ctx, enum gms_lock_class class,
		      const void *obj)
{
	for (guint i = 0; ctx->held && i < ctx->held->len; i++) {
		const struct gms_lock_held *h =
			&g_array_index(ctx->held, struct gms_lock_held, i);

		if (h->class == class && h->obj == obj)
			return true;
	}
	return false;
}

u32 gms_lock_holder(struct gms_world *w, enum gms_lock_class class,
		    const void *obj)
{
	struct gms_lock *l = lock_find(&w->lockdep, class, obj, false);

	if (!l || l->owner == G_MAXUINT32)
		return 0;
	return l->owner;
}
