/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounded exhaustive exploration (`gmemsim explore`): breadth-first search
 * over every sequence of operations and task steps of a small configuration,
 * each distinct world state expanded once, the shortest sequence reaching a
 * violation printed as a scenario that `gmemsim run` replays.
 */
#ifndef GMEMSIM_EXPLORE_H
#define GMEMSIM_EXPLORE_H

#include <glib.h>
#include <gmemsim/policy.h>

struct gms_explore_stats {
	u64 explored; /* transitions run: states reached, repeats included */
	u64 distinct; /* states kept, the initial one included */
	u64 worlds; /* worlds built by replaying a path from the empty one */
	int depth; /* the deepest level reached */
	double seconds;
};

#define GMS_EXPLORE_MAX_JOBS 1024

struct gms_explore_config {
	int vms, pages, files, slots, depth; /* files and slots: per VM */
	/*
	 * Worker threads, each with its own world (default: the machine's
	 * cores). The states, their count, the depth and the counterexample
	 * are the same for any number.
	 */
	int jobs;
	const char *type; /* a vm.create type=; NULL: default */
	struct gms_policy policy;
	char **policy_lines; /* KEY=VALUE, copied into the counterexample */
	u64 max_states; /* stop after this many distinct states; 0: no bound */
	bool no_symmetry; /* keep VMs that are each other's mirror apart */
	bool no_tasks; /* whole operations only: no interleavings */
	/*
	 * Build every successor's world from the empty one, never from a world
	 * an operation left unchanged: slower, and the reference the faster
	 * search must agree with.
	 */
	bool fresh_worlds;
	/* called now and then while the search runs; may be NULL */
	void (*progress)(const struct gms_explore_stats *st, void *data);
	void *progress_data;
};

struct gms_explore_result {
	struct gms_explore_stats stats;
	bool complete; /* every state up to the depth was expanded */
	bool hit_max_states;
	char *violation; /* the invariant that broke, or NULL */
	int violation_depth;
	char *counterexample; /* the shortest sequence, as a .gms scenario */
	bool replays; /* `gmemsim run` of it reaches the same violation */
	guint alphabet; /* how many operations each state may take */
};

void gms_explore_config_init(struct gms_explore_config *cfg);
/* false and @err (the option's message) for a configuration out of range */
bool gms_explore_config_check(const struct gms_explore_config *cfg,
			      GError **err);
/*
 * The operations a configuration explores, one .gms statement per line
 * (a configuration gms_explore_config_check() accepts).
 */
char *gms_explore_alphabet(const struct gms_explore_config *cfg);
/* NULL and @err for a configuration the model cannot take. */
struct gms_explore_result *gms_explore(const struct gms_explore_config *cfg,
				       GError **err);
void gms_explore_result_free(struct gms_explore_result *res);

#endif
