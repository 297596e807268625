/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_SCENARIO_LANG_LEXER_H
#define GMEMSIM_SRC_SCENARIO_LANG_LEXER_H

#include <stdbool.h>

#include <glib.h>

enum gms_tok_kind { GMS_TOK_WORD, GMS_TOK_EQ, GMS_TOK_COMMA, GMS_TOK_ARROW };

struct gms_tok {
	enum gms_tok_kind kind;
	char *text; /* points into the lexer's buffer, valid until the next line */
	int col; /* 1-based */
	bool bad; /* a byte outside printable ASCII, or a NUL */
};

struct gms_lexer {
	GArray *toks; /* struct gms_tok of the current line */
	GString *buf;
	gsize cap; /* tokens toks has room for */
};

void gms_lex_init(struct gms_lexer *lx);
void gms_lex_destroy(struct gms_lexer *lx);
/* Split one line into lx->toks; stops at '#'. */
void gms_lex_line(struct gms_lexer *lx, const char *line, gsize len,
		  gsize *stmt_len);

#endif
