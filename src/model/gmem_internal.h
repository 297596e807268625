/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the guest_memfd inode and file halves of the model. */
#ifndef GMEMSIM_SRC_GMEM_INTERNAL_H
#define GMEMSIM_SRC_GMEM_INTERNAL_H

#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mm.h>
#include <gmemsim/world.h>

struct gms_gmem_inode *gmem_inode_new(struct gms_world *w,
				      const struct gms_arch_ops *arch, u64 size,
				      u64 flags);
void gmem_inode_put(struct gms_world *w, struct gms_gmem_inode *inode);
void gmem_file_invalidate_begin(struct gms_gmem_file *f, u64 start, u64 end,
				unsigned int filter);
void gmem_file_invalidate_end(struct gms_gmem_file *f, u64 start, u64 end);
void gmem_invalidate_begin(struct gms_gmem_inode *inode, u64 start, u64 end);
void gmem_invalidate_begin_filter(struct gms_gmem_inode *inode, u64 start,
				  u64 end, unsigned int filter);
void gmem_invalidate_end(struct gms_gmem_inode *inode, u64 start, u64 end);
void gmem_truncate_range(struct gms_world *w, struct gms_gmem_inode *inode,
			 u64 start, u64 end);

#endif
