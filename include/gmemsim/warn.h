/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GMS_WARN_ON(): the kernel's WARN_ON() for the model. Where the mirrored
 * kernel code warns, the model records a model bug (file:line and the
 * condition) and goes on, as the kernel does; the runner reports it apart
 * from spec violations and fails the step. Never an abort (the fuzz
 * harnesses turn it into one themselves).
 */
#ifndef GMEMSIM_WARN_H
#define GMEMSIM_WARN_H

#include <glib.h>
#include <gmemsim/types.h>

struct gms_warn_log {
	u32 count; /* model bugs so far */
	char *last; /* "file:line: WARN_ON(cond)" of the latest */
};

void gms_warn_log_init(struct gms_warn_log *log);
void gms_warn_log_destroy(struct gms_warn_log *log);
/* record a model bug at @file:@line; the message is printed once per site */
void gms_warn(struct gms_warn_log *log, const char *file, int line,
	      const char *what);

/*
 * @owner is anything with a `struct gms_warn_log *warn` member: the world,
 * the RMP, the TDX module, pKVM. Evaluates to the condition, like WARN_ON().
 */
#define GMS_WARN_ON(owner, cond)                                    \
	({                                                          \
		bool __gms_ret = !!(cond);                          \
		if (G_UNLIKELY(__gms_ret))                          \
			gms_warn((owner)->warn, __FILE__, __LINE__, \
				 "WARN_ON(" #cond ")");             \
		__gms_ret;                                          \
	})

/*
 * WARN_ON_ONCE(): the kernel prints once per boot; the model has no
 * globals, so it records every hit (a model bug is one too many anyway).
 */
#define GMS_WARN_ON_ONCE(owner, cond) GMS_WARN_ON(owner, cond)

#endif
