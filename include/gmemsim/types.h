/* SPDX-License-Identifier: GPL-2.0 */
/* Basic types and the uAPI constants of include/uapi/linux/kvm.h the model uses. */
#ifndef GMEMSIM_TYPES_H
#define GMEMSIM_TYPES_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint16_t u16;
typedef uint8_t u8;
typedef int64_t s64;
typedef int32_t s32;

#define GMS_PAGE_SHIFT 12
#define GMS_PAGE_SIZE (1ULL << GMS_PAGE_SHIFT)
#define GMS_PAGE_ALIGNED(x) (((x) & (GMS_PAGE_SIZE - 1)) == 0)

/* KVM_CREATE_GUEST_MEMFD flags */
#define GUEST_MEMFD_FLAG_MMAP (1ULL << 0)
#define GUEST_MEMFD_FLAG_INIT_SHARED (1ULL << 1)

/* kvm_userspace_memory_region2.flags */
#define KVM_MEM_LOG_DIRTY_PAGES (1U << 0)
#define KVM_MEM_READONLY (1U << 1)
#define KVM_MEM_GUEST_MEMFD (1U << 2)
/* kernel-internal memslot flag, set by kvm_gmem_bind() for MMAP-capable files */
#define KVM_MEMSLOT_GMEM_ONLY (1U << 17)

#define KVM_MEMORY_ATTRIBUTE_PRIVATE (1ULL << 3)
#define KVM_MEMORY_EXIT_FLAG_PRIVATE (1ULL << 3)

/* x86: KVM_MEM_SLOTS_NUM - KVM_INTERNAL_MEM_SLOTS */
#define KVM_USER_MEM_SLOTS 32764
#define KVM_MEM_SLOTS_NUM 32767
#define KVM_MEM_MAX_NR_PAGES ((1ULL << 31) - 1)

/* fallocate(2) modes */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#define FALLOC_FL_NO_HIDE_STALE 0x04
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE 0x10
#define FALLOC_FL_INSERT_RANGE 0x20
#define FALLOC_FL_UNSHARE_RANGE 0x40
#define FALLOC_FL_MODE_MASK                                \
	(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | \
	 FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE |   \
	 FALLOC_FL_UNSHARE_RANGE)

/* mmap(2) */
#define GMS_PROT_READ 0x1
#define GMS_PROT_WRITE 0x2
#define GMS_PROT_EXEC 0x4
#define GMS_MAP_SHARED 0x01
#define GMS_MAP_PRIVATE 0x02

/* x86-64 TASK_SIZE_MAX with 4-level paging */
#define GMS_TASK_SIZE_MAX ((1ULL << 47) - GMS_PAGE_SIZE)

/* Who touched a page: the host (userspace or kernel) or a VM, by its id. */
#define GMS_PRINCIPAL_HOST 0U

#endif
