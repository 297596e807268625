// SPDX-License-Identifier: GPL-2.0
/*
 * lock-order: lockdep's verdicts. An inversion is reported the first time
 * the second order is seen, even if no task is blocked yet (as lockdep
 * does); a deadlock when blocked tasks wait for each other in a cycle.
 */
#include <gmemsim/check.h>
#include <gmemsim/world.h>

#include "check_internal.h"

void gms_check_lock_order(struct gms_world *w, GPtrArray *out)
{
	for (guint i = 0; w->lockdep.reports && i < w->lockdep.reports->len;
	     i++)
		gms_violation_add(out, "lock-order", "%s",
				  (const char *)w->lockdep.reports->pdata[i]);
}
