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
