// SPDX-License-Identifier: GPL-2.0
/*
 * userfaultfd ioctls of host userspace on guest_memfd mappings (uffd=,
 * src/model/gmem_uffd.c; fs/userfaultfd.c, mm/userfaultfd.c much reduced:
 * one userfaultfd per process, one page per UFFDIO_COPY/CONTINUE).
 */
#include <gmemsim/gmem.h>
#include <gmemsim/target.h>
#include <gmemsim/uapi.h>

/* a guest_memfd VMA at @addr; anonymous memory is not modelled here */
static int gmem_vma(struct gms_world *w, u64 addr, struct gms_vma **vma)
{
	*vma = gms_mm_find_vma(w, addr);
	if (!*vma)
		return -ENOENT; /* mfill_atomic(): no VMA at the destination */
	return (*vma)->kind == GMS_VMA_GMEM ? 0 : -GMS_EUNSUPPORTED;
}

/*
 * mirrors: userfaultfd_register(): every VMA of the range must be able to
 * userfault in @mode (-EINVAL); a hole is -EINVAL (UNVERIFIED: the
 * kernel's errno for an unmapped start is -ENOMEM in some trees)
 */
int gms_sys_uffd_register(struct gms_world *w, u64 addr, u64 len, u32 mode)
{
	u64 end = addr + len, a;
	struct gms_vma *vma;
	int r;

	if (!len || (addr | len) & (GMS_PAGE_SIZE - 1) || end < addr)
		return -EINVAL;
	for (a = addr; a < end; a = vma->end) {
		r = gmem_vma(w, a, &vma);
		if (r)
			return r == -ENOENT ? -EINVAL : r;
	}
	for (a = addr; a < end; a = vma->end) {
		gmem_vma(w, a, &vma);
		r = gms_gmem_uffd_register(w, vma, mode);
		if (r)
			return r;
	}
	return 0;
}

/* mirrors: mfill_atomic_copy() of one page */
int gms_sys_uffd_copy(struct gms_world *w, u64 addr, u64 tag)
{
	struct gms_vma *vma;
	int r = gmem_vma(w, addr, &vma);

	return r ? r : gms_gmem_uffd_copy(w, vma, addr, tag);
}

/* mirrors: mfill_atomic_continue() of one page */
int gms_sys_uffd_continue(struct gms_world *w, u64 addr)
{
	struct gms_vma *vma;
	int r = gmem_vma(w, addr, &vma);

	return r ? r : gms_gmem_uffd_continue(w, vma, addr);
}
