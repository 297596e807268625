/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The canonical form of a world (src/check/state_form.c), written into a
 * struct gms_fp (fingerprint.h) and kept as its 64-bit hash: the explorer's
 * states, as TLC fingerprints a TLA+ state.
 */
#ifndef GMEMSIM_STATE_FORM_H
#define GMEMSIM_STATE_FORM_H

#include <gmemsim/fingerprint.h>

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

#endif
