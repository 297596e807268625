// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_CHECK_EXTENSION on /dev/kvm (kvm_dev_ioctl(): the generic function
 * with kvm NULL) and on a VM fd (kvm_vm_ioctl()), for the capabilities the
 * guest_memfd selftests read. The model's host is x86 with TDP and every
 * VM type, plus arm64 pKVM VMs; a pKVM VM answers as arm64 does. Values are
 * the same on abi=6.18 and abi=7.2: none of these changed between them
 * (gmem_uapi.md 0.1 and 1.5).
 */
#include <gmemsim/uapi.h>

static bool is_arm64(const struct gms_kvm *kvm)
{
	return kvm && kvm->arch->type == GMS_VM_PKVM;
}

/*
 * mirrors: kvm_vm_ioctl_check_extension() (arch/x86/kvm/x86.c): VM types,
 * and KVM_PRE_FAULT_MEMORY, which is tdp_enabled (the model's host has
 * TDP). arm64 has neither capability (0; UNVERIFIED for pre-fault on
 * arm64 after 6.18).
 */
static s64 kvm_vm_ioctl_check_extension(const struct gms_kvm *kvm, u64 cap)
{
	switch (cap) {
	case GMS_CAP_VM_TYPES:
		return is_arm64(kvm) ? 0 : GMS_MODEL_X86_VM_TYPES;
	case GMS_CAP_PRE_FAULT_MEMORY:
		return !is_arm64(kvm);
	case GMS_CAP_MEMORY_FAULT_INFO:
		return 1;
	default:
		return 0;
	}
}

/* mirrors: kvm_vm_ioctl_check_extension_generic() (virt/kvm/kvm_main.c) */
static s64 kvm_vm_ioctl_check_extension_generic(struct gms_world *w,
						const struct gms_kvm *kvm,
						u64 cap)
{
	switch (cap) {
	case GMS_CAP_USER_MEMORY2:
		return 1;
	case GMS_CAP_MEMORY_ATTRIBUTES:
		return gms_kvm_supported_mem_attributes(w, kvm);
	case GMS_CAP_GUEST_MEMFD:
		return 1; /* 6.18+: unconditional with CONFIG_KVM_GUEST_MEMFD */
	case GMS_CAP_GUEST_MEMFD_FLAGS:
		return gms_gmem_get_supported_flags(w, kvm);
	default:
		return kvm_vm_ioctl_check_extension(kvm, cap);
	}
}

/*
 * mirrors: kvm_dev_ioctl(KVM_CHECK_EXTENSION) and kvm_vm_ioctl()'s, after
 * the VM ioctl gate (kvm->vm_dead: -EIO). A guest_memfd has no ioctls
 * (-ENOTTY); any other file is not KVM's and has none either.
 */
s64 gms_sys_check_extension(struct gms_world *w, int fd, u64 cap)
{
	struct gms_fd *e = gms_fd_get(w, fd);
	struct gms_kvm *kvm;

	if (!e)
		return -EBADF;
	if (e->kind == GMS_FD_KVM_DEV)
		return kvm_vm_ioctl_check_extension_generic(w, NULL, cap);
	if (e->kind != GMS_FD_VM)
		return -ENOTTY;
	kvm = e->obj;
	if (kvm->state >= GMS_KVM_DYING)
		return -EIO;
	return kvm_vm_ioctl_check_extension_generic(w, kvm, cap);
}
