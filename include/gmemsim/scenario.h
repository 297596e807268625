/* SPDX-License-Identifier: GPL-2.0 */
/* The scenario language (DESIGN.md section 6): parser, op table and runner. */
#ifndef GMEMSIM_SCENARIO_H
#define GMEMSIM_SCENARIO_H

#include <stdio.h>

#include <glib.h>
#include <gmemsim/check.h>
#include <gmemsim/uapi.h>

#define GMS_SCENARIO_ERROR (gms_scenario_error_quark())
GQuark gms_scenario_error_quark(void);

enum gms_outcome_kind {
	GMS_OUT_NONE, /* no '=>': must not fail */
	GMS_OUT_OK,
	GMS_OUT_ERRNO,
	GMS_OUT_SIGBUS,
	GMS_OUT_ZERO,
	GMS_OUT_TAG,
	GMS_OUT_EXIT,
	GMS_OUT_VIOLATION,
	GMS_OUT_SCRAMBLED, /* a read under the wrong key: ciphertext */
	GMS_OUT_BLOCKED, /* a lock is held by a task: nothing ran */
	/* a host access took SIGSEGV: the targets report it as -EFAULT */
	GMS_OUT_SIGSEGV,
	/* uffd=: the fault went to the userfaultfd handler (its event) */
	GMS_OUT_UFFD_MISSING,
	GMS_OUT_UFFD_MINOR,
	GMS_OUT_VALUE, /* value:N, a call's number (KVM_CHECK_EXTENSION) */
};

struct gms_outcome {
	enum gms_outcome_kind kind;
	int err; /* GMS_OUT_ERRNO: positive errno */
	bool has_offset; /* ERRNO@OFFSET: the error_offset must be @offset */
	u64 offset;
	u64 tag; /* GMS_OUT_TAG */
	u64 value; /* GMS_OUT_VALUE */
	enum gms_exit_reason exit; /* GMS_OUT_EXIT */
	/* exit:memory_fault's details (run->memory_fault): checked if given */
	bool has_gpa, has_size, has_private;
	u64 gpa, size;
	bool is_private; /* KVM_MEMORY_EXIT_FLAG_PRIVATE set */
	const char *invariant; /* GMS_OUT_VIOLATION */
};

enum gms_val_type {
	GMS_VAL_NUM,
	GMS_VAL_NAME, /* any defined handle */
	GMS_VAL_ADDR, /* a mapping name or a number */
	GMS_VAL_TAG,
	GMS_VAL_BOOL,
	GMS_VAL_ENUM,
	GMS_VAL_FLAGS, /* comma list of flag names, or a number */
	GMS_VAL_NAME_OR_WORD, /* a defined name, or host / hyp */
};

struct gms_flag_name {
	const char *name;
	u64 bit;
};

struct gms_key_spec {
	const char *key;
	enum gms_val_type type;
	bool required;
	const struct gms_flag_name *names; /* GMS_VAL_FLAGS / GMS_VAL_ENUM */
};

enum gms_handle_kind {
	GMS_H_NONE,
	GMS_H_VM,
	GMS_H_GMEM,
	GMS_H_MAPPING,
	GMS_H_TASK,
	GMS_H_FD, /* a predefined fd: dev_kvm (/dev/kvm), stdin (fd 0) */
};

struct gms_runner;
struct gms_task;
struct gms_stmt;

/* What one operation did, for matching against the expected outcome. */
struct gms_result {
	int err; /* 0 or positive errno */
	bool has_offset; /* the call reported an error offset (error_offset) */
	u64 offset;
	bool sigbus;
	u32 uffd; /* the userfaultfd event the fault raised (GMS_UFFD_*), 0: none */
	bool has_value; /* a read: @value is the tag it returned */
	u64 value;
	bool has_number; /* value:N: what the call returned (check_extension) */
	u64 number;
	enum gms_exit_reason exit;
	struct gms_vcpu_exit
		exit_info; /* the exit's details: run->memory_fault */
	char *mismatch; /* expect.*: what differed (owned) */
	const char *unsupported; /* the target cannot do this op: why */
	bool not_applicable; /* an assertion on the model's internals, on the kernel */
	bool blocked; /* -GMS_EBLOCKED: a task holds the lock it needs */
	char *note; /* for the trace: the steps a task ran (owned) */
};

struct gms_op_spec {
	const char *verb;
	const char *synopsis;
	const char *summary;
	enum gms_handle_kind defines; /* the first positional is a new name */
	int npos; /* positional names */
	const struct gms_key_spec *keys; /* terminated by a NULL key */
	const char *const *words; /* bare words allowed; NULL-terminated */
	const char *not_modelled; /* non-NULL: why it cannot run yet */
	void (*exec)(struct gms_runner *r, const struct gms_stmt *s,
		     struct gms_result *res);
	/* non-NULL: the op can run as a task (spawn); the model's task */
	struct gms_task *(*spawn)(struct gms_runner *r,
				  const struct gms_stmt *s);
};

#define GMS_MAX_VALUES 8 /* a comma list */
#define GMS_MAX_ARGS 10 /* KEY=VALUE pairs of one statement */
#define GMS_MAX_WORDS 4

struct gms_arg {
	const char *key;
	const char *values[GMS_MAX_VALUES]; /* more than one for comma lists */
	int nvalues;
	u64 num; /* NUM, BOOL, FLAGS, ENUM (index), TAG (interned), ADDR (number) */
	int col;
};

enum gms_stmt_kind { GMS_STMT_POLICY, GMS_STMT_OP };

struct gms_stmt {
	enum gms_stmt_kind kind;
	int line, col;
	char *text; /* the statement without its outcome and comment */
	const struct gms_op_spec *op;
	const char *pos[1]; /* positional names (npos of the op) */
	int npos;
	const char *words[GMS_MAX_WORDS]; /* bare words */
	int nwords;
	int nargs;
	struct gms_outcome outcome;
	const char *task; /* spawn, step, finish: the task's name */
	const struct gms_op_spec *spawned; /* spawn: the op the task runs */
	int count; /* step: how many steps */
	/* last: a parsed statement is allocated with its nargs arguments only */
	struct gms_arg args[GMS_MAX_ARGS]; /* policy lines too */
};

struct gms_scenario {
	char *path;
	char *summary; /* the first comment line */
	GPtrArray *stmts; /* struct gms_stmt * */
	GPtrArray *tags; /* char *: tag names; tag i has value GMS_TAG_BASE + i */
	GHashTable *tag_ids; /* tag name -> i + 1: interning is O(1) */
	GHashTable *names; /* name -> GINT_TO_POINTER(enum gms_handle_kind) */
	GPtrArray *name_order; /* char *: names in definition order */
	GStringChunk *strings; /* every string of the statements */
};

const struct gms_op_spec *gms_ops(size_t *n);
const struct gms_op_spec *gms_op_lookup(const char *verb);

/* Parse @text; on error returns NULL with "file:line:col: message" in @err. */
struct gms_scenario *gms_scenario_parse(const char *path, const char *text,
					gsize len, GError **err);
/* A file of at most GMS_INPUT_MAX_DEFAULT bytes (gms_input_read()) */
struct gms_scenario *gms_scenario_load(const char *path, GError **err);
/* ... or of at most @max_size bytes */
struct gms_scenario *gms_scenario_load_max(const char *path, u64 max_size,
					   GError **err);
/*
 * The input limit (DESIGN.md section 7): only a regular file is read (a
 * FIFO, a socket, a device or /dev/zero is refused without reading), and one
 * of at most @max_size bytes. On error @err says why, without the path.
 */
#define GMS_INPUT_MAX_DEFAULT (64ULL << 20)
bool gms_input_read(const char *path, u64 max_size, char **text, gsize *len,
		    GError **err);
/*
 * The *.gms files under @paths (files or folders, NULL-terminated), each folder
 * sorted; NULL and @err for a path that does not exist. Each file comes once,
 * however links make it reachable, and a folder is walked once, however its
 * links loop.
 */
GPtrArray *gms_scenario_collect(char *const *paths, GError **err);
void gms_scenario_free(struct gms_scenario *sc);
const char *gms_scenario_tag_name(const struct gms_scenario *sc, u64 tag);

/* A fuzzer input as the .gms scenario it stands for (to free). */
char *gms_fuzz_decode(const u8 *data, gsize size);
/* The lifecycle fuzzer's decoding: VM types, attributes, launch and tasks too. */
char *gms_fuzz_decode_lifecycle(const u8 *data, gsize size);
/* The pools a lifecycle input's object operands index (gms_fuzz_op.pools). */
enum gms_fuzz_pool {
	GMS_FUZZ_VMS,
	GMS_FUZZ_GMEMS,
	GMS_FUZZ_MAPS,
	GMS_FUZZ_TASKS,
};
/*
 * What a lifecycle input has made at a point: the names of each pool, the
 * VMs (a bit each) given a guest_memfd memslot and private attributes,
 * the newest file of the newest VM no memslot names yet (its index + 1;
 * 0: none). Written, not succeeded: a hint for the mutator to build on.
 */
struct gms_fuzz_pools {
	u8 vms, gmems, maps, tasks;
	u16 slot_vms, private_vms;
	u8 unbound_gmem;
};
/*
 * An op of a lifecycle input: its bytes [start, start + len), which of
 * them (bit i: byte start + i) are object operands, indexes into a pool,
 * and how many characters of scenario it decodes to (0: none, skipped);
 * the pool each object operand indexes (bits 2i+1..2i: byte start + i,
 * an enum gms_fuzz_pool) and the pools the op found.
 */
struct gms_fuzz_op {
	u32 start, len, refs, text;
	u32 pools;
	struct gms_fuzz_pools before;
};
/* The ops of a lifecycle input as the decoder reads them, at most @max_ops. */
gsize gms_fuzz_lifecycle_ops(const u8 *data, gsize size,
			     struct gms_fuzz_op *ops, gsize max_ops);
/* The pools a lifecycle input leaves: what an op appended to it finds. */
void gms_fuzz_lifecycle_pools(const u8 *data, gsize size,
			      struct gms_fuzz_pools *pools);
/* How many op kinds the first byte of an op selects (modulo). */
unsigned int gms_fuzz_lifecycle_kinds(void);

/* Outcome spellings. */
const char *gms_errno_name(int err);
int gms_errno_parse(const char *name);

/* Per-step record of a run. */
struct gms_step {
	int line;
	const char *text; /* the statement's (the scenario outlives the run) */
	const char *expected; /* in the run's string chunk */
	const char *actual;
	const char *raw; /* what the op itself did, before any violation */
	bool ok;
	GPtrArray *violations; /* struct gms_violation * */
};

enum gms_verdict {
	GMS_PASS, /* every step as expected (a named violation counts) */
	GMS_FAIL, /* a step did not do what was expected */
	GMS_UNSUPPORTED, /* the target cannot run it (e.g. no such VM type) */
};

struct gms_run {
	char *path;
	enum gms_verdict verdict;
	char *reason; /* why it failed */
	const char *violated; /* the expected violation it found, or NULL */
	GPtrArray *steps; /* struct gms_step * */
	struct gms_world *
		w; /* the model's world at the end or the violation; NULL on the kernel */
	struct gms_scenario *sc; /* not owned; must outlive the run */
	GHashTable *names; /* gms_run_name_key(kind, id) -> scenario name */
	GStringChunk *strings; /* expected and actual outcomes of the steps */
	GPtrArray *no_violations; /* shared by the steps that broke nothing */
};

/*
 * Run @sc on a fresh world under @base (command-line policies), applying the
 * scenario's own policy lines on top. Never aborts on a violation.
 */
struct gms_run *gms_scenario_run(struct gms_scenario *sc,
				 const struct gms_policy *base);
struct gms_target;
/* Run @sc on another target (the kernel); expect.* and violations are unsupported there. */
struct gms_run *gms_scenario_run_target(struct gms_scenario *sc,
					struct gms_target *t);
/* The same on a host with only @max_pages of RAM (fuzzers keep inputs fast). */
struct gms_run *gms_scenario_run_limited(struct gms_scenario *sc,
					 const struct gms_policy *base,
					 u64 max_pages);
/*
 * For fuzzers: outcomes are not expected (a wrong one does not stop the
 * run); gms_run_broke() then says whether an invariant broke or the model
 * hit an internal assertion.
 */
struct gms_run *gms_scenario_run_fuzz(struct gms_scenario *sc,
				      const struct gms_policy *base,
				      u64 max_pages);
bool gms_run_broke(const struct gms_run *run);
/*
 * Two model runs of one scenario saw the same: model bugs, steps, outcomes
 * and violations (the check modes' tests).
 */
bool gms_runs_same(const struct gms_run *a, const struct gms_run *b);
/*
 * For the design matrix: run @sc under @policy alone (its policy lines are
 * skipped), going on past wrong outcomes and violations.
 */
struct gms_run *gms_scenario_run_variant(struct gms_scenario *sc,
					 const struct gms_policy *policy);
/* How a model run goes; the functions above are these with defaults. */
struct gms_run_opts {
	u64 max_pages; /* host RAM; 0: GMS_PHYSMEM_DEFAULT_PAGES */
	bool keep_going; /* a wrong outcome does not stop the run (fuzzers) */
	bool ignore_policy; /* the scenario's policy lines are skipped (matrix) */
	enum gms_check_mode check; /* the invariants after each step */
};
struct gms_run *gms_scenario_run_opts(struct gms_scenario *sc,
				      const struct gms_policy *base,
				      const struct gms_run_opts *o);
void gms_run_free(struct gms_run *run);
/*
 * What a step did as an outcome `gmemsim run` accepts (in @run's strings):
 * NULL for ok, "violation:ID" for the first invariant it broke.
 */
const char *gms_step_outcome(struct gms_run *run, const struct gms_step *st);
/*
 * @text, the scenario @run ran (gms_scenario_run_fuzz), with each
 * statement's outcome written out, up to and including the first violation:
 * `gmemsim run` of it expects what happened and stops at that violation,
 * and passes. A violation found only at the end (leak) is a comment.
 */
char *gms_run_replay_text(struct gms_run *run, const char *text);
/* the key of an object in gms_run.names: ids are the world's u32 ids */
static inline gpointer gms_run_name_key(int kind, u64 id)
{
	return GSIZE_TO_POINTER(((gsize)kind << 32) | (u32)id);
}

/* One statement compared on the model and the kernel. */
struct gms_diff_step {
	int line;
	const char *text;
	const char *model; /* raw outcomes */
	const char *kernel;
	const char *known; /* why the difference is expected, or NULL */
	char *follows; /* "follows from line N": a read of data a known difference changed */
};

struct gms_diff {
	char *path;
	GArray *steps; /* struct gms_diff_step, every compared statement */
	guint differ, unexplained;
	char *stopped; /* why the comparison ended before the last statement */
	struct gms_run *model, *kernel;
};

/*
 * Run @sc on the model and on @kernel side by side, statement by statement,
 * going on past differences; the model's abi follows the kernel's.
 */
struct gms_diff *gms_scenario_diff(struct gms_scenario *sc,
				   const struct gms_policy *base,
				   struct gms_target *kernel);
void gms_diff_free(struct gms_diff *d);
void gms_report_diff(const struct gms_diff *d, FILE *out, bool verbose);
/* The known-differences table: the explanation, or NULL, on a host with @quirks. */
const char *gms_known_difference(const struct gms_stmt *s, const char *model,
				 const char *kernel, unsigned int quirks);
/* Whether guest data read after this known difference may differ too. */
bool gms_known_difference_taints(const char *why);

/* Reports. */
void gms_report_text(const struct gms_run *run, FILE *out, bool verbose);
/* JSON of several runs (json-glib); false with @err on I/O failure */
bool gms_report_json(GPtrArray *runs, const char *path, GError **err);
bool gms_report_dot(const struct gms_run *run, const char *path, GError **err);

/* Accessors used by the op implementations. */
const struct gms_arg *gms_stmt_arg(const struct gms_stmt *s, const char *key);
u64 gms_stmt_num(const struct gms_stmt *s, const char *key, u64 dflt);
bool gms_stmt_word(const struct gms_stmt *s, const char *word);

#endif
