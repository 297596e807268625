// SPDX-License-Identifier: GPL-2.0
/*
 * write=populate: Nikita Kalyazin, "KVM: guest_memfd: add generic
 * population via write" (v7, 2025-11-14, 20251114151828.98165-1-
 * kalyazin@amazon.com; v3 2025-03-03, v6 2025-10-20; posted, not merged:
 * upstream-2026-11.md 2). GUEST_MEMFD_FLAG_WRITE (bit 2) enables write()
 * and pwrite() on the file: .write_iter, FMODE_LSEEK | FMODE_PWRITE and
 * the aops' write_begin/write_end, which populate the page cache a whole
 * page at a time. The series' code does not check the page is shared
 * (its cover letter says write() "will only be allowed to populate shared
 * pages" once in-place conversion lands): nor does this file.
 *
 * Simplifications: the bytes written are zeros (a target's write() carries
 * no payload), and i_rwsem, which generic_perform_write() runs under, is
 * not one of the model's locks. file_ops.c calls .write_iter and .llseek
 * only under write=populate (writable_gmem()), as only the series has them.
 */
#include "gmem_internal.h"

u64 gms_gmem_write_flag_supported(const struct gms_world *w)
{
	return w->policy.write == GMS_WRITE_POPULATE ? GUEST_MEMFD_FLAG_WRITE :
						       0;
}

/* mirrors: kvm_gmem_supports_write() */
static bool kvm_gmem_supports_write(const struct gms_gmem_inode *inode)
{
	return inode->flags & GUEST_MEMFD_FLAG_WRITE;
}

/* mirrors: kvm_gmem_write_begin(): the locked folio, or -errno */
static int kvm_gmem_write_begin(struct gms_world *w,
				struct gms_gmem_inode *inode, u64 pos, u64 len,
				struct gms_folio **folio)
{
	if (!kvm_gmem_supports_write(inode))
		return -ENODEV;
	if (pos + len > inode->size)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(pos) || !GMS_PAGE_ALIGNED(len))
		return -EINVAL;
	*folio = gms_gmem_get_folio(w, inode, pos >> GMS_PAGE_SHIFT);
	return *folio ? 0 : -ENOMEM;
}

/* mirrors: the copy_folio_from_iter_atomic() and kvm_gmem_write_end() */
static void kvm_gmem_write_end(struct gms_world *w, struct gms_folio *folio)
{
	gms_physmem_write(&w->physmem, folio->pfn, 0, GMS_PRINCIPAL_HOST,
			  false);
	folio->uptodate = true;
}

/*
 * mirrors: generic_perform_write() with guest_memfd's aops: one page per
 * round; the first failure ends it, and is the result if nothing was written
 */
s64 gms_gmem_write_iter(struct gms_world *w, struct gms_gmem_file *f, u64 pos,
			u64 count)
{
	u64 written = 0;

	while (written < count) {
		u64 len = MIN(count - written,
			      GMS_PAGE_SIZE -
				      ((pos + written) & (GMS_PAGE_SIZE - 1)));
		struct gms_folio *folio;
		int r = kvm_gmem_write_begin(w, f->inode, pos + written, len,
					     &folio);

		if (r)
			return written ? (s64)written : r;
		kvm_gmem_write_end(w, folio);
		written += len;
	}
	return (s64)written;
}

/* mirrors: default_llseek(), the series' .llseek */
s64 gms_gmem_llseek(struct gms_gmem_file *f, s64 offset, int whence)
{
	s64 pos;

	if (whence == 1)
		pos = (s64)f->f_pos + offset;
	else if (whence == 2)
		pos = (s64)f->inode->size + offset;
	else if (whence == 0)
		pos = offset;
	else
		return -EINVAL; /* SEEK_DATA/SEEK_HOLE: not modelled */
	if (pos < 0)
		return -EINVAL;
	f->f_pos = (u64)pos;
	return pos;
}
