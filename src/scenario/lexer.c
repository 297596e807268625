// SPDX-License-Identifier: GPL-2.0
/* The .gms lexer: words, '=', ',', '=>' and '#' comments, one line at a time. */
#include "lexer.h"

static bool is_word_char(char c)
{
	return c && !g_ascii_isspace(c) && c != '=' && c != ',' && c != '#';
}

static void push(GArray *toks, enum gms_tok_kind kind, const char *s, gsize n,
		 gsize col)
{
	struct gms_tok t = { kind, g_strndup(s, n), (int)col + 1 };

	g_array_append_val(toks, t);
}

GArray *gms_lex_line(const char *line, gsize len, gsize *stmt_len)
{
	GArray *toks = g_array_new(FALSE, FALSE, sizeof(struct gms_tok));
	gsize i = 0, end = 0;

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
			push(toks, GMS_TOK_ARROW, line + i, 2, i);
			i += 2;
		} else if (c == '=' || c == ',') {
			push(toks, c == '=' ? GMS_TOK_EQ : GMS_TOK_COMMA,
			     line + i, 1, i);
			i++;
		} else {
			for (j = i; j < len && is_word_char(line[j]); j++)
				;
			if (j ==
			    i) /* a NUL: one bad character, for the parser */
				j = i + 1;
			push(toks, GMS_TOK_WORD, line + i, j - i, i);
			i = j;
		}
		end = i;
	}
	*stmt_len = end;
	return toks;
}

void gms_lex_free(GArray *toks)
{
	for (guint i = 0; i < toks->len; i++)
		g_free(g_array_index(toks, struct gms_tok, i).text);
	g_array_unref(toks);
}
