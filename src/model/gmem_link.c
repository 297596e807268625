// SPDX-License-Identifier: GPL-2.0
/*
 * gmem.link (link=allowed): a second file on an inode for another VM, the
 * "linking" seed 004 and intra-host migration (seed 003: "KVM allows a
 * single ASID to be bound to multiple struct kvm instances") call for. No
 * upstream uAPI; the file is made as __kvm_gmem_create() makes one, on the
 * existing inode.
 */
#include "gmem_internal.h"

/* a new file on @f's inode for @kvm (link=allowed): its fd, or -errno */
int gms_gmem_link(struct gms_world *w, struct gms_gmem_file *f,
		  struct gms_kvm *kvm)
{
	if (kvm->arch != f->inode->arch)
		return -EINVAL; /* one VM type per inode: its invalidate hook */
	return gms_fd_install(w, GMS_FD_GMEM,
			      gms_gmem_file_new(w, f->inode, kvm));
}
