// SPDX-License-Identifier: GPL-2.0
/*
 * File syscalls on guest_memfd and VM fds: the VFS checks in front of
 * kvm_gmem_fops (fs/open.c, fs/read_write.c, mm/mmap.c), and close().
 */
#include <gmemsim/uapi.h>

#define GMS_LLONG_MAX ((u64)INT64_MAX)
#define GMS_SEEK_MAX 4 /* SEEK_HOLE */

/* mirrors: vfs_fallocate() */
static int vfs_fallocate(struct gms_fd *e, int mode, s64 offset, s64 len)
{
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(FALLOC_FL_MODE_MASK | FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	switch (mode & FALLOC_FL_MODE_MASK) {
	case 0: /* FALLOC_FL_ALLOCATE_RANGE */
	case FALLOC_FL_UNSHARE_RANGE:
	case FALLOC_FL_ZERO_RANGE:
		break;
	case FALLOC_FL_PUNCH_HOLE:
		if (!(mode & FALLOC_FL_KEEP_SIZE))
			return -EOPNOTSUPP;
		break;
	case FALLOC_FL_COLLAPSE_RANGE:
	case FALLOC_FL_INSERT_RANGE:
		if (mode & FALLOC_FL_KEEP_SIZE)
			return -EOPNOTSUPP;
		break;
	default:
		return -EOPNOTSUPP;
	}
	/* a VM fd is an anon inode and stdin a tty or /dev/null: not S_ISREG */
	if (e->kind != GMS_FD_GMEM && e->kind != GMS_FD_MEMFD)
		return -ENODEV;
	/* s_maxbytes = MAX_LFS_FILESIZE; offset + len must not wrap */
	if ((u64)offset + (u64)len > GMS_LLONG_MAX)
		return -EFBIG;
	return 0;
}

int gms_sys_fallocate_check(struct gms_world *w, int fd, int mode, s64 offset,
			    s64 len, struct gms_gmem_file **f)
{
	struct gms_fd *e = gms_fd_get(w, fd);
	int r;

	/* no guest_memfd file for the caller unless it gets this far */
	*f = NULL;
	if (!e)
		return -EBADF;
	r = vfs_fallocate(e, mode, offset, len);
	if (r)
		return r;
	/* a memfd is done here */
	if (e->kind == GMS_FD_MEMFD)
		return gms_memfd_fallocate(e, mode, offset, len);
	*f = e->obj;
	return gms_gmem_fallocate_check((*f)->inode, mode, offset, len);
}

int gms_sys_fallocate(struct gms_world *w, int fd, int mode, s64 offset,
		      s64 len)
{
	struct gms_gmem_file *f;
	int r = gms_sys_fallocate_check(w, fd, mode, offset, len, &f);

	if (r || !f)
		return r;
	return gms_gmem_fallocate(w, &w->sync, f, mode, offset, len);
}

/*
 * A memfd (shmem) and stdin (/dev/null on the kernel target) read and
 * write, positioned or not: the count is not modelled, only success.
 */
static bool plain_file(const struct gms_fd *e)
{
	return e->kind == GMS_FD_MEMFD || e->kind == GMS_FD_OTHER;
}

/* mirrors: vfs_read()/vfs_write(): neither KVM fops has ->read or ->write */
s64 gms_sys_read(struct gms_world *w, int fd, u64 count)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	(void)count;
	if (!e)
		return -EBADF;
	return plain_file(e) ? 0 : -EINVAL;
}

/* the write() series (write=populate): the gmem file's .write_iter */
static struct gms_gmem_file *writable_gmem(struct gms_world *w,
					   struct gms_fd *e)
{
	if (!e || e->kind != GMS_FD_GMEM ||
	    w->policy.write != GMS_WRITE_POPULATE)
		return NULL;
	return e->obj;
}

s64 gms_sys_write(struct gms_world *w, int fd, u64 count)
{
	struct gms_fd *e = gms_fd_get(w, fd);
	struct gms_gmem_file *f = writable_gmem(w, e);
	s64 r;

	if (!f) /* no ->write_iter: as read() */
		return gms_sys_read(w, fd, count);
	r = gms_gmem_write_iter(w, f, f->f_pos, count);
	if (r > 0)
		f->f_pos += (u64)r;
	return r;
}

/*
 * mirrors: ksys_pread64(). The anon-inode files (VM, guest_memfd) have no
 * FMODE_PREAD: -ESPIPE. /dev/kvm, opened through do_dentry_open(), has it,
 * and vfs_read() then finds no ->read: -EINVAL.
 */
s64 gms_sys_pread(struct gms_world *w, int fd, u64 count, s64 pos)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	(void)count;
	if (pos < 0)
		return -EINVAL;
	if (!e)
		return -EBADF;
	if (e->kind == GMS_FD_KVM_DEV)
		return -EINVAL;
	return plain_file(e) ? 0 : -ESPIPE;
}

/* the write() series sets FMODE_PWRITE on every guest_memfd file */
s64 gms_sys_pwrite(struct gms_world *w, int fd, u64 count, s64 pos)
{
	struct gms_gmem_file *f = writable_gmem(w, gms_fd_get(w, fd));

	if (pos < 0 || !f)
		return gms_sys_pread(w, fd, count, pos);
	return gms_gmem_write_iter(w, f, (u64)pos, count);
}

/*
 * mirrors: ksys_lseek(). guest_memfd has no FMODE_LSEEK (-ESPIPE); the VM
 * fd uses noop_llseek() and reports position 0.
 */
s64 gms_sys_lseek(struct gms_world *w, int fd, s64 offset, int whence)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	if (!e)
		return -EBADF;
	if (whence < 0 || whence > GMS_SEEK_MAX)
		return -EINVAL;
	if (writable_gmem(w, e))
		return gms_gmem_llseek(e->obj, offset, whence);
	return e->kind == GMS_FD_GMEM ? -ESPIPE : 0;
}

/* mirrors: do_sys_ftruncate() -> kvm_gmem_setattr() / shmem_setattr() */
int gms_sys_ftruncate(struct gms_world *w, int fd, s64 length)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	if (length < 0)
		return -EINVAL;
	if (!e)
		return -EBADF;
	if (e->kind == GMS_FD_MEMFD)
		return gms_memfd_truncate(e, length);
	/* not S_ISREG (VM fd, stdin), or kvm_gmem_setattr() (guest_memfd) */
	return -EINVAL;
}

/*
 * mirrors: vfs_fstat() -> generic_fillattr(). Every file here lives on a
 * pseudo fs of PAGE_SIZE blocks (anon_inode, guest_memfd's own from 6.19,
 * shmem): st_blksize is PAGE_SIZE. guest_memfd adds its folios with
 * filemap_add_folio() and never accounts i_blocks, so st_blocks stays 0
 * (gmem_uapi.md 2.1, observed on 6.18.44 after fallocate); a memfd's pages
 * are not modelled, so its st_blocks is 0 too. hugetlb=allowed: the HT
 * code's i_blkbits and inode_add_bytes() (upstream-2026-11.md 2.2).
 */
int gms_sys_fstat(struct gms_world *w, int fd, struct gms_stat *st)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	if (!e)
		return -EBADF;
	*st = (struct gms_stat){ .blksize = GMS_PAGE_SIZE };
	if (e->kind == GMS_FD_GMEM) {
		struct gms_gmem_file *f = e->obj;

		st->size = f->inode->size;
		st->ino = f->inode->id;
		/*
		 * the HT code: i_blkbits = page_order + PAGE_SHIFT, and
		 * inode_add_bytes() per folio (512-byte blocks)
		 */
		st->blksize = GMS_PAGE_SIZE << f->inode->page_order;
		st->blocks = f->inode->i_bytes >> 9;
	} else if (e->kind == GMS_FD_MEMFD) {
		st->size = e->size;
	}
	return 0;
}

/* mirrors: close_fd() -> fput() -> ->release on the last reference */
int gms_sys_close(struct gms_world *w, int fd)
{
	struct gms_fd *e = gms_fd_get(w, fd);
	struct gms_fd copy;

	if (!e)
		return -EBADF;
	if (e->kind == GMS_FD_GMEM && gms_gmem_put_would_block(w, e->obj))
		return -GMS_EBLOCKED; /* __fput() would wait: see GMS_EBLOCKED */
	copy = *e;
	e->kind = GMS_FD_CLOSED;
	e->obj = NULL;
	switch (copy.kind) {
	case GMS_FD_VM:
		/* kvm_vm_release() */
		((struct gms_kvm *)copy.obj)->fd_open = false;
		gms_kvm_put(w, copy.obj);
		break;
	case GMS_FD_GMEM:
		gms_gmem_file_put(w, copy.obj);
		break;
	default:
		break; /* no reference to put for the others */
	}
	return 0;
}

/*
 * mirrors: file_mmap_ok(): a regular file (guest_memfd) may be mapped up to
 * MAX_LFS_FILESIZE, an anon inode (the VM fd) up to ULONG_MAX.
 */
static bool file_mmap_ok(bool regular, u64 pgoff, u64 len)
{
	u64 maxsize = regular ? GMS_LLONG_MAX : G_MAXUINT64;

	if (len > maxsize)
		return false;
	maxsize -= len;
	return pgoff <= maxsize >> GMS_PAGE_SHIFT;
}

/* mirrors: ksys_mmap_pgoff() -> do_mmap() for a file mapping */
int gms_sys_mmap(struct gms_world *w, u64 len, u32 prot, u32 flags, int fd,
		 u64 offset, u64 *addr)
{
	struct gms_fd *e;
	int r;

	if (offset & (GMS_PAGE_SIZE - 1))
		return -EINVAL;
	e = gms_fd_get(w, fd);
	if (!e)
		return -EBADF;
	if (!len)
		return -EINVAL;
	len = (len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1);
	if (!len || len > GMS_TASK_SIZE_MAX)
		return -ENOMEM; /* PAGE_ALIGN() wrapped, or no room for it */
	/* offset overflow? */
	if ((offset >> GMS_PAGE_SHIFT) + (len >> GMS_PAGE_SHIFT) <
	    (offset >> GMS_PAGE_SHIFT))
		return -EOVERFLOW;
	if (!file_mmap_ok(e->kind == GMS_FD_GMEM, offset >> GMS_PAGE_SHIFT,
			  len))
		return -EOVERFLOW;
	if ((flags & (GMS_MAP_SHARED | GMS_MAP_PRIVATE)) == 0)
		return -EINVAL;
	if (e->kind == GMS_FD_MEMFD)
		return gms_memfd_mmap();
	/* both file systems are SB_I_NOEXEC: path_noexec() */
	if (prot & GMS_PROT_EXEC)
		return -EPERM;
	if (e->kind != GMS_FD_GMEM)
		return -ENODEV; /* kvm_vm_fops has no ->mmap */
	/* mmap_region(): a private writable mapping is charged before ->mmap */
	if ((flags & GMS_MAP_PRIVATE) && (prot & GMS_PROT_WRITE) &&
	    len >> GMS_PAGE_SHIFT > w->physmem.max_pages)
		return -ENOMEM;
	r = gms_gmem_mmap(w, e->obj, flags, offset >> GMS_PAGE_SHIFT, len);
	if (r)
		return r;
	*addr = gms_mm_map_file(w, e->obj, len, offset >> GMS_PAGE_SHIFT, prot);
	return *addr ? 0 : -ENOMEM;
}

/*
 * mirrors: do_mmap(MAP_SHARED | MAP_ANONYMOUS): the mapping is accounted, and
 * __vm_enough_memory() refuses one larger than all of RAM (the heuristic
 * overcommit mode; swap is not modelled).
 */
int gms_sys_mmap_anon(struct gms_world *w, u64 len, u64 *addr)
{
	if (!len)
		return -EINVAL;
	if (len > GMS_TASK_SIZE_MAX ||
	    (len + GMS_PAGE_SIZE - 1) >> GMS_PAGE_SHIFT > w->physmem.max_pages)
		return -ENOMEM;
	*addr = gms_mm_map_anon(w, len);
	return *addr ? 0 : -ENOMEM;
}

int gms_sys_munmap(struct gms_world *w, u64 addr, u64 len)
{
	return gms_mm_munmap(w, addr, len);
}

int gms_sys_madvise(struct gms_world *w, u64 addr, u64 len, int advice)
{
	return gms_mm_madvise(w, addr, len, advice);
}

int gms_sys_mlock(struct gms_world *w, u64 addr, u64 len, bool lock)
{
	return gms_mm_mlock(w, addr, len, lock);
}
