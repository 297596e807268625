// SPDX-License-Identifier: GPL-2.0
/*
 * guest_memfd ioctls that only proposals have: in-place conversion and a
 * second file on one inode. Each is gated by its design knob; with the
 * upstream defaults they are -ENOTTY, as an unknown ioctl is.
 */
#include <gmemsim/uapi.h>

static struct gms_gmem_file *gmem_of(struct gms_world *w, int fd, int *err)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	*err = !e ? -EBADF : e->kind != GMS_FD_GMEM ? -ENOTTY : 0;
	return *err ? NULL : e->obj;
}

/* mirrors: the in-flight KVM_SET_MEMORY_ATTRIBUTES2 on a guest_memfd fd */
int gms_sys_gmem_convert(struct gms_world *w, int gmem_fd, u64 offset, u64 len,
			 bool to_private, u64 *error_offset)
{
	struct gms_gmem_file *f;
	int r;

	f = gmem_of(w, gmem_fd, &r);
	if (!f)
		return r;
	return gms_gmem_convert(w, f, offset, len, to_private, error_offset);
}

/* gmem.link, a proposal: a new guest_memfd fd on @gmem_fd's inode, for @vm_fd */
int gms_sys_gmem_link(struct gms_world *w, int gmem_fd, int vm_fd)
{
	struct gms_gmem_file *f;
	struct gms_fd *vm;
	int r;

	f = gmem_of(w, gmem_fd, &r);
	if (!f)
		return r;
	if (w->policy.link != GMS_LINK_ALLOWED)
		return -ENOTTY;
	vm = gms_fd_get(w, vm_fd);
	if (!vm)
		return -EBADF;
	if (vm->kind != GMS_FD_VM)
		return -EINVAL;
	if (((struct gms_kvm *)vm->obj)->arch != f->inode->arch)
		return -EINVAL; /* one VM type per inode: its invalidate hook */
	return gms_fd_install(w, GMS_FD_GMEM,
			      gms_gmem_link(w, f->inode, vm->obj));
}
