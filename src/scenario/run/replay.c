// SPDX-License-Identifier: GPL-2.0
/*
 * A run written back as the scenario that replays it: each statement with
 * the outcome it had, so `gmemsim run` expects what happened and reaches the
 * same violation (explore's counterexamples, `gmemsim fuzz-decode`).
 */
#include <string.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

const char *gms_step_outcome(struct gms_run *run, const struct gms_step *st)
{
	const struct gms_violation *v;
	const char *paren;

	if (st->violations && st->violations->len) {
		char *s;
		const char *kept;

		v = st->violations->pdata[0];
		s = g_strconcat("violation:", v->id, NULL);
		kept = g_string_chunk_insert_const(run->strings, s);
		g_free(s);
		return kept;
	}
	if (!st->raw || !strcmp(st->raw, "ok"))
		return NULL;
	/* "exit:memory_fault ... (EFAULT)": the errno is the trace's */
	paren = strstr(st->raw, " (");
	return paren ? g_string_chunk_insert_len(run->strings, st->raw,
						 paren - st->raw) :
		       st->raw;
}

/* the statement of @st with its outcome; true at a violation */
static bool write_step(struct gms_run *run, const struct gms_step *st,
		       GString *out)
{
	const char *outcome = gms_step_outcome(run, st);

	/*
	 * A step the runner could not take (a step of a task that has ended)
	 * did nothing: left out, as a comment, it replays the same.
	 */
	if (st->raw && g_str_has_prefix(st->raw, "mismatch: ")) {
		g_string_append_printf(out, "# %s  (left out: %s)\n", st->text,
				       st->raw + strlen("mismatch: "));
		return false;
	}
	g_string_append(out, st->text);
	if (outcome)
		g_string_append_printf(out, " => %s", outcome);
	g_string_append_c(out, '\n');
	return outcome && g_str_has_prefix(outcome, "violation:");
}

/* the line of the last statement the run took, 0 for none */
static int last_line(const struct gms_run *run)
{
	int last = 0;

	for (guint i = 0; i < run->steps->len; i++)
		last = MAX(
			last,
			((const struct gms_step *)run->steps->pdata[i])->line);
	return last;
}

/* a line that makes a step: what the run stopped before is left out */
static bool runs(const char *line, gsize n)
{
	while (n && g_ascii_isspace(*line)) {
		line++;
		n--;
	}
	return n && *line != '#' &&
	       !(n > 6 && !strncmp(line, "policy", 6) &&
		 g_ascii_isspace(line[6]));
}

char *gms_run_replay_text(struct gms_run *run, const char *text)
{
	GString *out = g_string_new(NULL);
	int line = 0, last = last_line(run);
	const struct gms_step *end = NULL;
	guint k = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		gsize n = nl ? (gsize)(nl - text) : strlen(text);
		const struct gms_step *st =
			k < run->steps->len ? run->steps->pdata[k] : NULL;

		if (st && st->line == ++line) {
			k++;
			if (write_step(run, st, out))
				break;
		} else if (line < last || !runs(text, n)) {
			/* comments, blank and policy lines */
			g_string_append_len(out, text, n);
			g_string_append_c(out, '\n');
		}
		text += n + (nl != NULL);
	}
	/* the end-of-run check (line 0): no statement can expect it */
	if (run->steps->len)
		end = run->steps->pdata[run->steps->len - 1];
	if (end && end->line <= 0 && end->violations && end->violations->len)
		g_string_append_printf(
			out,
			"# violation:%s at the end: `gmemsim run` reports it\n",
			((const struct gms_violation *)end->violations->pdata[0])
				->id);
	return g_string_free(out, FALSE);
}
