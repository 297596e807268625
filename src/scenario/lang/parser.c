// SPDX-License-Identifier: GPL-2.0
/*
 * The .gms parser (DESIGN.md section 6): lines into statements, their
 * names and arguments checked against the op table; values and outcomes are
 * parse_value.c's.
 */
#include <stdio.h>
#include <string.h>

#include <gmemsim/scenario.h>

#include "lexer.h"
#include "parser_internal.h"
#include "../run/exec.h"

/* named "gms-scenario-error-quark": clang-format would space the name out */
/* clang-format off */
G_DEFINE_QUARK(gms-scenario-error-quark, gms_scenario_error)
/* clang-format on */

/*
 * @msg with each run of more than GMS_PARSE_QUOTE_MAX non-blank bytes cut to
 * its start, "..." and its closing quote: a token never holds a blank, so
 * the message's own words stay whole and a 1 MB token costs 48 bytes.
 */
static char *clip_tokens(const char *msg)
{
	GString *out = g_string_new(NULL);

	while (*msg) {
		gsize run = strcspn(msg, " \t");
		gsize tail = 0;

		if (run > GMS_PARSE_QUOTE_MAX + 3) {
			while (tail < 2 && strchr("':,", msg[run - 1 - tail]))
				tail++;
			g_string_append_len(out, msg, GMS_PARSE_QUOTE_MAX);
			g_string_append(out, "...");
			g_string_append_len(out, msg + run - tail, tail);
		} else {
			g_string_append_len(out, msg, run);
		}
		msg += run;
		run = strspn(msg, " \t");
		g_string_append_len(out, msg, run);
		msg += run;
	}
	return g_string_free(out, FALSE);
}

bool gms_parse_fail(struct gms_parser *p, int col, const char *fmt, ...)
{
	va_list ap;
	char *full, *msg;

	va_start(ap, fmt);
	full = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	msg = clip_tokens(full);
	g_free(full);
	g_set_error(p->err, GMS_SCENARIO_ERROR, 0, "%s:%d:%d: %s", p->path,
		    p->line, col, msg);
	g_free(msg);
	return false;
}

static const struct gms_key_spec *find_key(const struct gms_op_spec *op,
					   const char *key)
{
	for (const struct gms_key_spec *k = op->keys; k && k->key; k++)
		if (k->key[0] == key[0] && !strcmp(k->key, key))
			return k;
	return NULL;
}

static bool word_allowed(const struct gms_op_spec *op, const char *w)
{
	for (const char *const *x = op->words; x && *x; x++)
		if (!strcmp(*x, w))
			return true;
	return false;
}

static char *sc_strdup(struct gms_parser *p, const char *str)
{
	return g_string_chunk_insert(p->sc->strings, str);
}

static struct gms_arg *new_arg(struct gms_parser *p, struct gms_stmt *s,
			       const char *key, int col)
{
	struct gms_arg *a = &s->args[s->nargs++];

	(void)p;
	memset(a, 0, sizeof(*a));
	/* the line's token: check_keys() and parse_policy() keep it for good */
	a->key = key;
	a->col = col;
	return a;
}

/* KEY '=' VALUE (',' VALUE)* at toks[*i]; advances *i */
static bool parse_kv(struct gms_parser *p, struct gms_stmt *s, GArray *toks,
		     guint *i)
{
	struct gms_tok *key = &g_array_index(toks, struct gms_tok, *i);
	struct gms_arg *a;

	if (*i + 2 >= toks->len ||
	    g_array_index(toks, struct gms_tok, *i + 2).kind != GMS_TOK_WORD)
		return gms_parse_fail(p, key->col, "'%s=' needs a value",
				      key->text);
	if (gms_stmt_arg(s, key->text))
		return gms_parse_fail(p, key->col, "duplicate argument '%s'",
				      key->text);
	if (s->nargs == GMS_MAX_ARGS)
		return gms_parse_fail(p, key->col, "too many arguments");
	a = new_arg(p, s, key->text, key->col);
	*i += 2;
	for (;;) {
		if (a->nvalues == GMS_MAX_VALUES)
			return gms_parse_fail(
				p, a->col, "too many values for '%s'", a->key);
		a->values[a->nvalues++] = sc_strdup(
			p, g_array_index(toks, struct gms_tok, *i).text);
		if (*i + 2 < toks->len &&
		    g_array_index(toks, struct gms_tok, *i + 1).kind ==
			    GMS_TOK_COMMA &&
		    g_array_index(toks, struct gms_tok, *i + 2).kind ==
			    GMS_TOK_WORD) {
			*i += 2;
			continue;
		}
		break;
	}
	(*i)++;
	return true;
}

static bool parse_policy(struct gms_parser *p, struct gms_stmt *s, GArray *toks)
{
	guint i = 1;

	if (toks->len == 1)
		return gms_parse_fail(p, s->col, "'policy' needs KEY=VALUE");
	while (i < toks->len) {
		struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);
		struct gms_arg *a;
		struct gms_policy scratch = { 0 };
		int r;

		if (t->kind != GMS_TOK_WORD || i + 1 >= toks->len ||
		    g_array_index(toks, struct gms_tok, i + 1).kind !=
			    GMS_TOK_EQ)
			return gms_parse_fail(
				p, t->col, "'policy' takes KEY=VALUE, not '%s'",
				t->text);
		if (!parse_kv(p, s, toks, &i))
			return false;
		a = &s->args[s->nargs - 1];
		a->key = sc_strdup(p, a->key);
		if (a->nvalues != 1)
			return gms_parse_fail(
				p, a->col, "'%s' does not take a list", a->key);
		r = gms_policy_set(&scratch, a->key, a->values[0]);
		if (r == -ENOENT)
			return gms_parse_fail(p, a->col, "unknown policy '%s'",
					      a->key);
		if (r == -EINVAL)
			return gms_parse_fail(
				p, a->col, "unknown value '%s' for policy '%s'",
				a->values[0], a->key);
		if (r == -EOPNOTSUPP)
			return gms_parse_fail(
				p, a->col, "policy %s=%s is not modelled yet",
				a->key, a->values[0]);
	}
	return true;
}

static bool check_keys(struct gms_parser *p, struct gms_stmt *s)
{
	for (int i = 0; i < s->nargs; i++) {
		struct gms_arg *a = &s->args[i];
		const struct gms_key_spec *k = find_key(s->op, a->key);

		if (!k)
			return gms_parse_fail(p, a->col,
					      "unknown argument '%s' for %s",
					      a->key, s->op->verb);
		a->key =
			k->key; /* the table's string: lookups compare pointers first */
		if (!gms_parse_value(p, k, a))
			return false;
	}
	for (const struct gms_key_spec *k = s->op->keys; k && k->key; k++)
		if (k->required && !gms_stmt_arg(s, k->key))
			return gms_parse_fail(p, s->col,
					      "%s: missing argument '%s='",
					      s->op->verb, k->key);
	return true;
}

static bool check_positional(struct gms_parser *p, struct gms_stmt *s,
			     GArray *toks, guint i)
{
	struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);

	if (s->npos >= s->op->npos) {
		if (!word_allowed(s->op, t->text))
			return gms_parse_fail(p, t->col,
					      "unknown argument '%s' for %s",
					      t->text, s->op->verb);
		if (gms_stmt_word(s, t->text))
			return gms_parse_fail(
				p, t->col, "duplicate argument '%s'", t->text);
		s->words[s->nwords++] = sc_strdup(p, t->text);
		return true;
	}
	if (s->npos == 0 && s->op->defines) {
		if (!gms_parse_valid_name(t->text))
			return gms_parse_fail(
				p, t->col,
				"'%s' is not a name ([a-z][a-z0-9_]*)",
				t->text);
		if (gms_parse_name_kind(p, t->text))
			return gms_parse_fail(p, t->col, "duplicate name '%s'",
					      t->text);
	} else if (!gms_parse_check_defined(p, t->text, t->col)) {
		return false;
	}
	s->pos[s->npos++] = sc_strdup(p, t->text);
	return true;
}

/* '=>' outcome [details] at toks[i]: the rest of the statement */
static bool parse_arrow(struct gms_parser *p, struct gms_stmt *s, GArray *toks,
			guint i)
{
	if (i + 1 >= toks->len ||
	    g_array_index(toks, struct gms_tok, i + 1).kind != GMS_TOK_WORD)
		return gms_parse_fail(
			p, g_array_index(toks, struct gms_tok, i).col,
			"'=>' needs an outcome");
	if (!gms_parse_outcome(p, s,
			       &g_array_index(toks, struct gms_tok, i + 1)))
		return false;
	return gms_parse_outcome_details(p, s, toks, i + 2);
}

static bool parse_op(struct gms_parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *verb = &g_array_index(toks, struct gms_tok, 0);
	guint i = 1;

	s->op = gms_op_lookup(verb->text);
	if (!s->op)
		return gms_parse_fail(p, verb->col, "unknown op '%s'",
				      verb->text);
	while (i < toks->len) {
		struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);

		if (t->kind == GMS_TOK_ARROW) {
			if (!parse_arrow(p, s, toks, i))
				return false;
			break;
		}
		if (t->kind != GMS_TOK_WORD)
			return gms_parse_fail(p, t->col, "unexpected '%s'",
					      t->text);
		if (i + 1 < toks->len &&
		    g_array_index(toks, struct gms_tok, i + 1).kind ==
			    GMS_TOK_EQ) {
			if (!parse_kv(p, s, toks, &i))
				return false;
			continue;
		}
		if (!check_positional(p, s, toks, i))
			return false;
		i++;
	}
	if (s->npos < s->op->npos)
		return gms_parse_fail(p, verb->col,
				      "%s: missing name (usage: %s)",
				      s->op->verb, s->op->synopsis);
	if (!check_keys(p, s))
		return false;
	if (s->op->not_modelled)
		return gms_parse_fail(p, verb->col,
				      "%s is not modelled yet: %s", s->op->verb,
				      s->op->not_modelled);
	if (s->op->defines) {
		g_hash_table_insert(p->sc->names, (char *)s->pos[0],
				    GINT_TO_POINTER(s->op->defines));
		g_ptr_array_add(p->sc->name_order, (char *)s->pos[0]);
	}
	return true;
}

static void stmt_free(struct gms_stmt *s)
{
	g_free(s);
}

/* 'spawn' TASK op ...: the op is parsed as on its own line */
static bool parse_spawn(struct gms_parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *name;

	if (toks->len < 3 ||
	    g_array_index(toks, struct gms_tok, 1).kind != GMS_TOK_WORD ||
	    g_array_index(toks, struct gms_tok, 2).kind != GMS_TOK_WORD)
		return gms_parse_fail(
			p, g_array_index(toks, struct gms_tok, 0).col,
			"spawn needs a task name and an op");
	name = &g_array_index(toks, struct gms_tok, 1);
	if (!gms_parse_valid_name(name->text))
		return gms_parse_fail(p, name->col,
				      "'%s' is not a name ([a-z][a-z0-9_]*)",
				      name->text);
	if (gms_parse_name_kind(p, name->text) != GMS_H_NONE)
		return gms_parse_fail(p, name->col,
				      "name '%s' is already defined",
				      name->text);
	s->task = sc_strdup(p, name->text);
	g_array_remove_range(toks, 0, 2);
	if (!parse_op(p, s, toks))
		return false;
	if (!s->op->spawn)
		return gms_parse_fail(
			p, g_array_index(toks, struct gms_tok, 0).col,
			"%s cannot run as a task (guest.read, guest.write, gmem.punch, memslot.delete, gmem.close and attr.set can)",
			s->op->verb);
	if (s->outcome.kind != GMS_OUT_NONE)
		return gms_parse_fail(
			p, g_array_index(toks, struct gms_tok, 0).col,
			"a task's outcome goes on 'finish %s'", s->task);
	s->spawned = s->op;
	s->op = &gms_op_spawn;
	g_hash_table_insert(p->sc->names, (char *)s->task,
			    GINT_TO_POINTER(GMS_H_TASK));
	g_ptr_array_add(p->sc->name_order, (char *)s->task);
	return true;
}

/*
 * A task ends at its 'finish': a second one, or a step after it, would run
 * nothing and check nothing, so it is an error where it is written.
 */
static bool finish_once(struct gms_parser *p, bool step,
			const struct gms_tok *t)
{
	int done;

	if (!p->finished)
		p->finished = g_hash_table_new_full(g_str_hash, g_str_equal,
						    g_free, NULL);
	done = GPOINTER_TO_INT(g_hash_table_lookup(p->finished, t->text));
	if (done)
		return gms_parse_fail(p, t->col,
				      "task '%s' was finished at line %d",
				      t->text, done);
	if (!step)
		g_hash_table_insert(p->finished, g_strdup(t->text),
				    GINT_TO_POINTER(p->line));
	return true;
}

/* 'step' TASK [N] ['=>' outcome] | 'finish' TASK ['=>' outcome] */
static bool parse_step(struct gms_parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *verb = &g_array_index(toks, struct gms_tok, 0);
	bool step = !strcmp(verb->text, "step");
	guint i = 2;
	struct gms_tok *t;
	u64 n = 1;

	if (toks->len < 2 ||
	    g_array_index(toks, struct gms_tok, 1).kind != GMS_TOK_WORD)
		return gms_parse_fail(p, verb->col, "%s needs a task name",
				      verb->text);
	t = &g_array_index(toks, struct gms_tok, 1);
	if (gms_parse_name_kind(p, t->text) != GMS_H_TASK)
		return gms_parse_fail(p, t->col,
				      "'%s' is not a task spawned before",
				      t->text);
	if (!finish_once(p, step, t))
		return false;
	s->task = sc_strdup(p, t->text);
	s->op = step ? &gms_op_step : &gms_op_finish;
	if (step && i < toks->len &&
	    g_array_index(toks, struct gms_tok, i).kind == GMS_TOK_WORD) {
		t = &g_array_index(toks, struct gms_tok, i);
		if (!gms_parse_number(t->text, &n) || !n || n > 1000)
			return gms_parse_fail(p, t->col,
					      "bad step count '%s' (1 to 1000)",
					      t->text);
		i++;
	}
	s->count = (int)n;
	if (i < toks->len) {
		t = &g_array_index(toks, struct gms_tok, i);
		if (t->kind != GMS_TOK_ARROW)
			return gms_parse_fail(p, t->col, "unexpected '%s'",
					      t->text);
		return parse_arrow(p, s, toks, i);
	}
	return true;
}

/* an operation, spawn, step or finish: no policy line after it */
static void first_op(struct gms_parser *p)
{
	if (!p->first_op_line)
		p->first_op_line = p->line;
}

static bool parse_stmt_into(struct gms_parser *p, struct gms_stmt *s,
			    GArray *toks, const char *line, gsize stmt_len)
{
	struct gms_tok *first = &g_array_index(toks, struct gms_tok, 0);
	gsize start;

	s->line = p->line;
	s->col = first->col;
	/* the statement without its outcome: the trace prints the actual one */
	for (guint i = 0; i < toks->len; i++)
		if (g_array_index(toks, struct gms_tok, i).kind ==
		    GMS_TOK_ARROW)
			stmt_len = MIN(stmt_len,
				       (gsize)g_array_index(toks,
							    struct gms_tok, i)
						       .col -
					       1);
	/* from the first token to the last byte before the outcome, unspaced */
	start = (gsize)first->col - 1;
	while (stmt_len > start && g_ascii_isspace(line[stmt_len - 1]))
		stmt_len--;
	s->text = g_string_chunk_insert_len(p->sc->strings, line + start,
					    (gssize)(stmt_len - start));
	for (guint i = 0; i < toks->len; i++) {
		struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);

		if (t->bad)
			return gms_parse_fail(p, t->col, "invalid character");
	}
	if (first->kind != GMS_TOK_WORD)
		return gms_parse_fail(p, first->col, "unexpected '%s'",
				      first->text);
	s->kind = GMS_STMT_OP;
	if (strchr(first->text, '.')) { /* an op: the keywords have no dot */
		first_op(p);
		return parse_op(p, s, toks);
	}
	if (!strcmp(first->text, "policy")) {
		s->kind = GMS_STMT_POLICY;
		/* a design is chosen for the whole run, as a kernel is built once */
		if (p->first_op_line)
			return gms_parse_fail(
				p, first->col,
				"a policy line must come before the first operation (line %d)",
				p->first_op_line);
		return parse_policy(p, s, toks);
	}
	first_op(p);
	if (!strcmp(first->text, "spawn"))
		return parse_spawn(p, s, toks);
	if (!strcmp(first->text, "step") || !strcmp(first->text, "finish"))
		return parse_step(p, s, toks);
	return parse_op(p, s, toks);
}

static bool parse_stmt(struct gms_parser *p, GArray *toks, const char *line,
		       gsize stmt_len)
{
	/* args[] is large and filled in order: keep only what was filled */
	struct gms_stmt tmp;
	gsize size;

	memset(&tmp, 0, offsetof(struct gms_stmt, args));
	if (!parse_stmt_into(p, &tmp, toks, line, stmt_len))
		return false;
	size = offsetof(struct gms_stmt, args) +
	       (gsize)tmp.nargs * sizeof(tmp.args[0]);
	g_ptr_array_add(p->sc->stmts, g_memdup2(&tmp, size));
	return true;
}

static void take_summary(struct gms_scenario *sc, const char *line, gsize n)
{
	const char *c = memchr(line, '#', n);
	char *text;

	if (sc->summary || !c)
		return;
	text = g_strstrip(g_strndup(c + 1, n - (c + 1 - line)));
	if (*text)
		sc->summary = text;
	else
		g_free(text);
}

struct gms_scenario *gms_scenario_parse(const char *path, const char *text,
					gsize len, GError **err)
{
	struct gms_scenario *sc = g_new0(struct gms_scenario, 1);
	struct gms_parser p = { .path = path, .sc = sc, .err = err };
	struct gms_lexer lx;
	gsize pos = 0;

	sc->path = g_strdup(path);
	/* about one statement per 32 bytes of text: rarely regrown */
	sc->stmts = g_ptr_array_sized_new(len / 32 + 8);
	g_ptr_array_set_free_func(sc->stmts, (GDestroyNotify)stmt_free);
	sc->tags = g_ptr_array_new_with_free_func(g_free);
	/* keys are the strings of tags */
	sc->tag_ids = g_hash_table_new(g_str_hash, g_str_equal);
	/* names and name_order point into strings */
	sc->names = g_hash_table_new(g_str_hash, g_str_equal);
	sc->name_order = g_ptr_array_new();
	/* the predefined fds (docs/language.md): any fd argument may name them */
	g_hash_table_insert(sc->names, (char *)"dev_kvm",
			    GINT_TO_POINTER(GMS_H_FD));
	g_hash_table_insert(sc->names, (char *)"stdin",
			    GINT_TO_POINTER(GMS_H_FD));
	sc->strings = g_string_chunk_new(1024);
	gms_lex_init(&lx);
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		gsize n = nl ? (gsize)(nl - line) : len - pos, stmt_len;
		bool ok = true;

		p.line++;
		gms_lex_line(&lx, line, n, &stmt_len);
		if (lx.toks->len)
			ok = parse_stmt(&p, lx.toks, line, stmt_len);
		else if (!sc->stmts->len)
			take_summary(sc, line, n);
		if (!ok) {
			gms_scenario_free(sc);
			sc = NULL;
			break;
		}
		pos += n + 1;
	}
	gms_lex_destroy(&lx);
	if (p.finished)
		g_hash_table_unref(p.finished);
	return sc;
}

struct gms_scenario *gms_scenario_load_max(const char *path, u64 max_size,
					   GError **err)
{
	struct gms_scenario *sc;
	GError *e = NULL;
	char *text;
	gsize len;

	if (!gms_input_read(path, max_size, &text, &len, &e)) {
		g_set_error(err, GMS_SCENARIO_ERROR, 1, "%s:0:0: %s", path,
			    e->message);
		g_error_free(e);
		return NULL;
	}
	sc = gms_scenario_parse(path, text, len, err);
	g_free(text);
	return sc;
}

struct gms_scenario *gms_scenario_load(const char *path, GError **err)
{
	return gms_scenario_load_max(path, GMS_INPUT_MAX_DEFAULT, err);
}

void gms_scenario_free(struct gms_scenario *sc)
{
	if (!sc)
		return;
	g_free(sc->path);
	g_free(sc->summary);
	g_ptr_array_unref(sc->stmts);
	g_hash_table_unref(sc->tag_ids);
	g_ptr_array_unref(sc->tags);
	g_hash_table_unref(sc->names);
	g_ptr_array_unref(sc->name_order);
	g_string_chunk_free(sc->strings);
	g_free(sc);
}

const struct gms_arg *gms_stmt_arg(const struct gms_stmt *s, const char *key)
{
	/* keys are the op table's strings, and literals are merged: mostly == */
	for (int i = 0; i < s->nargs; i++) {
		const char *k = s->args[i].key;

		if (k == key || (k[0] == key[0] && k[0] && k[1] == key[1] &&
				 !strcmp(k, key)))
			return &s->args[i];
	}
	return NULL;
}

u64 gms_stmt_num(const struct gms_stmt *s, const char *key, u64 dflt)
{
	const struct gms_arg *a = gms_stmt_arg(s, key);

	return a ? a->num : dflt;
}

bool gms_stmt_word(const struct gms_stmt *s, const char *word)
{
	for (int i = 0; i < s->nwords; i++)
		if (!strcmp(s->words[i], word))
			return true;
	return false;
}
