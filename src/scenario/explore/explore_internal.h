/* SPDX-License-Identifier: GPL-2.0 */
/* The explorer's alphabet: the operations of a configuration, and their names. */
#ifndef GMEMSIM_SRC_SCENARIO_EXPLORE_INTERNAL_H
#define GMEMSIM_SRC_SCENARIO_EXPLORE_INTERNAL_H

#include <gmemsim/explore.h>

#define GMS_EXPLORE_MAX_NAMES 64 /* names are a u64 mask */

struct gms_explore_op {
	char *text;
	int defines; /* the name it defines, or -1 */
	u64 uses; /* the names it needs defined */
};

struct gms_explore_name {
	char *name;
	int vm; /* the VM it belongs to: symmetry swaps these blocks */
};

struct gms_alphabet {
	GArray *names; /* struct gms_explore_name; grouped by VM */
	GArray *ops; /* struct gms_explore_op */
	int vms;
};

/* NULL and @err when the configuration has too many names. */
struct gms_alphabet *gms_alphabet_new(const struct gms_explore_config *cfg,
				      GError **err);
void gms_alphabet_free(struct gms_alphabet *a);

#endif
