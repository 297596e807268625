/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_LEXER_H
#define GMEMSIM_SRC_LEXER_H

#include <stdbool.h>

#include <glib.h>

enum gms_tok_kind { GMS_TOK_WORD, GMS_TOK_EQ, GMS_TOK_COMMA, GMS_TOK_ARROW };

struct gms_tok {
	enum gms_tok_kind kind;
	char *text;
	int col; /* 1-based */
};

/* Split one line into tokens; stops at '#'. Returns struct gms_tok (owned). */
GArray *gms_lex_line(const char *line, gsize len, gsize *stmt_len);
void gms_lex_free(GArray *toks);

#endif
