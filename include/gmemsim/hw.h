/* SPDX-License-Identifier: GPL-2.0 */
/* All simulated hardware and firmware of one host (src/hw). */
#ifndef GMEMSIM_HW_H
#define GMEMSIM_HW_H

#include <gmemsim/physmem.h>
#include <gmemsim/pkvm.h>
#include <gmemsim/rmp.h>
#include <gmemsim/tdx.h>

struct gms_hw {
	struct gms_rmp rmp;
	struct gms_snp_asids snp;
	struct gms_tdx tdx;
	struct gms_pkvm pkvm;
};

/* @warn: where the hardware models' GMS_WARN_ON()s go */
void gms_hw_init(struct gms_hw *hw, struct gms_warn_log *warn);
/* no confidential-computing state at all: the hardware invariants hold trivially */
bool gms_hw_idle(const struct gms_hw *hw);
void gms_hw_destroy(struct gms_hw *hw);

enum gms_host_access {
	GMS_HOST_USER_READ,
	GMS_HOST_USER_WRITE,
	GMS_HOST_KERNEL_READ,
	GMS_HOST_KERNEL_WRITE,
};

/*
 * The hardware's verdict on a host access to @pfn: 0, GMS_HW_SIGBUS (a user
 * access the kernel turns into SIGBUS) or GMS_HW_FATAL (the host crashes;
 * @why names the rule).
 */
#define GMS_HW_SIGBUS 1
#define GMS_HW_FATAL 2
/* a user access the kernel turns into SIGSEGV (pKVM's injected abort) */
#define GMS_HW_SIGSEGV 3
int gms_hw_host_access(struct gms_hw *hw, u64 pfn, enum gms_host_access kind,
		       const char **why);

#endif
