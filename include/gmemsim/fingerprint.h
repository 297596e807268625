/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sink the canonical form of a world is written into, for the explorer:
 * two worlds with the same form behave the same under every later
 * operation. The model writes into it where only it knows the state (a
 * task's own, gms_task_ops.fingerprint); src/check makes the form and owns
 * the sink (state_form.h). Objects, pages and content tags are named by the
 * order in which the form first reaches them, so ids, pfns and addresses
 * that differ only by allocation history do not make two states distinct.
 *
 * Nothing here is a symbol: a value is hashed inline, and what needs the
 * world (a reference, an fd, an address) calls the sink's ops, so the layers
 * below src/check write a form without linking to it.
 */
#ifndef GMEMSIM_FINGERPRINT_H
#define GMEMSIM_FINGERPRINT_H

#include <glib.h>
#include <gmemsim/types.h>
#include <gmemsim/world.h>

struct gms_fp;

/* What a value needs the world for: the form's maker fills these in. */
struct gms_fp_ops {
	void (*obj)(struct gms_fp *fp, enum gms_obj_kind kind, const void *obj);
	void (*vm_id)(struct gms_fp *fp, u32 id);
	void (*pfn)(struct gms_fp *fp, u64 pfn);
	void (*addr)(struct gms_fp *fp, u64 addr);
	void (*fd)(struct gms_fp *fp, int fd);
	void (*tag)(struct gms_fp *fp, u64 tag);
	void (*lock_obj)(struct gms_fp *fp, enum gms_lock_class class,
			 const void *obj);
};

struct gms_fp {
	const struct gms_fp_ops *ops;
	u64 h, n; /* the form so far, hashed; how many values it has */
};

/* MurmurHash3's 64-bit finaliser: a bijection in which every bit avalanches */
static inline u64 gms_fp_mix(u64 k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static inline void gms_fp_u64(struct gms_fp *fp, u64 v)
{
	/*
	 * The form is the sequence of values, hashed as it is made: no buffer,
	 * and a state is only ever compared by its hash (TLC's fingerprints).
	 */
	fp->h = gms_fp_mix(fp->h ^ v) + 0x9e3779b97f4a7c15ULL;
	fp->n++;
}

/* a reference: the object's rank; its contents follow once, later */
static inline void gms_fp_obj(struct gms_fp *fp, enum gms_obj_kind kind,
			      const void *obj)
{
	fp->ops->obj(fp, kind, obj);
}

/* a principal or a VM named by its id (GMS_PRINCIPAL_HOST stays itself) */
static inline void gms_fp_vm_id(struct gms_fp *fp, u32 id)
{
	fp->ops->vm_id(fp, id);
}

static inline void gms_fp_pfn(struct gms_fp *fp, u64 pfn)
{
	fp->ops->pfn(fp, pfn);
}

/* a host virtual address: the mapping it falls in and the offset there */
static inline void gms_fp_addr(struct gms_fp *fp, u64 addr)
{
	fp->ops->addr(fp, addr);
}

/* an fd: closed, or its kind and object */
static inline void gms_fp_fd(struct gms_fp *fp, int fd)
{
	fp->ops->fd(fp, fd);
}

/* a content tag: zero and ciphertext are values, a scenario's tag a name */
static inline void gms_fp_tag(struct gms_fp *fp, u64 tag)
{
	fp->ops->tag(fp, tag);
}

/* the object a lock of @class protects */
static inline void gms_fp_lock_obj(struct gms_fp *fp, enum gms_lock_class class,
				   const void *obj)
{
	fp->ops->lock_obj(fp, class, obj);
}

#endif
