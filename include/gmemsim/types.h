/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic types and the uAPI constants of include/uapi/linux/kvm.h the model
 * uses, under the kernel's names (guarded: the oracle includes <linux/kvm.h>).
 */
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
#ifndef GUEST_MEMFD_FLAG_MMAP
#define GUEST_MEMFD_FLAG_MMAP (1ULL << 0)
#endif
#ifndef GUEST_MEMFD_FLAG_INIT_SHARED
#define GUEST_MEMFD_FLAG_INIT_SHARED (1ULL << 1)
/* write=populate: "KVM: guest_memfd: add generic population via write" (v7) */
#define GUEST_MEMFD_FLAG_WRITE (1ULL << 2)
#endif
/*
 * the direct-map removal series (v11, 2026-03-17; not merged): direct_map=remove.
 * Both posted series claim bit 2: with write=populate and direct_map=remove
 * on together the bit means both, as the two patches applied together would.
 */
#ifndef GUEST_MEMFD_FLAG_NO_DIRECT_MAP
#define GUEST_MEMFD_FLAG_NO_DIRECT_MAP (1ULL << 2)
#endif

/*
 * hugetlb=allowed: the HugeTLB guest_memfd series' flag. Its 2025 RFC took
 * bit 2 (before mainline's later flags); the value in the HT code's uAPI
 * was not seen: bit 3, the first no other modelled series claims
 * (UNVERIFIED). page_order is the new field of kvm_create_guest_memfd.
 */
#ifndef GUEST_MEMFD_FLAG_HUGETLB
#define GUEST_MEMFD_FLAG_HUGETLB (1ULL << 3)
#endif

/* kvm_userspace_memory_region2.flags */
#ifndef KVM_MEM_LOG_DIRTY_PAGES
#define KVM_MEM_LOG_DIRTY_PAGES (1U << 0)
#endif
#ifndef KVM_MEM_READONLY
#define KVM_MEM_READONLY (1U << 1)
#endif
#ifndef KVM_MEM_GUEST_MEMFD
#define KVM_MEM_GUEST_MEMFD (1U << 2)
#endif
/* kernel-internal memslot flag, set by kvm_gmem_bind() for MMAP-capable files */
#ifndef KVM_MEMSLOT_GMEM_ONLY
#define KVM_MEMSLOT_GMEM_ONLY (1U << 17)
#endif

#ifndef KVM_MEMORY_ATTRIBUTE_PRIVATE
#define KVM_MEMORY_ATTRIBUTE_PRIVATE (1ULL << 3)
#endif
#ifndef KVM_MEMORY_EXIT_FLAG_PRIVATE
#define KVM_MEMORY_EXIT_FLAG_PRIVATE (1ULL << 3)
#endif

/* x86: KVM_MEM_SLOTS_NUM - KVM_INTERNAL_MEM_SLOTS */
#ifndef KVM_USER_MEM_SLOTS
#define KVM_USER_MEM_SLOTS 32764
#endif
#ifndef KVM_MEM_SLOTS_NUM
#define KVM_MEM_SLOTS_NUM 32767
#endif
#ifndef KVM_MEM_MAX_NR_PAGES
#define KVM_MEM_MAX_NR_PAGES ((1ULL << 31) - 1)
#endif

/* fallocate(2) modes */
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE 0x02
#endif
#ifndef FALLOC_FL_NO_HIDE_STALE
#define FALLOC_FL_NO_HIDE_STALE 0x04
#endif
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#endif
#ifndef FALLOC_FL_ZERO_RANGE
#define FALLOC_FL_ZERO_RANGE 0x10
#endif
#ifndef FALLOC_FL_INSERT_RANGE
#define FALLOC_FL_INSERT_RANGE 0x20
#endif
#ifndef FALLOC_FL_UNSHARE_RANGE
#define FALLOC_FL_UNSHARE_RANGE 0x40
#endif
#undef FALLOC_FL_MODE_MASK /* same value as the kernel's, if a header had it */
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
/* a scenario's content tags: tag i of a scenario has value GMS_TAG_BASE + i */
#define GMS_TAG_BASE 0x7a900000ULL

#endif
