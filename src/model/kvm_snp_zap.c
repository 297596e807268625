// SPDX-License-Identifier: GPL-2.0
/*
 * snp_zap=preserve (seed 003, not upstream; DESIGN.md section 5): an SNP VM
 * keeps its private NPT entries across memslot changes, with no other
 * change to the MMU -- "it's a lot less work to keep KVM's existing
 * behavior (literally do nothing)" than to rework it. Upstream
 * (snp_zap=zap): kvm_arch_flush_shadow_memslot() zaps everything.
 */
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

/* the filter of kvm_invalidate_memslot()'s zap */
unsigned int gms_kvm_memslot_zap_filter(const struct gms_kvm *kvm)
{
	if (kvm->w->policy.snp_zap == GMS_SNP_PRESERVE &&
	    kvm->arch->type == GMS_VM_SNP)
		return GMS_FILTER_SHARED | GMS_FILTER_EXACT;
	return GMS_FILTER_SHARED | GMS_FILTER_PRIVATE;
}
