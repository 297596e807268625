// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: mm/madvise.c for the advice the guest_memfd selftests give a
 * mapping: MADV_DONTNEED, MADV_REMOVE, MADV_HUGEPAGE, MADV_COLLAPSE.
 * Simplifications, said where they happen: the model's anonymous memory is
 * its own page cache (a shmem file per mapping, one page per pte), and THP
 * collapse of anonymous or shmem memory is not modelled.
 */
#include <gmemsim/gmem.h>
#include <gmemsim/mm.h>
#include <gmemsim/target.h>
#include <gmemsim/world.h>

/* mirrors: madvise_behavior_valid() for the advice modelled */
static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case GMS_MADV_DONTNEED:
	case GMS_MADV_REMOVE:
	case GMS_MADV_HUGEPAGE:
	case GMS_MADV_COLLAPSE:
		return true;
	default:
		return false;
	}
}

/*
 * mirrors: madvise_dontneed_free(): the ptes go, the page cache stays, so
 * a guest_memfd page faults back in with its data. Anonymous shared memory
 * keeps its data in shmem in the kernel too; here its pte is the page, so
 * nothing is zapped (the next read sees the same data either way).
 */
static int madvise_dontneed(struct gms_world *w, struct gms_vma *vma, u64 start,
			    u64 end)
{
	/* madvise_dontneed_free_valid_vma(): not VM_LOCKED */
	if (gms_range_map_find(&w->mm.mlocked, start >> GMS_PAGE_SHIFT,
			       end >> GMS_PAGE_SHIFT))
		return -EINVAL;
	if (vma->kind == GMS_VMA_GMEM)
		gms_mm_zap_range(w, vma, start, end);
	return 0;
}

/*
 * mirrors: madvise_remove(): vfs_fallocate(PUNCH_HOLE | KEEP_SIZE) on the
 * file behind the range. For guest_memfd that is kvm_gmem_fallocate(); for
 * anonymous shared memory, shmem_fallocate() frees the pages.
 */
static int madvise_remove(struct gms_world *w, struct gms_vma *vma, u64 start,
			  u64 end)
{
	s64 offset;

	if (gms_range_map_find(&w->mm.mlocked, start >> GMS_PAGE_SHIFT,
			       end >> GMS_PAGE_SHIFT))
		return -EINVAL;
	/* every mapping modelled is MAP_SHARED: vma_is_shared_maywrite() */
	if (vma->kind != GMS_VMA_GMEM) {
		gms_mm_zap_range(w, vma, start, end);
		return 0;
	}
	offset = (s64)((start - vma->start) + (vma->pgoff << GMS_PAGE_SHIFT));
	return gms_gmem_fallocate(w, &w->sync, vma->file,
				  FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				  offset, (s64)(end - start));
}

/*
 * mirrors: madvise_collapse() -> thp_vma_allowable_order(): a guest_memfd
 * file gets no THP (its folios are order 0, and since "mm: thp: deny THP
 * for files on anonymous inodes" no file of that kind does): -EINVAL, on
 * 6.18 (anon_inode) as on 7.2 (its own pseudo fs). selftest test_collapse;
 * syzbot 33a04338019ac7e43a44 "WARNING in kvm_gmem_fault_user_mapping" is
 * what a collapse that got through did.
 */
static int madvise_collapse(struct gms_vma *vma)
{
	if (vma->kind == GMS_VMA_GMEM)
		return -EINVAL;
	return -GMS_EUNSUPPORTED; /* not modelled: THP of shmem */
}

/* mirrors: madvise_vma_behavior() on [start, end) of one vma */
static int madvise_vma_behavior(struct gms_world *w, struct gms_vma *vma,
				u64 start, u64 end, int advice)
{
	switch (advice) {
	case GMS_MADV_DONTNEED:
		return madvise_dontneed(w, vma, start, end);
	case GMS_MADV_REMOVE:
		return madvise_remove(w, vma, start, end);
	case GMS_MADV_COLLAPSE:
		return madvise_collapse(vma);
	default:
		return 0; /* hugepage_madvise(): VM_HUGEPAGE, nothing else */
	}
}

/*
 * mirrors: do_madvise() and madvise_walk_vmas(): each vma of the range gets
 * the advice; a hole makes the result -ENOMEM once the rest is done.
 */
int gms_mm_madvise(struct gms_world *w, u64 start, u64 len, int advice)
{
	u64 end, addr;
	int unmapped = 0, r;

	if (!madvise_behavior_valid(advice))
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(start))
		return -EINVAL;
	end = start + ((len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1));
	if ((len && end == start) || end < start)
		return -EINVAL;
	for (addr = start; addr < end;) {
		struct gms_vma *vma = gms_mm_find_vma(w, addr);

		if (!vma) {
			unmapped = -ENOMEM;
			addr += GMS_PAGE_SIZE;
			continue;
		}
		r = madvise_vma_behavior(w, vma, addr, MIN(end, vma->end),
					 advice);
		if (r)
			return r;
		addr = MIN(end, vma->end);
	}
	return unmapped;
}
