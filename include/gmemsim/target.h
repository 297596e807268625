/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A target executes uAPI calls: the model (a world) or the real kernel
 * (/dev/kvm). The scenario runner drives either through this table, so one
 * scenario replays on both and their outcomes can be compared step by step.
 * Every call returns what the matching gms_sys_* / gms_host_* / gms_vcpu_*
 * function of uapi.h returns.
 */
#ifndef GMEMSIM_TARGET_H
#define GMEMSIM_TARGET_H

#include <gmemsim/uapi_types.h>

struct gms_world;

struct gms_target;

struct gms_target_ops {
	const char *name;
	int (*open_kvm)(struct gms_target *t);
	int (*create_vm)(struct gms_target *t, int kvm_fd, u64 type);
	int (*create_guest_memfd)(struct gms_target *t, int vm_fd, u64 size,
				  u64 flags);
	int (*set_user_memory_region2)(
		struct gms_target *t, int vm_fd,
		const struct gms_userspace_memory_region2 *region);
	int (*set_memory_attributes)(struct gms_target *t, int vm_fd,
				     const struct gms_memory_attributes *attrs);
	int (*fallocate)(struct gms_target *t, int fd, int mode, s64 offset,
			 s64 len);
	s64 (*read)(struct gms_target *t, int fd, u64 count);
	s64 (*write)(struct gms_target *t, int fd, u64 count);
	s64 (*pread)(struct gms_target *t, int fd, u64 count, s64 pos);
	s64 (*pwrite)(struct gms_target *t, int fd, u64 count, s64 pos);
	s64 (*lseek)(struct gms_target *t, int fd, s64 offset, int whence);
	int (*ftruncate)(struct gms_target *t, int fd, s64 length);
	int (*fstat)(struct gms_target *t, int fd, u64 *size, u64 *ino);
	int (*close)(struct gms_target *t, int fd);
	int (*mmap)(struct gms_target *t, u64 len, u32 prot, u32 flags, int fd,
		    u64 offset, u64 *addr);
	int (*mmap_anon)(struct gms_target *t, u64 len, u64 *addr);
	int (*munmap)(struct gms_target *t, u64 addr, u64 len);
	int (*host_read)(struct gms_target *t, u64 addr, u64 *tag);
	int (*host_write)(struct gms_target *t, u64 addr, u64 tag);
	int (*host_pin)(struct gms_target *t, u64 addr);
	int (*host_unpin)(struct gms_target *t, u64 addr);
	int (*vcpu_read)(struct gms_target *t, int vm_fd, u64 gpa,
			 enum gms_access_kind kind, u64 *tag,
			 struct gms_vcpu_exit *exit);
	int (*vcpu_write)(struct gms_target *t, int vm_fd, u64 gpa,
			  enum gms_access_kind kind, u64 tag,
			  struct gms_vcpu_exit *exit);
	void (*destroy)(struct gms_target *t);
};

struct gms_target {
	const struct gms_target_ops *ops;
	/* the model's world; NULL for the kernel, which has no introspection */
	struct gms_world *w;
	/* the abi policy value this target behaves as (NULL: the model's knob) */
	const char *abi;
	unsigned int
		quirks; /* GMS_QUIRK_*: how this host departs from upstream TDP */
};

/*
 * The host maps guest memory with shadow paging (PVM, or npt/ept off): guest
 * accesses to a guest_memfd slot are resolved through userspace_addr.
 */
#define GMS_QUIRK_SHADOW_PAGING (1U << 0)
/* KVM_SET_MEMORY_ATTRIBUTES is not built (no CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES) */
#define GMS_QUIRK_NO_MEMORY_ATTRIBUTES (1U << 1)

/* A call the target cannot make (another VM type, a pin, ...): not an errno. */
#define GMS_EUNSUPPORTED 1001

/* The model as a target, on @w (not owned). */
struct gms_target *gms_model_target_new(struct gms_world *w);

/*
 * The running kernel through /dev/kvm. NULL, with the reason in @why (to
 * free), when there is none or it lacks guest_memfd.
 */
struct gms_target *gms_kvm_target_new(char **why);
/* The abi policy value matching the running kernel ("6.18" or "7.2"). */
const char *gms_kvm_kernel_abi(void);

#endif
