/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The canonical form of a world, for the explorer: two worlds with the same
 * form behave the same under every later operation. Objects, pages and
 * content tags are named by the order in which the form first reaches them,
 * so ids, pfns and addresses that differ only by allocation history do not
 * make two states distinct.
 */
#ifndef GMEMSIM_FINGERPRINT_H
#define GMEMSIM_FINGERPRINT_H

#include <glib.h>
#include <gmemsim/types.h>
#include <gmemsim/world.h>

struct gms_fp;

struct gms_fp *gms_fp_new(void);
void gms_fp_free(struct gms_fp *fp);
/* Start the form of @w; everything emitted before gms_fp_finish() is part of it. */
void gms_fp_begin(struct gms_fp *fp, struct gms_world *w);
/*
 * The rest of the world (what the caller's roots did not reach), and the
 * 64-bit hash of the whole form: the explorer keeps only this (TLC's
 * fingerprints). The form itself is never stored.
 */
u64 gms_fp_finish(struct gms_fp *fp);

void gms_fp_u64(struct gms_fp *fp, u64 v);
/* a reference: the object's rank; its contents follow once, later */
void gms_fp_obj(struct gms_fp *fp, enum gms_obj_kind kind, const void *obj);
/* a principal or a VM named by its id (GMS_PRINCIPAL_HOST stays itself) */
void gms_fp_vm_id(struct gms_fp *fp, u32 id);
void gms_fp_pfn(struct gms_fp *fp, u64 pfn);
/* a host virtual address: the mapping it falls in and the offset there */
void gms_fp_addr(struct gms_fp *fp, u64 addr);
/* an fd: closed, or its kind and object */
void gms_fp_fd(struct gms_fp *fp, int fd);
/* the object a lock of @class protects */
void gms_fp_lock_obj(struct gms_fp *fp, enum gms_lock_class class,
		     const void *obj);

#endif
