// SPDX-License-Identifier: GPL-2.0
/*
 * guest_memfd ioctls that only proposals have: in-place conversion and a
 * second file on one inode. Each is gated by its design knob; with the
 * upstream defaults they are -ENOTTY, as an unknown ioctl is.
 */
#include <gmemsim/uapi.h>

/* mirrors: the in-flight KVM_SET_MEMORY_ATTRIBUTES2 on a guest_memfd fd */
int gms_sys_gmem_convert(struct gms_world *w, int gmem_fd, u64 offset, u64 len,
			 bool to_private, u64 *error_offset)
{
	struct gms_gmem_file *f;
	int r;

	f = gms_fdget_obj(w, gmem_fd, GMS_FD_GMEM, -ENOTTY, &r);
	if (!f)
		return r;
	/* convert=in-place: the series' kvm_gmem_ioctl() */
	if (gms_gmem_in_place_conversion(w))
		return gms_gmem_set_attributes(w, &w->sync, f, offset, len,
					       to_private, error_offset);
	return gms_gmem_convert(w, f, offset, len, to_private, error_offset);
}

/* gmem.link, a proposal: a new guest_memfd fd on @gmem_fd's inode, for @vm_fd */
int gms_sys_gmem_link(struct gms_world *w, int gmem_fd, int vm_fd)
{
	struct gms_gmem_file *f;
	struct gms_kvm *kvm;
	int r;

	f = gms_fdget_obj(w, gmem_fd, GMS_FD_GMEM, -ENOTTY, &r);
	if (!f)
		return r;
	if (w->policy.link != GMS_LINK_ALLOWED)
		return -ENOTTY; /* an unknown ioctl */
	kvm = gms_fdget_obj(w, vm_fd, GMS_FD_VM, -EINVAL, &r);
	if (!kvm)
		return r;
	return gms_gmem_link(w, f, kvm);
}
