/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An xarray with multi-index entries, reduced to what guest_memfd needs:
 * ranges [start, end) of u64 indices mapped to a non-zero value. Storage
 * scales with the number of ranges, never with the number of indices.
 */
#ifndef GMEMSIM_RANGE_MAP_H
#define GMEMSIM_RANGE_MAP_H

#include <glib.h>
#include <gmemsim/types.h>

struct gms_range {
	u64 start;
	u64 end; /* exclusive */
	uintptr_t val;
};

struct gms_range_map {
	GTree *tree; /* &range->start -> struct gms_range; NULL until a store */
};

void gms_range_map_init(struct gms_range_map *m);
void gms_range_map_destroy(struct gms_range_map *m);
/* mirrors: xa_store_range(); val == 0 erases, like storing NULL */
void gms_range_map_store(struct gms_range_map *m, u64 start, u64 end,
			 uintptr_t val);
/* mirrors: xa_load() */
uintptr_t gms_range_map_load(const struct gms_range_map *m, u64 index);
/* mirrors: xa_find(): the first range intersecting [start, end), or NULL */
const struct gms_range *gms_range_map_find(const struct gms_range_map *m,
					   u64 start, u64 end);
/* the range after @r, or the first one when @r is NULL */
const struct gms_range *gms_range_map_next(const struct gms_range_map *m,
					   const struct gms_range *r);
/* true if every index of [start, end) holds @val (0: none is present) */
bool gms_range_map_all(const struct gms_range_map *m, u64 start, u64 end,
		       uintptr_t val);
bool gms_range_map_empty(const struct gms_range_map *m);
guint gms_range_map_count(const struct gms_range_map *m);

/* GCompareDataFunc for GTrees keyed by a pointer to a u64 */
gint gms_u64_cmp(gconstpointer a, gconstpointer b, gpointer unused);

#endif
