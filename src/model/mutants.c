// SPDX-License-Identifier: GPL-2.0
/*
 * mutant=: the real guest_memfd bugs (and plausible ones) the model can
 * re-inject, DESIGN.md section 5. The upstream path asks gms_mutant() at
 * the one place each bug lived, so a reader sees the bug named there.
 */
#include <gmemsim/world.h>

bool gms_mutant(const struct gms_world *w, enum gms_mutant bug)
{
	return w->policy.mutant == bug;
}
