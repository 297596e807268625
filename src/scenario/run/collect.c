// SPDX-License-Identifier: GPL-2.0
/* Finding scenario files: *.gms under folders, sorted, for run, demo and the benchmarks. */
#include <string.h>

#include <gmemsim/scenario.h>

static void collect_dir(const char *dir, GPtrArray *out)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (!d)
		return;
	while ((name = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, name, NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			collect_dir(path, out);
		else if (g_str_has_suffix(name, ".gms"))
			g_ptr_array_add(out, g_strdup(path));
		g_free(path);
	}
	g_dir_close(d);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *gms_scenario_collect(char *const *paths, GError **err)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	for (; paths && *paths; paths++) {
		if (g_file_test(*paths, G_FILE_TEST_IS_DIR)) {
			GPtrArray *sub = g_ptr_array_new_with_free_func(g_free);

			collect_dir(*paths, sub);
			g_ptr_array_sort(sub, cmp_str);
			g_ptr_array_extend_and_steal(out, sub);
		} else if (g_file_test(*paths, G_FILE_TEST_EXISTS)) {
			g_ptr_array_add(out, g_strdup(*paths));
		} else {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT,
				    "%s: no such file or folder", *paths);
			g_ptr_array_unref(out);
			return NULL;
		}
	}
	return out;
}
