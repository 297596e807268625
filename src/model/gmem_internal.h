/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What guest_memfd.c shares with the files of the proposals it calls
 * through hooks (gmem_owner.c, gmem_convert.c, gmem_restricted.c,
 * gmem_link.c, gmem_direct_map.c) and with file_table.c.
 */
#ifndef GMEMSIM_SRC_GMEM_INTERNAL_H
#define GMEMSIM_SRC_GMEM_INTERNAL_H

#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mempolicy.h>
#include <gmemsim/mm.h>
#include <gmemsim/world.h>

/* the file half of __kvm_gmem_create(): a new view of @inode for @kvm */
struct gms_gmem_file *gms_gmem_file_new(struct gms_world *w,
					struct gms_gmem_inode *inode,
					struct gms_kvm *kvm);
/* kvm_gmem_invalidate_begin() with the caller's filter */
void gms_gmem_invalidate_begin_filter(struct gms_gmem_inode *inode, u64 start,
				      u64 end, unsigned int attr_filter);

/* direct_map= (gmem_direct_map.c) */
void gms_gmem_direct_map_alloc(struct gms_world *w,
			       const struct gms_gmem_inode *inode, u64 pfn);
/* the series' kvm_arch_gmem_supports_no_direct_map(), under direct_map=remove */
bool gms_gmem_direct_map_flag_supported(const struct gms_world *w,
					const struct gms_kvm *kvm);
void gms_gmem_direct_map_free(struct gms_world *w, u64 pfn);

#endif
