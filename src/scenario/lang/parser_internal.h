/* SPDX-License-Identifier: GPL-2.0 */
/* The parser's state: its statements (parser.c) and values (parse_value.c). */
#ifndef GMEMSIM_SRC_SCENARIO_LANG_PARSER_INTERNAL_H
#define GMEMSIM_SRC_SCENARIO_LANG_PARSER_INTERNAL_H

#include <gmemsim/scenario.h>

struct gms_tok;

struct gms_parser {
	const char *path;
	int line;
	struct gms_scenario *sc;
	GError **err;
	int first_op_line; /* 0 until the first operation: policy lines come before */
	GHashTable *
		finished; /* tasks a 'finish' ended: a second one is an error */
};

/* a token quoted in a message is cut to this many bytes, and "..." */
#define GMS_PARSE_QUOTE_MAX 48

/* "file:line:col: message" into the parse's error; returns false */
bool gms_parse_fail(struct gms_parser *p, int col, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

/* [a-z][a-z0-9_]* */
bool gms_parse_valid_name(const char *s);
/* decimal or 0x hex, an optional '-', an optional K/M/G/T suffix; false
 * for what does not fit in a u64 (negative: an s64) */
bool gms_parse_number(const char *s, u64 *out);
/* what @name was defined as so far, or GMS_H_NONE */
enum gms_handle_kind gms_parse_name_kind(struct gms_parser *p,
					 const char *name);
/* a valid name, defined before */
bool gms_parse_check_defined(struct gms_parser *p, const char *name, int col);
/* @a's values as key @k's type says: a->num, or a name checked */
bool gms_parse_value(struct gms_parser *p, const struct gms_key_spec *k,
		     struct gms_arg *a);
/* the outcome token after '=>' into s->outcome */
bool gms_parse_outcome(struct gms_parser *p, struct gms_stmt *s,
		       const struct gms_tok *t);
/*
 * What follows the outcome, from toks[i] (the outcome at i - 1) to the end:
 * exit:memory_fault's details (gpa=N, size=N, private or shared, each once).
 */
bool gms_parse_outcome_details(struct gms_parser *p, struct gms_stmt *s,
			       GArray *toks, guint i);

#endif
