// SPDX-License-Identifier: GPL-2.0
/* The .gms lexer: words, '=', ',', '=>' and '#' comments, one line at a time. */
#include <string.h>

#include "lexer.h"

static bool is_word_char(char c)
{
	return c && !g_ascii_isspace(c) && c != '=' && c != ',' && c != '#';
}

/*
 * Token texts live in one buffer per line, sized so it never moves: every
 * token plus its NUL fits in 2 * len + 1 bytes.
 */
static void push(GArray *toks, GString *buf, enum gms_tok_kind kind,
		 const char *s, gsize n, gsize col)
{
	struct gms_tok t = { kind, buf->str + buf->len, (int)col + 1 };

	/* room is reserved by gms_lex_line(): no g_string growth path here */
	memcpy(t.text, s, n);
	t.text[n] = '\0';
	buf->len += n + 1;
	buf->str[buf->len] = '\0'; /* GString's own invariant */
	g_array_append_val(toks, t);
}

void gms_lex_line(struct gms_lexer *lx, const char *line, gsize len,
		  gsize *stmt_len)
{
	GArray *toks = lx->toks;
	GString *buf = lx->buf;
	gsize i = 0, end = 0;

	g_array_set_size(toks, 0);
	g_string_truncate(buf, 0);
	if (buf->allocated_len <= 2 * len + 1)
		g_string_set_size(buf, 2 * len + 1), g_string_truncate(buf, 0);
	while (i < len) {
		char c = line[i];
		gsize j;

		if (g_ascii_isspace(c)) {
			i++;
			continue;
		}
		if (c == '#')
			break;
		if (c == '=' && i + 1 < len && line[i + 1] == '>') {
			push(toks, buf, GMS_TOK_ARROW, line + i, 2, i);
			i += 2;
		} else if (c == '=' || c == ',') {
			push(toks, buf, c == '=' ? GMS_TOK_EQ : GMS_TOK_COMMA,
			     line + i, 1, i);
			i++;
		} else {
			for (j = i; j < len && is_word_char(line[j]); j++)
				;
			if (j ==
			    i) /* a NUL: one bad character, for the parser */
				j = i + 1;
			push(toks, buf, GMS_TOK_WORD, line + i, j - i, i);
			i = j;
		}
		end = i;
	}
	*stmt_len = end;
}

void gms_lex_init(struct gms_lexer *lx)
{
	lx->toks = g_array_sized_new(FALSE, FALSE, sizeof(struct gms_tok), 32);
	lx->buf = g_string_sized_new(256);
}

void gms_lex_destroy(struct gms_lexer *lx)
{
	g_array_unref(lx->toks);
	g_string_free(lx->buf, TRUE);
}
