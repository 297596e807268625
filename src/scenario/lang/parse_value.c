// SPDX-License-Identifier: GPL-2.0
/*
 * The parser's values: numbers, names, tags, flags and enums by the op
 * table's key types, and the outcome after '=>' with its details.
 */
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

#include "lexer.h"
#include "parser_internal.h"

bool gms_parse_valid_name(const char *s)
{
	if (!g_ascii_islower(*s))
		return false;
	for (s++; *s; s++)
		if (!g_ascii_islower(*s) && !g_ascii_isdigit(*s) && *s != '_')
			return false;
	return true;
}

/*
 * decimal or 0x hex, an optional '-', an optional K/M/G/T suffix; false for
 * what does not fit in 64 bits (or, negative, in an s64): never a wrap
 */
bool gms_parse_number(const char *s, u64 *out)
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
	/* a negative number is an s64 (an loff_t): -2^63 at the least */
	if (neg && v > (u64)G_MAXINT64 + 1)
		return false;
	*out = neg ? -v : v;
	return true;
}

static u64 intern_tag(struct gms_scenario *sc, const char *name)
{
	guint id;
	char *s;

	if (!strcmp(name, "zero"))
		return 0;
	id = GPOINTER_TO_UINT(g_hash_table_lookup(sc->tag_ids, name));
	if (id)
		return GMS_TAG_BASE + id - 1;
	s = g_strdup(name);
	g_ptr_array_add(sc->tags, s);
	g_hash_table_insert(sc->tag_ids, s, GUINT_TO_POINTER(sc->tags->len));
	return GMS_TAG_BASE + sc->tags->len - 1;
}

const char *gms_scenario_tag_name(const struct gms_scenario *sc, u64 tag)
{
	if (tag >= GMS_TAG_BASE && tag - GMS_TAG_BASE < sc->tags->len)
		return sc->tags->pdata[tag - GMS_TAG_BASE];
	return NULL;
}

enum gms_handle_kind gms_parse_name_kind(struct gms_parser *p, const char *name)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(p->sc->names, name));
}

bool gms_parse_check_defined(struct gms_parser *p, const char *name, int col)
{
	if (!gms_parse_valid_name(name))
		return gms_parse_fail(
			p, col, "'%s' is not a name ([a-z][a-z0-9_]*)", name);
	if (gms_parse_name_kind(p, name) == GMS_H_NONE)
		return gms_parse_fail(p, col,
				      "name '%s' used before definition", name);
	return true;
}

static bool parse_flags(struct gms_parser *p, const struct gms_key_spec *k,
			struct gms_arg *a)
{
	if (a->nvalues == 1 && gms_parse_number(a->values[0], &a->num))
		return true;
	a->num = 0;
	for (int i = 0; i < a->nvalues; i++) {
		const char *v = a->values[i];
		const struct gms_flag_name *f;

		for (f = k->names; f->name && strcmp(f->name, v); f++)
			;
		if (!f->name)
			return gms_parse_fail(p, a->col, "unknown %s '%s'",
					      k->key, v);
		a->num |= f->bit;
	}
	return true;
}

bool gms_parse_value(struct gms_parser *p, const struct gms_key_spec *k,
		     struct gms_arg *a)
{
	const char *v = a->values[0];

	if (k->type != GMS_VAL_FLAGS && a->nvalues > 1)
		return gms_parse_fail(p, a->col, "'%s' does not take a list",
				      k->key);
	switch (k->type) {
	case GMS_VAL_NUM:
		if (!gms_parse_number(v, &a->num))
			return gms_parse_fail(p, a->col, "bad number '%s'", v);
		return true;
	case GMS_VAL_BOOL:
		if (strcmp(v, "0") && strcmp(v, "1"))
			return gms_parse_fail(p, a->col, "'%s' takes 0 or 1",
					      k->key);
		a->num = v[0] == '1';
		return true;
	case GMS_VAL_NAME:
		return gms_parse_check_defined(p, v, a->col);
	case GMS_VAL_ADDR:
		if (gms_parse_number(v, &a->num))
			return true;
		if (!gms_parse_check_defined(p, v, a->col))
			return false;
		if (gms_parse_name_kind(p, v) != GMS_H_MAPPING)
			return gms_parse_fail(p, a->col,
					      "'%s' is not a mapping", v);
		return true;
	case GMS_VAL_TAG:
		if (!gms_parse_valid_name(v))
			return gms_parse_fail(p, a->col, "bad tag '%s'", v);
		a->num = intern_tag(p->sc, v);
		return true;
	case GMS_VAL_ENUM:
		for (a->num = 0; k->names[a->num].name; a->num++)
			if (!strcmp(k->names[a->num].name, v))
				return true;
		return gms_parse_fail(p, a->col, "unknown %s '%s'", k->key, v);
	case GMS_VAL_FLAGS:
		return parse_flags(p, k, a);
	case GMS_VAL_NAME_OR_WORD:
		if (!strcmp(v, "host") || !strcmp(v, "hyp"))
			return true;
		return gms_parse_check_defined(p, v, a->col);
	}
	return false;
}

bool gms_parse_outcome(struct gms_parser *p, struct gms_stmt *s,
		       const struct gms_tok *t)
{
	const char *v = t->text;
	struct gms_outcome *o = &s->outcome;

	if (g_ascii_isupper(v[0])) { /* the most common: an errno */
		const char *at = strchr(v, '@');
		g_autofree char *name =
			g_strndup(v, at ? (gsize)(at - v) : strlen(v));

		o->err = gms_errno_parse(name);
		if (!o->err)
			return gms_parse_fail(p, t->col, "unknown errno '%s'",
					      name);
		/* ERRNO@OFFSET: the offset the call reports with it */
		if (at && !gms_parse_number(at + 1, &o->offset))
			return gms_parse_fail(p, t->col + (int)(at - v) + 1,
					      "bad error offset '%s'", at + 1);
		o->has_offset = at != NULL;
		o->kind = GMS_OUT_ERRNO;
	} else if (!strcmp(v, "ok")) {
		o->kind = GMS_OUT_OK;
	} else if (!strcmp(v, "sigbus")) {
		o->kind = GMS_OUT_SIGBUS;
	} else if (!strcmp(v, "sigsegv")) {
		o->kind = GMS_OUT_SIGSEGV;
	} else if (!strcmp(v, "uffd:missing")) {
		o->kind = GMS_OUT_UFFD_MISSING;
	} else if (!strcmp(v, "uffd:minor")) {
		o->kind = GMS_OUT_UFFD_MINOR;
	} else if (!strcmp(v, "zero")) {
		o->kind = GMS_OUT_ZERO;
	} else if (g_str_has_prefix(v, "tag:")) {
		if (!gms_parse_valid_name(v + 4))
			return gms_parse_fail(p, t->col, "bad tag '%s'", v + 4);
		o->kind = GMS_OUT_TAG;
		o->tag = intern_tag(p->sc, v + 4);
	} else if (g_str_has_prefix(v, "value:")) {
		if (!gms_parse_number(v + 6, &o->value))
			return gms_parse_fail(p, t->col, "bad value '%s'",
					      v + 6);
		o->kind = GMS_OUT_VALUE;
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
			return gms_parse_fail(p, t->col,
					      "unknown invariant '%s'", v + 10);
		o->kind = GMS_OUT_VIOLATION;
		o->invariant = inv->id;
	} else {
		return gms_parse_fail(p, t->col, "unknown outcome '%s'", v);
	}
	return true;
}

static const struct gms_tok *tok_at(GArray *toks, guint i)
{
	return i < toks->len ? &g_array_index(toks, struct gms_tok, i) : NULL;
}

static bool is_memory_fault(const struct gms_outcome *o)
{
	return o->kind == GMS_OUT_EXIT && o->exit == GMS_EXIT_MEMORY_FAULT;
}

/* gpa=N or size=N at toks[i] */
static bool parse_detail_num(struct gms_parser *p, GArray *toks, guint i,
			     bool *has, u64 *num)
{
	const struct gms_tok *key = tok_at(toks, i), *eq = tok_at(toks, i + 1),
			     *v = tok_at(toks, i + 2),
			     *next = tok_at(toks, i + 3);

	if (!eq || eq->kind != GMS_TOK_EQ || !v || v->kind != GMS_TOK_WORD)
		return gms_parse_fail(p, key->col, "'%s=' needs a value",
				      key->text);
	if (*has)
		return gms_parse_fail(p, key->col, "duplicate detail '%s'",
				      key->text);
	if (next && next->kind == GMS_TOK_COMMA)
		return gms_parse_fail(p, key->col, "'%s' does not take a list",
				      key->text);
	if (!gms_parse_number(v->text, num))
		return gms_parse_fail(p, key->col, "bad number '%s'", v->text);
	*has = true;
	return true;
}

bool gms_parse_outcome_details(struct gms_parser *p, struct gms_stmt *s,
			       GArray *toks, guint i)
{
	struct gms_outcome *o = &s->outcome;
	const char *outcome = tok_at(toks, i - 1)->text;

	while (i < toks->len) {
		const struct gms_tok *t = tok_at(toks, i),
				     *eq = tok_at(toks, i + 1);
		bool kv = eq && eq->kind == GMS_TOK_EQ;
		bool gpa = !strcmp(t->text, "gpa");
		bool size = !strcmp(t->text, "size");
		bool word = !kv && (!strcmp(t->text, "private") ||
				    !strcmp(t->text, "shared"));

		if (t->kind == GMS_TOK_WORD && !is_memory_fault(o) &&
		    (gpa || size || word))
			return gms_parse_fail(
				p, t->col,
				"'%s%s' is a detail of exit:memory_fault, not of %s",
				t->text, kv ? "=" : "", outcome);
		if (t->kind != GMS_TOK_WORD || !is_memory_fault(o))
			return gms_parse_fail(
				p, t->col, "unexpected '%s' after the outcome",
				t->text);
		if (gpa || size) {
			if (!parse_detail_num(p, toks, i,
					      gpa ? &o->has_gpa : &o->has_size,
					      gpa ? &o->gpa : &o->size))
				return false;
			i += 3;
			continue;
		}
		if (!word)
			return gms_parse_fail(
				p, t->col,
				"unknown detail '%s%s' for exit:memory_fault (gpa=, size=, private or shared)",
				t->text, kv ? "=" : "");
		if (o->has_private)
			return gms_parse_fail(p, t->col,
					      "duplicate detail '%s'", t->text);
		o->has_private = true;
		o->is_private = t->text[0] == 'p';
		i++;
	}
	return true;
}
