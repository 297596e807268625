/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hardware tables keyed by pfn or handle that exist from their first entry:
 * a host that never ran a confidential VM allocates none (most scenarios).
 * NULL reads as an empty table.
 */
#ifndef GMEMSIM_HW_TABLE_H
#define GMEMSIM_HW_TABLE_H

#include <stdbool.h>

#include <glib.h>

static inline GHashTable *gms_hw_table(GHashTable **t,
				       GDestroyNotify value_free)
{
	if (!*t)
		*t = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					   value_free);
	return *t;
}

static inline gpointer gms_hw_table_lookup(GHashTable *t, gconstpointer key)
{
	return t ? g_hash_table_lookup(t, key) : NULL;
}

static inline bool gms_hw_table_contains(GHashTable *t, gconstpointer key)
{
	return t && g_hash_table_contains(t, key);
}

static inline guint gms_hw_table_size(GHashTable *t)
{
	return t ? g_hash_table_size(t) : 0;
}

static inline void gms_hw_table_remove(GHashTable *t, gconstpointer key)
{
	if (t)
		g_hash_table_remove(t, key);
}

/* a table never made iterates as empty */
static inline void gms_hw_table_iter_init(GHashTableIter *it, GHashTable *t)
{
	if (t)
		g_hash_table_iter_init(it, t);
}

static inline bool gms_hw_table_iter_next(GHashTableIter *it, GHashTable *t,
					  gpointer *key, gpointer *value)
{
	return t && g_hash_table_iter_next(it, key, value);
}

static inline void gms_hw_table_free(GHashTable **t)
{
	if (*t)
		g_hash_table_unref(*t);
	*t = NULL;
}

#endif
