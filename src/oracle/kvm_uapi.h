/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest_memfd uAPI of include/uapi/linux/kvm.h (6.8+ and 6.18), for hosts
 * whose installed headers predate it (Debian 12 ships 6.1).
 */
#ifndef GMEMSIM_SRC_KVM_UAPI_H
#define GMEMSIM_SRC_KVM_UAPI_H

#include <linux/kvm.h>
#include <stdint.h>

struct gms_uapi_create_guest_memfd {
	uint64_t size;
	uint64_t flags;
	/*
	 * the HugeTLB series' page_order (hugetlb=allowed) in mainline's first
	 * reserved word; its place in the HT code's uAPI is UNVERIFIED
	 */
	uint64_t page_order;
	uint64_t reserved[5];
};

struct gms_uapi_userspace_memory_region2 {
	uint32_t slot;
	uint32_t flags;
	uint64_t guest_phys_addr;
	uint64_t memory_size;
	uint64_t userspace_addr;
	uint64_t guest_memfd_offset;
	uint32_t guest_memfd;
	uint32_t pad1;
	uint64_t pad2[14];
};

struct gms_uapi_memory_attributes {
	uint64_t address;
	uint64_t size;
	uint64_t attributes;
	uint64_t flags;
};

/* run->memory_fault, at the start of kvm_run's exit union */
struct gms_uapi_memory_fault {
	uint64_t flags;
	uint64_t gpa;
	uint64_t size;
};

#define GMS_KVM_CREATE_GUEST_MEMFD \
	_IOWR(KVMIO, 0xd4, struct gms_uapi_create_guest_memfd)
#define GMS_KVM_SET_USER_MEMORY_REGION2 \
	_IOW(KVMIO, 0x49, struct gms_uapi_userspace_memory_region2)
#define GMS_KVM_SET_MEMORY_ATTRIBUTES \
	_IOW(KVMIO, 0xd2, struct gms_uapi_memory_attributes)
#define GMS_KVM_EXIT_MEMORY_FAULT 39
#define GMS_KVM_CAP_VM_TYPES 235
#define GMS_KVM_CAP_GUEST_MEMFD 234
#define GMS_KVM_CAP_GUEST_MEMFD_FLAGS 244

/* KVM_SET_USER_MEMORY_REGION (v1): no guest_memfd fields */
struct gms_uapi_userspace_memory_region {
	uint32_t slot;
	uint32_t flags;
	uint64_t guest_phys_addr;
	uint64_t memory_size;
	uint64_t userspace_addr;
};

/* KVM_PRE_FAULT_MEMORY (vCPU ioctl, 6.10+) */
struct gms_uapi_pre_fault_memory {
	uint64_t gpa;
	uint64_t size;
	uint64_t flags;
	uint64_t padding[5];
};

#define GMS_KVM_SET_USER_MEMORY_REGION \
	_IOW(KVMIO, 0x46, struct gms_uapi_userspace_memory_region)
#define GMS_KVM_PRE_FAULT_MEMORY \
	_IOWR(KVMIO, 0xd5, struct gms_uapi_pre_fault_memory)

#endif
