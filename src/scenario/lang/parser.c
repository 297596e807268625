// SPDX-License-Identifier: GPL-2.0
/* The .gms parser: statements, arguments, outcomes, names (DESIGN.md section 6). */
#include <stdio.h>
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

#include "lexer.h"
#include "../run/exec.h"

/* named "gms-scenario-error-quark": clang-format would space the name out */
/* clang-format off */
G_DEFINE_QUARK(gms-scenario-error-quark, gms_scenario_error)
/* clang-format on */

struct parser {
	const char *path;
	int line;
	struct gms_scenario *sc;
	GError **err;
};

static bool fail(struct parser *p, int col, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

static bool fail(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(p->err, GMS_SCENARIO_ERROR, 0, "%s:%d:%d: %s", p->path,
		    p->line, col, msg);
	g_free(msg);
	return false;
}

static bool valid_name(const char *s)
{
	if (!g_ascii_islower(*s))
		return false;
	for (s++; *s; s++)
		if (!g_ascii_islower(*s) && !g_ascii_isdigit(*s) && *s != '_')
			return false;
	return true;
}

/* decimal or 0x hex, an optional '-', an optional K/M/G/T suffix */
static bool parse_number(const char *s, u64 *out)
{
	bool neg = *s == '-';
	const char *d = s + neg;
	u64 v = 0, mul = 1;
	int base = 10;
	gsize n = strlen(d);

	if (n && strchr("KMGT", d[n - 1])) {
		mul = 1ULL << (10 * (strchr("KMGT", d[n - 1]) - "KMGT" + 1));
		n--;
	}
	if (n > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'X')) {
		base = 16;
		d += 2;
		n -= 2;
	}
	if (!n)
		return false;
	for (gsize i = 0; i < n; i++) {
		char c = d[i];
		int dig = c >= '0' && c <= '9' ? c - '0' :
			  c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			  c >= 'A' && c <= 'F' ? c - 'A' + 10 :
						 -1;

		if (dig < 0 || dig >= base || v > (G_MAXUINT64 - dig) / base)
			return false;
		v = v * base + dig;
	}
	if (v > G_MAXUINT64 / mul)
		return false;
	v *= mul;
	*out = neg ? -v : v;
	return true;
}

static u64 intern_tag(struct gms_scenario *sc, const char *name)
{
	if (!strcmp(name, "zero"))
		return 0;
	for (guint i = 0; i < sc->tags->len; i++)
		if (!strcmp(sc->tags->pdata[i], name))
			return GMS_TAG_BASE + i;
	g_ptr_array_add(sc->tags, g_strdup(name));
	return GMS_TAG_BASE + sc->tags->len - 1;
}

const char *gms_scenario_tag_name(const struct gms_scenario *sc, u64 tag)
{
	if (tag >= GMS_TAG_BASE && tag - GMS_TAG_BASE < sc->tags->len)
		return sc->tags->pdata[tag - GMS_TAG_BASE];
	return NULL;
}

static enum gms_handle_kind name_kind(struct parser *p, const char *name)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(p->sc->names, name));
}

static bool check_defined(struct parser *p, const char *name, int col)
{
	if (!valid_name(name))
		return fail(p, col, "'%s' is not a name ([a-z][a-z0-9_]*)",
			    name);
	if (name_kind(p, name) == GMS_H_NONE)
		return fail(p, col, "name '%s' used before definition", name);
	return true;
}

static bool parse_flags(struct parser *p, const struct gms_key_spec *k,
			struct gms_arg *a)
{
	if (a->nvalues == 1 && parse_number(a->values[0], &a->num))
		return true;
	a->num = 0;
	for (int i = 0; i < a->nvalues; i++) {
		const char *v = a->values[i];
		const struct gms_flag_name *f;

		for (f = k->names; f->name && strcmp(f->name, v); f++)
			;
		if (!f->name)
			return fail(p, a->col, "unknown %s '%s'", k->key, v);
		a->num |= f->bit;
	}
	return true;
}

static bool parse_value(struct parser *p, const struct gms_key_spec *k,
			struct gms_arg *a)
{
	const char *v = a->values[0];

	if (k->type != GMS_VAL_FLAGS && a->nvalues > 1)
		return fail(p, a->col, "'%s' does not take a list", k->key);
	switch (k->type) {
	case GMS_VAL_NUM:
		if (!parse_number(v, &a->num))
			return fail(p, a->col, "bad number '%s'", v);
		return true;
	case GMS_VAL_BOOL:
		if (strcmp(v, "0") && strcmp(v, "1"))
			return fail(p, a->col, "'%s' takes 0 or 1", k->key);
		a->num = v[0] == '1';
		return true;
	case GMS_VAL_NAME:
		return check_defined(p, v, a->col);
	case GMS_VAL_ADDR:
		if (parse_number(v, &a->num))
			return true;
		if (!check_defined(p, v, a->col))
			return false;
		if (name_kind(p, v) != GMS_H_MAPPING)
			return fail(p, a->col, "'%s' is not a mapping", v);
		return true;
	case GMS_VAL_TAG:
		if (!valid_name(v))
			return fail(p, a->col, "bad tag '%s'", v);
		a->num = intern_tag(p->sc, v);
		return true;
	case GMS_VAL_ENUM:
		for (a->num = 0; k->names[a->num].name; a->num++)
			if (!strcmp(k->names[a->num].name, v))
				return true;
		return fail(p, a->col, "unknown %s '%s'", k->key, v);
	case GMS_VAL_FLAGS:
		return parse_flags(p, k, a);
	case GMS_VAL_NAME_OR_WORD:
		if (!strcmp(v, "host") || !strcmp(v, "hyp"))
			return true;
		return check_defined(p, v, a->col);
	}
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

static bool parse_outcome(struct parser *p, struct gms_stmt *s,
			  const struct gms_tok *t)
{
	const char *v = t->text;
	struct gms_outcome *o = &s->outcome;

	if (g_ascii_isupper(v[0])) { /* the most common: an errno */
		o->err = gms_errno_parse(v);
		if (!o->err)
			return fail(p, t->col, "unknown errno '%s'", v);
		o->kind = GMS_OUT_ERRNO;
	} else if (!strcmp(v, "ok")) {
		o->kind = GMS_OUT_OK;
	} else if (!strcmp(v, "sigbus")) {
		o->kind = GMS_OUT_SIGBUS;
	} else if (!strcmp(v, "zero")) {
		o->kind = GMS_OUT_ZERO;
	} else if (g_str_has_prefix(v, "tag:")) {
		if (!valid_name(v + 4))
			return fail(p, t->col, "bad tag '%s'", v + 4);
		o->kind = GMS_OUT_TAG;
		o->tag = intern_tag(p->sc, v + 4);
	} else if (!strcmp(v, "scrambled")) {
		o->kind = GMS_OUT_SCRAMBLED;
	} else if (!strcmp(v, "blocked")) {
		o->kind = GMS_OUT_BLOCKED;
	} else if (!strcmp(v, "exit:memory_fault")) {
		o->kind = GMS_OUT_EXIT;
		o->exit = GMS_EXIT_MEMORY_FAULT;
	} else if (!strcmp(v, "exit:mmio")) {
		o->kind = GMS_OUT_EXIT;
		o->exit = GMS_EXIT_MMIO;
	} else if (!strcmp(v, "exit:exception")) {
		o->kind = GMS_OUT_EXIT;
		o->exit = GMS_EXIT_EXCEPTION;

	} else if (g_str_has_prefix(v, "violation:")) {
		const struct gms_invariant *inv = gms_invariant_lookup(v + 10);

		if (!inv)
			return fail(p, t->col, "unknown invariant '%s'",
				    v + 10);
		o->kind = GMS_OUT_VIOLATION;
		o->invariant = inv->id;
	} else {
		return fail(p, t->col, "unknown outcome '%s'", v);
	}
	return true;
}

static char *sc_strdup(struct parser *p, const char *str)
{
	return g_string_chunk_insert(p->sc->strings, str);
}

static struct gms_arg *new_arg(struct parser *p, struct gms_stmt *s,
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
static bool parse_kv(struct parser *p, struct gms_stmt *s, GArray *toks,
		     guint *i)
{
	struct gms_tok *key = &g_array_index(toks, struct gms_tok, *i);
	struct gms_arg *a;

	if (*i + 2 >= toks->len ||
	    g_array_index(toks, struct gms_tok, *i + 2).kind != GMS_TOK_WORD)
		return fail(p, key->col, "'%s=' needs a value", key->text);
	if (gms_stmt_arg(s, key->text))
		return fail(p, key->col, "duplicate argument '%s'", key->text);
	if (s->nargs == GMS_MAX_ARGS)
		return fail(p, key->col, "too many arguments");
	a = new_arg(p, s, key->text, key->col);
	*i += 2;
	for (;;) {
		if (a->nvalues == GMS_MAX_VALUES)
			return fail(p, a->col, "too many values for '%s'",
				    a->key);
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

static bool parse_policy(struct parser *p, struct gms_stmt *s, GArray *toks)
{
	guint i = 1;

	if (toks->len == 1)
		return fail(p, s->col, "'policy' needs KEY=VALUE");
	while (i < toks->len) {
		struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);
		struct gms_arg *a;
		struct gms_policy scratch = { 0 };
		int r;

		if (t->kind != GMS_TOK_WORD || i + 1 >= toks->len ||
		    g_array_index(toks, struct gms_tok, i + 1).kind !=
			    GMS_TOK_EQ)
			return fail(p, t->col,
				    "'policy' takes KEY=VALUE, not '%s'",
				    t->text);
		if (!parse_kv(p, s, toks, &i))
			return false;
		a = &s->args[s->nargs - 1];
		a->key = sc_strdup(p, a->key);
		if (a->nvalues != 1)
			return fail(p, a->col, "'%s' does not take a list",
				    a->key);
		r = gms_policy_set(&scratch, a->key, a->values[0]);
		if (r == -ENOENT)
			return fail(p, a->col, "unknown policy '%s'", a->key);
		if (r == -EINVAL)
			return fail(p, a->col,
				    "unknown value '%s' for policy '%s'",
				    a->values[0], a->key);
		if (r == -EOPNOTSUPP)
			return fail(p, a->col,
				    "policy %s=%s is not modelled yet", a->key,
				    a->values[0]);
	}
	return true;
}

static bool check_keys(struct parser *p, struct gms_stmt *s)
{
	for (int i = 0; i < s->nargs; i++) {
		struct gms_arg *a = &s->args[i];
		const struct gms_key_spec *k = find_key(s->op, a->key);

		if (!k)
			return fail(p, a->col, "unknown argument '%s' for %s",
				    a->key, s->op->verb);
		a->key =
			k->key; /* the table's string: lookups compare pointers first */
		if (!parse_value(p, k, a))
			return false;
	}
	for (const struct gms_key_spec *k = s->op->keys; k && k->key; k++)
		if (k->required && !gms_stmt_arg(s, k->key))
			return fail(p, s->col, "%s: missing argument '%s='",
				    s->op->verb, k->key);
	return true;
}

static bool check_positional(struct parser *p, struct gms_stmt *s, GArray *toks,
			     guint i)
{
	struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);

	if (s->npos >= s->op->npos) {
		if (!word_allowed(s->op, t->text))
			return fail(p, t->col, "unknown argument '%s' for %s",
				    t->text, s->op->verb);
		if (gms_stmt_word(s, t->text))
			return fail(p, t->col, "duplicate argument '%s'",
				    t->text);
		s->words[s->nwords++] = sc_strdup(p, t->text);
		return true;
	}
	if (s->npos == 0 && s->op->defines) {
		if (!valid_name(t->text))
			return fail(p, t->col,
				    "'%s' is not a name ([a-z][a-z0-9_]*)",
				    t->text);
		if (name_kind(p, t->text))
			return fail(p, t->col, "duplicate name '%s'", t->text);
	} else if (!check_defined(p, t->text, t->col)) {
		return false;
	}
	s->pos[s->npos++] = sc_strdup(p, t->text);
	return true;
}

static bool parse_op(struct parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *verb = &g_array_index(toks, struct gms_tok, 0);
	guint i = 1;

	s->op = gms_op_lookup(verb->text);
	if (!s->op)
		return fail(p, verb->col, "unknown op '%s'", verb->text);
	while (i < toks->len) {
		struct gms_tok *t = &g_array_index(toks, struct gms_tok, i);

		if (t->kind == GMS_TOK_ARROW) {
			if (i + 1 >= toks->len ||
			    g_array_index(toks, struct gms_tok, i + 1).kind !=
				    GMS_TOK_WORD)
				return fail(p, t->col, "'=>' needs an outcome");
			if (!parse_outcome(p, s,
					   &g_array_index(toks, struct gms_tok,
							  i + 1)))
				return false;
			if (i + 2 < toks->len)
				return fail(p,
					    g_array_index(toks, struct gms_tok,
							  i + 2)
						    .col,
					    "unexpected '%s' after the outcome",
					    g_array_index(toks, struct gms_tok,
							  i + 2)
						    .text);
			break;
		}
		if (t->kind != GMS_TOK_WORD)
			return fail(p, t->col, "unexpected '%s'", t->text);
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
		return fail(p, verb->col, "%s: missing name (usage: %s)",
			    s->op->verb, s->op->synopsis);
	if (!check_keys(p, s))
		return false;
	if (s->op->not_modelled)
		return fail(p, verb->col, "%s is not modelled yet: %s",
			    s->op->verb, s->op->not_modelled);
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
static bool parse_spawn(struct parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *name;

	if (toks->len < 3 ||
	    g_array_index(toks, struct gms_tok, 1).kind != GMS_TOK_WORD ||
	    g_array_index(toks, struct gms_tok, 2).kind != GMS_TOK_WORD)
		return fail(p, g_array_index(toks, struct gms_tok, 0).col,
			    "spawn needs a task name and an op");
	name = &g_array_index(toks, struct gms_tok, 1);
	if (!valid_name(name->text))
		return fail(p, name->col,
			    "'%s' is not a name ([a-z][a-z0-9_]*)", name->text);
	if (name_kind(p, name->text) != GMS_H_NONE)
		return fail(p, name->col, "name '%s' is already defined",
			    name->text);
	s->task = sc_strdup(p, name->text);
	g_array_remove_range(toks, 0, 2);
	if (!parse_op(p, s, toks))
		return false;
	if (!s->op->spawn)
		return fail(
			p, g_array_index(toks, struct gms_tok, 0).col,
			"%s cannot run as a task (guest.read, guest.write, gmem.punch, memslot.delete, gmem.close and attr.set can)",
			s->op->verb);
	if (s->outcome.kind != GMS_OUT_NONE)
		return fail(p, g_array_index(toks, struct gms_tok, 0).col,
			    "a task's outcome goes on 'finish %s'", s->task);
	s->spawned = s->op;
	s->op = &gms_op_spawn;
	g_hash_table_insert(p->sc->names, (char *)s->task,
			    GINT_TO_POINTER(GMS_H_TASK));
	g_ptr_array_add(p->sc->name_order, (char *)s->task);
	return true;
}

/* 'step' TASK [N] ['=>' outcome] | 'finish' TASK ['=>' outcome] */
static bool parse_step(struct parser *p, struct gms_stmt *s, GArray *toks)
{
	struct gms_tok *verb = &g_array_index(toks, struct gms_tok, 0);
	bool step = !strcmp(verb->text, "step");
	guint i = 2;
	struct gms_tok *t;
	u64 n = 1;

	if (toks->len < 2 ||
	    g_array_index(toks, struct gms_tok, 1).kind != GMS_TOK_WORD)
		return fail(p, verb->col, "%s needs a task name", verb->text);
	t = &g_array_index(toks, struct gms_tok, 1);
	if (name_kind(p, t->text) != GMS_H_TASK)
		return fail(p, t->col, "'%s' is not a task spawned before",
			    t->text);
	s->task = sc_strdup(p, t->text);
	s->op = step ? &gms_op_step : &gms_op_finish;
	if (step && i < toks->len &&
	    g_array_index(toks, struct gms_tok, i).kind == GMS_TOK_WORD) {
		t = &g_array_index(toks, struct gms_tok, i);
		if (!parse_number(t->text, &n) || !n || n > 1000)
			return fail(p, t->col,
				    "bad step count '%s' (1 to 1000)", t->text);
		i++;
	}
	s->count = (int)n;
	if (i < toks->len) {
		t = &g_array_index(toks, struct gms_tok, i);
		if (t->kind != GMS_TOK_ARROW)
			return fail(p, t->col, "unexpected '%s'", t->text);
		if (i + 1 >= toks->len ||
		    g_array_index(toks, struct gms_tok, i + 1).kind !=
			    GMS_TOK_WORD)
			return fail(p, t->col, "'=>' needs an outcome");
		if (!parse_outcome(p, s,
				   &g_array_index(toks, struct gms_tok, i + 1)))
			return false;
		if (i + 2 < toks->len)
			return fail(
				p,
				g_array_index(toks, struct gms_tok, i + 2).col,
				"unexpected '%s' after the outcome",
				g_array_index(toks, struct gms_tok, i + 2).text);
	}
	return true;
}

static bool parse_stmt_into(struct parser *p, struct gms_stmt *s, GArray *toks,
			    const char *line, gsize stmt_len)
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
			return fail(p, t->col, "invalid character");
	}
	if (first->kind != GMS_TOK_WORD)
		return fail(p, first->col, "unexpected '%s'", first->text);
	s->kind = GMS_STMT_OP;
	if (strchr(first->text, '.')) /* an op: the keywords have no dot */
		return parse_op(p, s, toks);
	if (!strcmp(first->text, "policy")) {
		s->kind = GMS_STMT_POLICY;
		return parse_policy(p, s, toks);
	}
	if (!strcmp(first->text, "spawn"))
		return parse_spawn(p, s, toks);
	if (!strcmp(first->text, "step") || !strcmp(first->text, "finish"))
		return parse_step(p, s, toks);
	return parse_op(p, s, toks);
}

static bool parse_stmt(struct parser *p, GArray *toks, const char *line,
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
	struct parser p = { .path = path, .sc = sc, .err = err };
	struct gms_lexer lx;
	gsize pos = 0;

	sc->path = g_strdup(path);
	/* about one statement per 32 bytes of text: rarely regrown */
	sc->stmts = g_ptr_array_sized_new(len / 32 + 8);
	g_ptr_array_set_free_func(sc->stmts, (GDestroyNotify)stmt_free);
	sc->tags = g_ptr_array_new_with_free_func(g_free);
	/* names and name_order point into strings */
	sc->names = g_hash_table_new(g_str_hash, g_str_equal);
	sc->name_order = g_ptr_array_new();
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
			gms_lex_destroy(&lx);
			gms_scenario_free(sc);
			return NULL;
		}
		pos += n + 1;
	}
	gms_lex_destroy(&lx);
	return sc;
}

struct gms_scenario *gms_scenario_load(const char *path, GError **err)
{
	struct gms_scenario *sc;
	GError *e = NULL;
	char *text;
	gsize len;

	if (!g_file_get_contents(path, &text, &len, &e)) {
		g_set_error(err, GMS_SCENARIO_ERROR, 1, "%s:0:0: %s", path,
			    e->message);
		g_error_free(e);
		return NULL;
	}
	sc = gms_scenario_parse(path, text, len, err);
	g_free(text);
	return sc;
}

void gms_scenario_free(struct gms_scenario *sc)
{
	if (!sc)
		return;
	g_free(sc->path);
	g_free(sc->summary);
	g_ptr_array_unref(sc->stmts);
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
