/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel locks by name, held by tasks across steps, and a lockdep-like
 * recorder of the order in which lock classes nest.
 */
#ifndef GMEMSIM_LOCK_H
#define GMEMSIM_LOCK_H

#include <glib.h>
#include <gmemsim/types.h>

struct gms_world;

enum gms_lock_class {
	GMS_LOCK_SLOTS, /* kvm->slots_lock */
	GMS_LOCK_INVALIDATE, /* filemap_invalidate_lock(inode->i_mapping) */
	GMS_LOCK_MMU, /* kvm->mmu_lock */
	GMS_LOCK_FOLIO, /* folio_lock() */
	GMS_LOCK_SRCU, /* kvm->srcu: readers are faults, synchronize_srcu() the writer */
	GMS_LOCK_NR,
};

enum gms_lock_mode { GMS_LOCK_EXCLUSIVE, GMS_LOCK_SHARED };

/*
 * An operation outside a task found its lock held by a task: in the kernel
 * it would wait; the scenario gets "blocked" and nothing happened.
 */
#define GMS_EBLOCKED 1002

/* One instance of a class: the class and the object it protects. */
struct gms_lock {
	enum gms_lock_class class;
	const void *obj;
	u32 owner; /* the context holding it exclusively, 0: none */
	u32 readers; /* shared holders */
};

struct gms_lock_held {
	enum gms_lock_class class;
	const void *obj;
	enum gms_lock_mode mode;
};

/* Who takes locks: a task, or the scenario's own thread (id 0). */
struct gms_lock_ctx {
	u32 id;
	GArray *held; /* struct gms_lock_held, in acquisition order */
	struct gms_lock_held waiting; /* valid while blocked */
	bool blocked;
};

struct gms_lockdep {
	GArray *locks; /* struct gms_lock instances held now */
	/* bit b of after[a]: class b was taken while a was held */
	u32 after[GMS_LOCK_NR];
	GPtrArray *reports; /* char *: inversions and deadlocks of this step;
			       NULL until the first */
};

const char *gms_lock_class_name(enum gms_lock_class class);

void gms_lockdep_init(struct gms_lockdep *ld);
void gms_lockdep_destroy(struct gms_lockdep *ld);
/* a lock-order report of this step: @msg (g_malloc'd) is kept until the next */
void gms_lockdep_report(struct gms_lockdep *ld, char *msg);

void gms_lock_ctx_init(struct gms_lock_ctx *ctx, u32 id);
void gms_lock_ctx_destroy(struct gms_lock_ctx *ctx);

/*
 * mirrors: mutex_lock()/down_write()/down_read()/spin_lock(), except that a
 * taken lock does not wait: false, and @ctx is marked blocked on it.
 */
bool gms_lock_try(struct gms_world *w, struct gms_lock_ctx *ctx,
		  enum gms_lock_class class, const void *obj,
		  enum gms_lock_mode mode);
void gms_lock_release(struct gms_world *w, struct gms_lock_ctx *ctx,
		      enum gms_lock_class class, const void *obj);
void gms_lock_release_all(struct gms_world *w, struct gms_lock_ctx *ctx);
/* mirrors: lockdep_is_held() for one context */
bool gms_lock_held_by(const struct gms_lock_ctx *ctx, enum gms_lock_class class,
		      const void *obj);
/* the context holding @class on @obj exclusively or shared, 0: none/unknown */
u32 gms_lock_holder(struct gms_world *w, enum gms_lock_class class,
		    const void *obj);

#endif
