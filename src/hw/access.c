// SPDX-License-Identifier: GPL-2.0
/* Host accesses as the hardware judges them (hw_models.md 1.3, 2.3, 3.3). */
#include <gmemsim/hw.h>

bool gms_hw_idle(const struct gms_hw *hw)
{
	for (u16 i = 1; i <= GMS_SNP_MAX_ASID; i++)
		if (hw->snp.state[i] != ASID_FREE)
			return false;
	return !gms_hw_table_size(hw->rmp.entries) &&
	       !gms_hw_table_size(hw->tdx.tds) &&
	       !gms_hw_table_size(hw->tdx.pamt) &&
	       !gms_hw_table_size(hw->tdx.dirty) &&
	       !gms_hw_table_size(hw->tdx.poisoned) &&
	       !gms_hw_table_size(hw->pkvm.vms) &&
	       !gms_hw_table_size(hw->pkvm.pages) &&
	       !gms_hw_table_size(hw->pkvm.unpoisoned);
}

void gms_hw_init(struct gms_hw *hw, struct gms_warn_log *warn)
{
	gms_rmp_init(&hw->rmp, warn);
	gms_snp_asids_init(&hw->snp, warn);
	gms_tdx_init(&hw->tdx, warn);
	gms_pkvm_init(&hw->pkvm, warn);
}

void gms_hw_destroy(struct gms_hw *hw)
{
	gms_rmp_destroy(&hw->rmp);
	gms_tdx_destroy(&hw->tdx);
	gms_pkvm_destroy(&hw->pkvm);
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

/*
 * TDX (PW_MCE parts): a partial host write to TDX-private memory silently
 * poisons the line; any later read of it is a #MC (T2). The write itself
 * goes through; full-line reads of private memory return zeros (UNVERIFIED),
 * modelled as ciphertext by the caller.
 */
static int tdx_check(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		     const char **why)
{
	gpointer k = GSIZE_TO_POINTER((gsize)pfn);
	bool write = kind == GMS_HOST_USER_WRITE ||
		     kind == GMS_HOST_KERNEL_WRITE;

	if (write && gms_tdx_pamt(&hw->tdx, pfn).pt != PT_NDA) {
		g_hash_table_add(gms_hw_table(&hw->tdx.poisoned, NULL), k);
		return 0; /* the write itself goes through */
	}
	if (!write && gms_hw_table_contains(hw->tdx.poisoned, k)) {
		*why = "T2: read of a TDX line a partial write poisoned (#MC)";
		return GMS_HW_FATAL;
	}
	return 0;
}

/*
 * pKVM: the host's stage-2 has no mapping of a page a guest owns: the abort
 * is injected back (host_inject_mem_abort()): "for accesses originating
 * from EL0, the host will then terminate the current task with a SIGSEGV"
 * (Documentation/virt/kvm/arm/pkvm.rst), an oops for the kernel. (Older
 * trees BUG()ed in the hypervisor.)
 */
static int pkvm_check(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		      const char **why)
{
	if (gms_pkvm_page(&hw->pkvm, pfn).host_state != PKVM_NOPAGE)
		return 0;
	*why = "P4: host access to a page its stage-2 gives to a guest";
	return kind == GMS_HOST_USER_READ || kind == GMS_HOST_USER_WRITE ?
		       GMS_HW_SIGSEGV :
		       GMS_HW_FATAL;
}

int gms_hw_host_access(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		       const char **why)
{
	int r = rmp_check(hw, pfn, kind, why);

	if (!r)
		r = tdx_check(hw, pfn, kind, why);
	return r ? r : pkvm_check(hw, pfn, kind, why);
}
