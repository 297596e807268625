// SPDX-License-Identifier: GPL-2.0
/* The .gms lexer: words, '=', ',', '=>' and '#' comments, one line at a time. */
#include <string.h>

#include "lexer.h"

/* what a byte is to the lexer: one table lookup per byte */
enum { SPACE = 1, BREAK = 2, BAD = 4 };
static const unsigned char cls[256] = {
	/* g_ascii_isspace(): not '\v', which is a bad byte in a word */
	[' '] = SPACE,	     ['\t'] = SPACE, ['\n'] = SPACE,
	['\f'] = SPACE,	     ['\r'] = SPACE, [0] = BREAK | BAD,
	['='] = BREAK,	     [','] = BREAK,  ['#'] = BREAK,
	[1 ... 8] = BAD,     ['\v'] = BAD,   [14 ... 31] = BAD,
	[127 ... 255] = BAD,
};

static bool is_word_char(unsigned char c)
{
	return !(cls[c] & (SPACE | BREAK));
}

/*
 * Token texts live in one buffer per line, sized so it never moves: every
 * token plus its NUL fits in 2 * len + 1 bytes. toks keeps its room between
 * lines and is filled in place: growing a GArray's length copies and zeroes.
 */
static void push(struct gms_lexer *lx, guint *n, enum gms_tok_kind kind,
		 const char *s, gsize len, gsize col, bool bad)
{
	GString *buf = lx->buf;
	struct gms_tok *t;

	if (*n == lx->cap) {
		lx->cap *= 2;
		lx->toks->len = *n;
		g_array_set_size(lx->toks, lx->cap);
	}
	t = &g_array_index(lx->toks, struct gms_tok, (*n)++);
	t->kind = kind;
	t->text = buf->str + buf->len;
	t->col = (int)col + 1;
	t->bad = bad;
	memcpy(t->text, s, len);
	t->text[len] = '\0';
	buf->len += len + 1;
	buf->str[buf->len] = '\0'; /* GString's own invariant */
}

void gms_lex_line(struct gms_lexer *lx, const char *line, gsize len,
		  gsize *stmt_len)
{
	GString *buf = lx->buf;
	gsize i = 0, end = 0;
	guint n = 0;

	if (buf->allocated_len <= 2 * len + 1)
		g_string_set_size(buf, 2 * len + 1);
	g_string_truncate(buf, 0);
	while (i < len) {
		unsigned char c = line[i], bad = 0;
		gsize j;

		if (cls[c] & SPACE) {
			i++;
			continue;
		}
		if (c == '#')
			break;
		if (c == '=' && i + 1 < len && line[i + 1] == '>') {
			push(lx, &n, GMS_TOK_ARROW, line + i, 2, i, false);
			i += 2;
		} else if (c == '=' || c == ',') {
			push(lx, &n, c == '=' ? GMS_TOK_EQ : GMS_TOK_COMMA,
			     line + i, 1, i, false);
			i++;
		} else {
			for (j = i; j < len && is_word_char(line[j]); j++)
				bad |= cls[(unsigned char)line[j]];
			if (j ==
			    i) { /* a NUL: one bad character, for the parser */
				j = i + 1;
				bad = BAD;
			}
			push(lx, &n, GMS_TOK_WORD, line + i, j - i, i,
			     bad & BAD);
			i = j;
		}
		end = i;
	}
	lx->toks->len = n; /* within the room push() made */
	*stmt_len = end;
}

void gms_lex_init(struct gms_lexer *lx)
{
	lx->cap = 32;
	lx->toks = g_array_sized_new(FALSE, FALSE, sizeof(struct gms_tok),
				     lx->cap);
	lx->buf = g_string_sized_new(256);
}

void gms_lex_destroy(struct gms_lexer *lx)
{
	g_array_unref(lx->toks);
	g_string_free(lx->buf, TRUE);
}
