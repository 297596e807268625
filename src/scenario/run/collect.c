// SPDX-License-Identifier: GPL-2.0
/*
 * Finding scenario files: *.gms under folders, sorted, for run, demo and the
 * benchmarks. Each folder and each file is visited once by its (st_dev,
 * st_ino), so links that loop (two links to ".") end the walk instead of
 * making it endless, and a file reached by two links runs once.
 */
#include <string.h>
#include <sys/stat.h>

#include <gmemsim/scenario.h>

/* (st_dev, st_ino) as a hash key */
static char *file_id(const struct stat *st)
{
	return g_strdup_printf("%llx:%llx", (unsigned long long)st->st_dev,
			       (unsigned long long)st->st_ino);
}

/* true the first time @st is seen */
static bool first_visit(GHashTable *seen, const struct stat *st)
{
	return g_hash_table_add(seen, file_id(st));
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @dir's entries, sorted: which of two links to a file is kept is the same on every disk */
static GPtrArray *sorted_entries(const char *dir)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d)))
		g_ptr_array_add(names, g_strdup(name));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, cmp_str);
	return names;
}

static void collect_dir(const char *dir, GHashTable *seen, GPtrArray *out)
{
	GPtrArray *names = sorted_entries(dir);

	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *path = g_build_filename(dir, name, NULL);
		struct stat st;

		/* stat(), not lstat(): a link to a folder is followed, once */
		if (stat(path, &st)) {
			/* a dangling link: the loader says so if it is a .gms */
			if (g_str_has_suffix(name, ".gms"))
				g_ptr_array_add(out, g_strdup(path));
		} else if (S_ISDIR(st.st_mode)) {
			if (first_visit(seen, &st))
				collect_dir(path, seen, out);
		} else if (g_str_has_suffix(name, ".gms") &&
			   first_visit(seen, &st)) {
			g_ptr_array_add(out, g_strdup(path));
		}
		g_free(path);
	}
	g_ptr_array_unref(names);
}

GPtrArray *gms_scenario_collect(char *const *paths, GError **err)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GHashTable *seen =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (; paths && *paths; paths++) {
		struct stat st;

		if (stat(*paths, &st)) {
			g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT,
				    "%s: no such file or folder", *paths);
			g_ptr_array_unref(out);
			out = NULL;
			break;
		}
		if (!first_visit(seen, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			GPtrArray *sub = g_ptr_array_new_with_free_func(g_free);

			collect_dir(*paths, seen, sub);
			/* by path, as ever: the matrix's rows keep their order */
			g_ptr_array_sort(sub, cmp_str);
			g_ptr_array_extend_and_steal(out, sub);
		} else
			g_ptr_array_add(out, g_strdup(*paths));
	}
	g_hash_table_unref(seen);
	return out;
}
