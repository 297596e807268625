// SPDX-License-Identifier: GPL-2.0
/*
 * abi=: where the kernel versions the model follows differ (gmem_uapi.md
 * section 1): 7.2 (the default) and 6.18, the oracle's kernel.
 */
#include <gmemsim/world.h>

/*
 * mirrors: the offset checks of kvm_gmem_bind(). 6.18 adds in loff_t, and
 * so does mutant=signed-offset on any abi: "KVM: guest_memfd: Treat
 * offset+size as unsigned values" (v7.2).
 */
bool gms_abi_bind_range_ok(const struct gms_world *w, s64 offset, u64 size,
			   u64 i_size)
{
	if (w->policy.abi == GMS_ABI_6_18 ||
	    w->policy.mutant == GMS_MUTANT_SIGNED_OFFSET) {
		/* signed overflow wraps on the kernel's -fno-strict-overflow */
		s64 end = (s64)((u64)offset + size);

		return !(offset < 0 || !GMS_PAGE_ALIGNED((u64)offset) ||
			 end > (s64)i_size);
	}
	return !(offset < 0 || !GMS_PAGE_ALIGNED((u64)offset) ||
		 (u64)offset + size > i_size);
}

/* 7ea987a90585 "KVM: guest_memfd: Return -EEXIST for overlapping bindings" */
int gms_abi_bind_overlap_errno(const struct gms_world *w)
{
	return w->policy.abi == GMS_ABI_7_2 ? -EEXIST : -EINVAL;
}
