// SPDX-License-Identifier: GPL-2.0
/*
 * abi=: where the kernel versions the model follows differ (gmem_uapi.md
 * section 1): 7.2 (the default) and 6.18, the oracle's kernel.
 */
#include <gmemsim/world.h>

/*
 * mirrors: the offset checks of kvm_gmem_bind(). 6.18 adds in loff_t, and
 * so does mutant=signed-offset on any abi: "KVM: guest_memfd: Treat
 * offset+size as unsigned values" (v7.2). 6.19 is 6.18 here.
 */
bool gms_abi_bind_range_ok(const struct gms_world *w, s64 offset, u64 size,
			   u64 i_size)
{
	if (w->policy.abi != GMS_ABI_7_2 ||
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

/*
 * 6.19: "KVM: guest_memfd: Add NUMA mempolicy support" (Shivank Garg, series
 * v12, merged for 6.19) gives kvm_gmem_vm_ops .set_policy/.get_policy, the
 * inode's shared policy; before, mbind() set only the VMA's own policy,
 * which kvm_gmem_get_folio() never read.
 */
bool gms_abi_gmem_has_mempolicy(const struct gms_world *w)
{
	return w->policy.abi != GMS_ABI_6_18;
}

/*
 * mirrors: kvm_gmem_get_policy()'s *ilx, which get_vma_policy() then adds
 * the page's offset to. 6.19 stored the page offset itself in it (the
 * parameter was named pgoff), so interleave counted the offset twice; 7.2
 * stores inode->i_ino as shmem_get_policy() does ("*ilx = inode->i_ino",
 * torvalds guest_memfd.c @f8479adb; gmem_uapi.md / upstream-2026-11.md 7.2 (c)).
 */
u64 gms_abi_gmem_ilx(const struct gms_world *w, u64 ino, u64 pgoff)
{
	return w->policy.abi == GMS_ABI_7_2 ? ino : pgoff;
}
