/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The plain types of the uAPI (include/uapi/linux/kvm.h's structs, VM
 * types, vCPU exits), which every target shares: the model (src/kvm), the
 * real kernel (src/oracle) and the scenario runner. No model object here.
 */
#ifndef GMEMSIM_UAPI_TYPES_H
#define GMEMSIM_UAPI_TYPES_H

#include <gmemsim/types.h>

enum gms_vm_type {
	GMS_VM_DEFAULT, /* KVM_X86_DEFAULT_VM */
	GMS_VM_SW_PROTECTED, /* KVM_X86_SW_PROTECTED_VM */
	GMS_VM_SNP,
	GMS_VM_TDX,
	GMS_VM_PKVM,
	GMS_VM_NR_TYPES,
};

/* struct kvm_userspace_memory_region2 */
struct gms_userspace_memory_region2 {
	u32 slot; /* as_id << 16 | id */
	u32 flags;
	u64 guest_phys_addr;
	u64 memory_size;
	u64 userspace_addr;
	u64 guest_memfd_offset;
	u32 guest_memfd;
};

/* struct kvm_memory_attributes */
struct gms_memory_attributes {
	u64 address;
	u64 size;
	u64 attributes;
	u64 flags;
};

enum gms_exit_reason {
	GMS_EXIT_NONE,
	GMS_EXIT_MEMORY_FAULT, /* KVM_EXIT_MEMORY_FAULT */
	GMS_EXIT_MMIO, /* KVM_EXIT_MMIO: no memslot */
	GMS_EXIT_EXCEPTION, /* the guest took #VC / #VE / an abort instead of data */
};

enum gms_access_kind {
	GMS_ACCESS_DEFAULT, /* the gfn's current attribute */
	GMS_ACCESS_PRIVATE,
	GMS_ACCESS_SHARED,
};

struct gms_vcpu_exit {
	enum gms_exit_reason reason;
	u64 flags; /* KVM_MEMORY_EXIT_FLAG_PRIVATE */
	u64 gpa;
	u64 size;
};

/* NUMA mempolicy: include/uapi/linux/mempolicy.h */
#define GMS_MPOL_DEFAULT 0
#define GMS_MPOL_PREFERRED 1
#define GMS_MPOL_BIND 2
#define GMS_MPOL_INTERLEAVE 3
#define GMS_MPOL_LOCAL 4
#define GMS_MPOL_MAX 7 /* the first mode kernel_mbind() refuses */
#define GMS_MPOL_F_STATIC_NODES (1 << 15)
#define GMS_MPOL_F_RELATIVE_NODES (1 << 14)
#define GMS_MPOL_F_NUMA_BALANCING (1 << 13)
#define GMS_MPOL_MODE_FLAGS                                    \
	(GMS_MPOL_F_STATIC_NODES | GMS_MPOL_F_RELATIVE_NODES | \
	 GMS_MPOL_F_NUMA_BALANCING)

/*
 * uffd=: a host fault a userfaultfd registration hands to its handler
 * (VM_FAULT_UFFD_MISSING / VM_FAULT_UFFD_MINOR); not errnos
 */
#define GMS_EUFFD_MISSING 1003
#define GMS_EUFFD_MINOR 1004
#define GMS_UFFD_MISSING (1U << 0) /* UFFDIO_REGISTER_MODE_MISSING */
#define GMS_UFFD_MINOR (1U << 2) /* UFFDIO_REGISTER_MODE_MINOR */
/* KVM_CHECK_EXTENSION capabilities (include/uapi/linux/kvm.h numbers) */
enum gms_cap {
	GMS_CAP_USER_MEMORY2 = 231,
	GMS_CAP_MEMORY_FAULT_INFO = 232,
	GMS_CAP_MEMORY_ATTRIBUTES = 233,
	GMS_CAP_GUEST_MEMFD = 234,
	GMS_CAP_VM_TYPES = 235,
	GMS_CAP_PRE_FAULT_MEMORY = 236,
	GMS_CAP_GUEST_MEMFD_FLAGS = 244,
};

/* x86 KVM_CREATE_VM types, as KVM_CAP_VM_TYPES reports them (BIT(type)) */
#define GMS_KVM_X86_DEFAULT_VM 0
#define GMS_KVM_X86_SW_PROTECTED_VM 1
#define GMS_KVM_X86_SNP_VM 4
#define GMS_KVM_X86_TDX_VM 5
/* KVM_CAP_VM_TYPES of the model's host: every x86 type it models */
#define GMS_MODEL_X86_VM_TYPES                                              \
	((1U << GMS_KVM_X86_DEFAULT_VM) |                                   \
	 (1U << GMS_KVM_X86_SW_PROTECTED_VM) | (1U << GMS_KVM_X86_SNP_VM) | \
	 (1U << GMS_KVM_X86_TDX_VM))

/* struct stat, the fields gmem.fstat compares */
struct gms_stat {
	u64 size; /* st_size */
	u64 ino; /* st_ino */
	u64 blksize; /* st_blksize */
	u64 blocks; /* st_blocks: 512-byte blocks allocated */
};

/* madvise(2) advice, the kernel's values */
enum gms_madvise {
	GMS_MADV_DONTNEED = 4,
	GMS_MADV_REMOVE = 9,
	GMS_MADV_HUGEPAGE = 14,
	GMS_MADV_COLLAPSE = 25,
};

/* struct kvm_pre_fault_memory's in/out fields */
struct gms_pre_fault {
	u64 gpa;
	u64 size; /* on return: what is left */
	u64 flags;
};

/* A host access the hardware punishes with SIGBUS; not an errno. */
#define GMS_ESIGBUS 1000

#endif
