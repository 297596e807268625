// SPDX-License-Identifier: GPL-2.0
/*
 * x86 VM types without hardware protection: KVM_X86_DEFAULT_VM and
 * KVM_X86_SW_PROTECTED_VM (arch/x86/kvm/x86.c). Neither selects
 * HAVE_KVM_ARCH_GMEM_PREPARE or _INVALIDATE, so the hooks are NULL.
 */
#include <string.h>

#include <gmemsim/uapi.h>

static const struct gms_arch_ops default_ops = {
	.name = "default",
	.type = GMS_VM_DEFAULT,
	.has_private_mem = false,
	.has_mirrored_tdp = false,
	.has_readonly_mem = true,
};

static const struct gms_arch_ops sw_protected_ops = {
	.name = "sw_protected",
	.type = GMS_VM_SW_PROTECTED,
	.has_private_mem = true,
	.has_mirrored_tdp = false,
	.has_readonly_mem = true, /* !kvm->arch.has_protected_state */
};

static const char *const type_names[GMS_VM_NR_TYPES] = {
	[GMS_VM_DEFAULT] = "default", [GMS_VM_SW_PROTECTED] = "sw_protected",
	[GMS_VM_SNP] = "snp",	      [GMS_VM_TDX] = "tdx",
	[GMS_VM_PKVM] = "pkvm",
};

/* The VM types this host supports (KVM_CAP_VM_TYPES); the others are -EINVAL. */
const struct gms_arch_ops *gms_arch_ops_for(enum gms_vm_type type)
{
	switch (type) {
	case GMS_VM_DEFAULT:
		return &default_ops;
	case GMS_VM_SW_PROTECTED:
		return &sw_protected_ops;
	case GMS_VM_SNP:
		return &gms_snp_ops;
	case GMS_VM_TDX:
		return &gms_tdx_ops;
	case GMS_VM_PKVM:
		return &gms_pkvm_ops;
	default:
		return NULL;
	}
}

bool gms_vm_type_parse(const char *name, enum gms_vm_type *type)
{
	for (int i = 0; i < GMS_VM_NR_TYPES; i++) {
		if (!strcmp(type_names[i], name)) {
			*type = i;
			return true;
		}
	}
	return false;
}
