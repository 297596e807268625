// SPDX-License-Identifier: GPL-2.0
/*
 * Known differences between the model (upstream, TDP, a kernel with every
 * guest_memfd config) and a real host, each tied to a host quirk the kernel
 * target detected. The README's table is this one.
 */
#include <string.h>

#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

struct known {
	unsigned int quirk; /* GMS_QUIRK_* the host must have */
	const char *verb; /* a prefix of the op's verb */
	const char *model; /* a prefix of the model's outcome, NULL: any */
	const char *kernel; /* a prefix of the kernel's outcome, NULL: any */
	const char *why;
	bool taints; /* later reads of guest data may differ because of it */
	const char *arg; /* a substring of the statement, NULL: any */
};

#define SHADOW_WHY                                                             \
	"the host uses shadow paging (PVM): a guest access to a guest_memfd "  \
	"slot goes through userspace_addr, where upstream TDP faults it from " \
	"guest_memfd (gmem_uapi.md 2.8)"

static const struct known table[] = {
	{ GMS_QUIRK_NO_MEMORY_ATTRIBUTES, "attr.set", NULL, "ENOTTY",
	  "the host has no CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES: KVM_SET_MEMORY_ATTRIBUTES is ENOTTY",
	  false },
	/* an hva with no page behind it: EFAULT upstream, MMIO on the host */
	{ GMS_QUIRK_SHADOW_PAGING, "guest.", "EFAULT", "exit:mmio",
	  "the host uses shadow paging (PVM): a fault on a userspace_addr with no page behind it exits as MMIO where upstream kvm_handle_error_pfn() fails KVM_RUN with EFAULT",
	  true },
	/* userspace_addr 0: the host takes the access for MMIO */
	{ GMS_QUIRK_SHADOW_PAGING, "guest.", NULL, "exit:mmio", SHADOW_WHY,
	  true },
	/* guest_memfd's own errors (a closed file: -EFAULT) never happen there */
	{ GMS_QUIRK_SHADOW_PAGING, "guest.", "exit:memory_fault", NULL,
	  SHADOW_WHY, true },
	/* userspace_addr elsewhere: the guest reads that memory instead */
	{ GMS_QUIRK_SHADOW_PAGING, "guest.read", "tag:", "tag:", SHADOW_WHY,
	  true },
	{ GMS_QUIRK_SHADOW_PAGING, "guest.read", "tag:", "zero", SHADOW_WHY,
	  true },
	{ GMS_QUIRK_SHADOW_PAGING, "guest.read", "zero", "tag:", SHADOW_WHY,
	  true },
	/* issue 18: capabilities and pre-faulting as the host has them */
	{ GMS_QUIRK_SHADOW_PAGING, "vm.pre_fault", NULL, "EOPNOTSUPP",
	  "the host uses shadow paging: KVM_PRE_FAULT_MEMORY is kvm_tdp_map_page()'s -EOPNOTSUPP without TDP",
	  false },
	{ GMS_QUIRK_SHADOW_PAGING, "kvm.check_extension", "value:1", "value:0",
	  "the host uses shadow paging: KVM_CAP_PRE_FAULT_MEMORY is tdp_enabled, 0",
	  false, "cap=pre_fault_memory" },
	{ GMS_QUIRK_NO_MEMORY_ATTRIBUTES, "kvm.check_extension",
	  "value:", "value:0",
	  "the host has no CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES: KVM_CAP_MEMORY_ATTRIBUTES is 0",
	  false, "cap=memory_attributes" },
	{ GMS_QUIRK_VM_TYPES, "kvm.check_extension", "value:", "value:",
	  "the host's KVM_CAP_VM_TYPES is its own (the model's host has the default, software-protected, SNP and TDX types: 0x33)",
	  false, "cap=vm_types" },
};

static bool prefix(const char *want, const char *got)
{
	return !want || g_str_has_prefix(got, want);
}

const char *gms_known_difference(const struct gms_stmt *s, const char *model,
				 const char *kernel, unsigned int quirks)
{
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
		const struct known *k = &table[i];

		if ((quirks & k->quirk) && s->op &&
		    g_str_has_prefix(s->op->verb, k->verb) &&
		    (!k->arg || strstr(s->text, k->arg)) &&
		    prefix(k->model, model) && prefix(k->kernel, kernel))
			return k->why;
	}
	return NULL;
}

bool gms_known_difference_taints(const char *why)
{
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++)
		if (table[i].why == why)
			return table[i].taints;
	return false;
}
