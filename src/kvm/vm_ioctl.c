// SPDX-License-Identifier: GPL-2.0
/* /dev/kvm and VM-fd ioctls (kvm_dev_ioctl(), kvm_vm_ioctl() in virt/kvm/kvm_main.c). */
#include <gmemsim/uapi.h>

int gms_sys_open_kvm(struct gms_world *w)
{
	return gms_fd_install(w, GMS_FD_KVM_DEV, NULL);
}

/* mirrors: kvm_dev_ioctl(KVM_CREATE_VM) -> kvm_dev_ioctl_create_vm() */
int gms_sys_create_vm(struct gms_world *w, int kvm_fd, u64 type)
{
	struct gms_fd *dev = gms_fd_get(w, kvm_fd);
	const struct gms_arch_ops *arch;
	struct gms_kvm *kvm;
	int r;

	if (!dev)
		return -EBADF;
	if (dev->kind != GMS_FD_KVM_DEV)
		return -ENOTTY;
	/* kvm_arch_init_vm(): !(kvm_caps.supported_vm_types & BIT(type)) */
	arch = type < GMS_VM_NR_TYPES ? gms_arch_ops_for(type) : NULL;
	if (!arch)
		return -EINVAL;
	kvm = gms_kvm_create(w, arch, &r);
	if (!kvm)
		return r;
	kvm->fd_open = true;
	return gms_fd_install(w, GMS_FD_VM, kvm);
}

/*
 * The front of kvm_vm_ioctl(): a VM fd, and the vm_dead gate. An ioctl on a
 * guest_memfd has no ->unlocked_ioctl (-ENOTTY); on /dev/kvm an unknown VM
 * ioctl falls to kvm_arch_dev_ioctl() (-EINVAL).
 */
static int vm_ioctl_get(struct gms_world *w, int fd, struct gms_kvm **kvm)
{
	struct gms_fd *e = gms_fd_get(w, fd);

	if (!e)
		return -EBADF;
	if (e->kind == GMS_FD_GMEM)
		return -ENOTTY;
	if (e->kind != GMS_FD_VM)
		return -EINVAL;
	*kvm = e->obj;
	if ((*kvm)->state >= GMS_KVM_DYING)
		return -EIO;
	return 0;
}

/* mirrors: kvm_vm_ioctl(KVM_CREATE_GUEST_MEMFD) */
int gms_sys_create_guest_memfd(struct gms_world *w, int vm_fd, u64 size,
			       u64 flags)
{
	return gms_sys_create_guest_memfd_order(w, vm_fd, size, flags, 0);
}

/* mirrors: kvm_vm_ioctl(KVM_CREATE_GUEST_MEMFD) with args->page_order */
int gms_sys_create_guest_memfd_order(struct gms_world *w, int vm_fd, u64 size,
				     u64 flags, u64 page_order)
{
	struct gms_kvm *kvm;
	int r = vm_ioctl_get(w, vm_fd, &kvm);

	if (r)
		return r;
	return gms_gmem_create_order(w, kvm, size, flags, page_order);
}

/* mirrors: kvm_vm_ioctl(KVM_SET_USER_MEMORY_REGION2) */
int gms_sys_set_user_memory_region2(
	struct gms_world *w, int vm_fd,
	const struct gms_userspace_memory_region2 *region)
{
	struct gms_kvm *kvm;
	int r = vm_ioctl_get(w, vm_fd, &kvm);

	if (r)
		return r;
	return gms_kvm_set_memory_region(w, kvm, region);
}

/* mirrors: kvm_vm_ioctl(KVM_SET_MEMORY_ATTRIBUTES) */
int gms_sys_set_memory_attributes(struct gms_world *w, int vm_fd,
				  const struct gms_memory_attributes *attrs)
{
	struct gms_kvm *kvm;
	int r = vm_ioctl_get(w, vm_fd, &kvm);

	if (r)
		return r;
	return gms_kvm_set_mem_attributes(w, kvm, attrs);
}

/* KVM_SET_USER_MEMORY_REGION_V1_FLAGS */
#define KVM_SET_USER_MEMORY_REGION_V1_FLAGS \
	(KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY)

/*
 * mirrors: kvm_vm_ioctl(KVM_SET_USER_MEMORY_REGION): the v1 struct ends
 * before guest_memfd_offset, and the kernel zeroes the rest of its v2 copy;
 * flags beyond v1's (KVM_MEM_GUEST_MEMFD) are -EINVAL before anything else.
 */
int gms_sys_set_user_memory_region(
	struct gms_world *w, int vm_fd,
	const struct gms_userspace_memory_region2 *region)
{
	struct gms_userspace_memory_region2 mem = {
		.slot = region->slot,
		.flags = region->flags,
		.guest_phys_addr = region->guest_phys_addr,
		.memory_size = region->memory_size,
		.userspace_addr = region->userspace_addr,
	};
	struct gms_kvm *kvm;
	int r = vm_ioctl_get(w, vm_fd, &kvm);

	if (r)
		return r;
	if (mem.flags & ~KVM_SET_USER_MEMORY_REGION_V1_FLAGS)
		return -EINVAL;
	return gms_kvm_set_memory_region(w, kvm, &mem);
}
