// SPDX-License-Identifier: GPL-2.0
/* Host accesses as the hardware judges them (hw_models.md 1.3, 2.3, 3.3). */
#include <gmemsim/hw.h>

void gms_hw_init(struct gms_hw *hw)
{
	gms_rmp_init(&hw->rmp);
	hw->snp = (struct gms_snp_asids){ 0 };
}

void gms_hw_destroy(struct gms_hw *hw)
{
	gms_rmp_destroy(&hw->rmp);
}

/*
 * SNP: a write to an RMP-assigned page takes an RMP #PF: SIGBUS in user mode,
 * an oops in the kernel. Reads return ciphertext. (4K host mappings: the
 * direct map is split to 4K around guest pages, adjust_direct_map().)
 */
static int rmp_check(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		     const char **why)
{
	if (kind != GMS_HOST_USER_WRITE && kind != GMS_HOST_KERNEL_WRITE)
		return 0;
	if (!gms_rmp_host_write_faults(&hw->rmp, pfn, RMP_PG_SIZE_4K))
		return 0;
	*why = "S2: host write to an RMP-assigned page (RMP #PF)";
	return kind == GMS_HOST_USER_WRITE ? GMS_HW_SIGBUS : GMS_HW_FATAL;
}

int gms_hw_host_access(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		       const char **why)
{
	return rmp_check(hw, pfn, kind, why);
}
