// SPDX-License-Identifier: GPL-2.0
/* gmemsim explore: bounded exhaustive search (DESIGN.md section 7) */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gmemsim/explore.h>

#include "cli.h"

struct explore_opts {
	gint depth, vms, pages, files, slots, jobs;
	gint64 max_states;
	char *type;
	char **policies;
	char *output;
	gboolean no_symmetry, no_tasks, fresh_worlds, alphabet;
	char **rest;
	struct gms_explore_config cfg; /* what the options stand for, checked */
};

/* a progress line on a terminal */
static void show_progress(const struct gms_explore_stats *st, void *data)
{
	(void)data;
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr,
		"\rexplore: depth %d, %llu distinct of %llu states, %.1f s\033[K",
		st->depth, (unsigned long long)st->distinct,
		(unsigned long long)st->explored, st->seconds);
}

static void to_config(struct explore_opts *o)
{
	struct gms_explore_config *cfg = &o->cfg;

	cfg->vms = o->vms;
	cfg->pages = o->pages;
	cfg->files = o->files;
	cfg->slots = o->slots;
	cfg->depth = o->depth;
	cfg->jobs = o->jobs;
	cfg->type = o->type;
	cfg->policy_lines = o->policies;
	cfg->max_states = o->max_states;
	cfg->no_symmetry = o->no_symmetry;
	cfg->no_tasks = o->no_tasks;
	cfg->fresh_worlds = o->fresh_worlds;
}

/* every value checked here, --alphabet or not: a bad one gets the usage */
static bool check_opts(void *data, GError **err)
{
	struct explore_opts *o = data;

	if (o->rest) {
		g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
			    "unexpected argument '%s'", o->rest[0]);
		return false;
	}
	if (o->max_states < 0) {
		g_set_error_literal(err, G_OPTION_ERROR,
				    G_OPTION_ERROR_BAD_VALUE,
				    "--max-states takes a positive number");
		return false;
	}
	to_config(o);
	return gms_cli_apply_policies(&o->cfg.policy, o->policies, err) &&
	       gms_explore_config_check(&o->cfg, err);
}

static int parse(int argc, char **argv, struct explore_opts *o)
{
	GOptionEntry entries[] = {
		{ "depth", 'd', 0, G_OPTION_ARG_INT, &o->depth,
		  "longest sequence explored (default 8)", "N" },
		{ "vms", 0, 0, G_OPTION_ARG_INT, &o->vms, "VMs (default 2)",
		  "N" },
		{ "pages", 0, 0, G_OPTION_ARG_INT, &o->pages,
		  "pages per guest_memfd and memslot (default 2)", "N" },
		{ "files", 0, 0, G_OPTION_ARG_INT, &o->files,
		  "guest_memfd files per VM (default 1)", "N" },
		{ "slots", 0, 0, G_OPTION_ARG_INT, &o->slots,
		  "memslots per VM (default 1)", "N" },
		{ "type", 0, 0, G_OPTION_ARG_STRING, &o->type,
		  "VM type: default, sw_protected, snp, tdx, pkvm", "T" },
		{ "policy", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &o->policies,
		  "set a design knob (repeatable)", "K=V" },
		{ "max-states", 0, 0, G_OPTION_ARG_INT64, &o->max_states,
		  "stop after N distinct states", "N" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs,
		  "worker threads (default: the machine's cores)", "N" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
		  "write the counterexample scenario to FILE", "FILE" },
		{ "no-symmetry", 0, 0, G_OPTION_ARG_NONE, &o->no_symmetry,
		  "keep mirror-image VMs apart", NULL },
		{ "no-tasks", 0, 0, G_OPTION_ARG_NONE, &o->no_tasks,
		  "whole operations only, no interleaved steps", NULL },
		{ "fresh-worlds", 0, 0, G_OPTION_ARG_NONE, &o->fresh_worlds,
		  "replay every successor from the empty world (slower)",
		  NULL },
		{ "alphabet", 0, 0, G_OPTION_ARG_NONE, &o->alphabet,
		  "print the operations explored and exit", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->rest,
		  NULL, NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};

	return gms_cli_parse_options(
		argc, argv,
		"Breadth-first search over every sequence of operations and "
		"task steps\nof a small configuration; a violation is printed "
		"as the shortest .gms scenario.",
		entries, check_opts, o);
}

static void report(const struct gms_explore_result *r)
{
	const struct gms_explore_stats *st = &r->stats;

	printf("explored %llu states, %llu distinct, to depth %d in %.2f s "
	       "(%.0f distinct states/s, %u operations per state)\n",
	       (unsigned long long)st->explored,
	       (unsigned long long)st->distinct, st->depth, st->seconds,
	       st->seconds > 0 ? st->distinct / st->seconds : 0.0, r->alphabet);
	if (r->violation && !r->replays)
		fprintf(stderr,
			"gmemsim: explore: the sequence below does not "
			"replay to %s with `gmemsim run` (a model bug: "
			"please report it)\n",
			r->violation);
	if (r->violation)
		printf("VIOLATION %s at depth %d; the shortest sequence:\n\n%s",
		       r->violation, r->violation_depth, r->counterexample);
	else if (r->hit_max_states)
		printf("stopped at --max-states: no violation so far\n");
	else
		printf("no violation up to depth %d\n", st->depth);
}

static int write_file(const char *path, const char *text)
{
	GError *err = NULL;

	if (g_file_set_contents(path, text, -1, &err))
		return 0;
	fprintf(stderr, "gmemsim: %s\n", err->message);
	g_error_free(err);
	return 2;
}

static int explore(struct explore_opts *o, struct gms_explore_config *cfg)
{
	struct gms_explore_result *r;
	GError *err = NULL;
	int status = 0;

	if (o->alphabet) {
		char *text = gms_explore_alphabet(cfg);

		fputs(text, stdout);
		g_free(text);
		return 0;
	}
	r = gms_explore(cfg, &err);
	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	if (!r) {
		fprintf(stderr, "gmemsim: explore: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	report(r);
	if (r->violation && o->output)
		status = write_file(o->output, r->counterexample);
	if (!status && r->violation)
		status = 1;
	gms_explore_result_free(r);
	return status;
}

int gms_cli_explore(int argc, char **argv)
{
	struct explore_opts o = { .depth = -1 };
	int status;

	gms_explore_config_init(&o.cfg);
	o.vms = o.cfg.vms;
	o.pages = o.cfg.pages;
	o.files = o.cfg.files;
	o.slots = o.cfg.slots;
	o.depth = o.cfg.depth;
	o.jobs = o.cfg.jobs;
	status = parse(argc, argv, &o);
	if (!status) {
		o.cfg.progress = show_progress;
		status = explore(&o, &o.cfg);
	}
	g_free(o.type);
	g_free(o.output);
	g_strfreev(o.policies);
	g_strfreev(o.rest);
	return status;
}
