// SPDX-License-Identifier: GPL-2.0
/* The model-bug log behind GMS_WARN_ON() (include/gmemsim/warn.h). */
#include <gmemsim/warn.h>

void gms_warn_log_init(struct gms_warn_log *log)
{
	log->count = 0;
	log->last = NULL;
}

void gms_warn_log_destroy(struct gms_warn_log *log)
{
	g_free(log->last);
	log->last = NULL;
}

/* mirrors: __warn(): where, what; the caller goes on */
void gms_warn(struct gms_warn_log *log, const char *file, int line,
	      const char *what)
{
	/* __FILE__ is relative to the build directory: name it from the top */
	while (g_str_has_prefix(file, "../"))
		file += 3;
	log->count++;
	g_free(log->last);
	log->last = g_strdup_printf("%s:%d: %s", file, line, what);
	g_warning("gmemsim model bug: %s", log->last);
}
