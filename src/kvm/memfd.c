// SPDX-License-Identifier: GPL-2.0
/*
 * memfd_create() and the shmem file operations a memfd answers with
 * (mm/memfd.c, mm/shmem.c), for the selftests that pass one where a
 * guest_memfd is expected. Only the file's size is modelled: a memfd has no
 * pages here (reads and writes succeed, st_blocks stays 0, and mapping it
 * is not modelled).
 */
#include <gmemsim/target.h>
#include <gmemsim/uapi.h>

#define GMS_LLONG_MAX ((u64)INT64_MAX)

/* mirrors: memfd_create() followed by ftruncate(fd, @size) */
int gms_sys_memfd_create(struct gms_world *w, u64 size)
{
	int fd;

	/* do_sys_ftruncate(): a negative length */
	if (size > GMS_LLONG_MAX)
		return -EINVAL;
	fd = gms_fd_install(w, GMS_FD_MEMFD, NULL);
	gms_fd_get(w, fd)->size = size;
	return fd;
}

/* mirrors: shmem_fallocate() after vfs_fallocate()'s checks */
int gms_memfd_fallocate(struct gms_fd *e, int mode, s64 offset, s64 len)
{
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	/* allocation past EOF without KEEP_SIZE grows i_size */
	if (!(mode & FALLOC_FL_KEEP_SIZE) && (u64)(offset + len) > e->size)
		e->size = (u64)(offset + len);
	return 0;
}

/* mirrors: shmem_setattr() for ATTR_SIZE */
int gms_memfd_truncate(struct gms_fd *e, s64 length)
{
	e->size = (u64)length;
	return 0;
}

/* mirrors: shmem_mmap(); the pages of a memfd are not modelled */
int gms_memfd_mmap(void)
{
	return -GMS_EUNSUPPORTED;
}
