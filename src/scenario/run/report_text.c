// SPDX-License-Identifier: GPL-2.0
/* The text trace: one line per step, the failing step, the violation and its objects. */
#include <stdio.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

static void print_violations(const struct gms_step *st, FILE *out)
{
	for (guint i = 0; i < st->violations->len; i++) {
		const struct gms_violation *v = st->violations->pdata[i];

		fprintf(out, "  ! %s: %s\n", v->id, v->message);
		for (guint j = 0; j < v->objects->len; j++)
			fprintf(out, "      - %s\n",
				(char *)v->objects->pdata[j]);
	}
}

void gms_report_text(const struct gms_run *run, FILE *out, bool verbose)
{
	for (guint i = 0; i < run->steps->len; i++) {
		const struct gms_step *st = run->steps->pdata[i];
		bool last = i + 1 == run->steps->len;

		if (!verbose && st->ok && !last)
			continue;
		if (st->ok)
			fprintf(out, "  %4d  %s => %s\n", st->line, st->text,
				st->actual);
		else
			fprintf(out, "  %4d  %s => %s   [FAIL: expected %s]\n",
				st->line, st->text, st->actual, st->expected);
		if (!st->ok || verbose || last)
			print_violations(st, out);
	}
	switch (run->verdict) {
	case GMS_PASS:
		if (run->violated)
			fprintf(out, "PASS %s (violation:%s, as expected)\n",
				run->path, run->violated);
		else
			fprintf(out, "PASS %s\n", run->path);
		break;
	case GMS_FAIL:
		fprintf(out, "FAIL %s: %s\n", run->path, run->reason);
		break;
	case GMS_UNSUPPORTED:
		fprintf(out, "SKIP %s: %s\n", run->path, run->reason);
		break;
	}
}
