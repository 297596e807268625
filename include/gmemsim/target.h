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
	/* @page_order: the HugeTLB series' field (0 in mainline) */
	int (*create_guest_memfd)(struct gms_target *t, int vm_fd, u64 size,
				  u64 flags, u64 page_order);
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
	int (*fstat)(struct gms_target *t, int fd, struct gms_stat *st);
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
	/* NUMA mempolicy: mbind(), get_mempolicy(MPOL_F_ADDR), move_pages() */
	int (*mbind)(struct gms_target *t, u64 addr, u64 len, int mode,
		     u64 nodemask);
	int (*get_mempolicy)(struct gms_target *t, u64 addr, int *mode,
			     u64 *nodemask);
	int (*page_node)(struct gms_target *t, u64 addr, int *node);
	/* issue 18: the rest of the uAPI the upstream selftests use */
	s64 (*check_extension)(struct gms_target *t, int fd, u64 cap);
	int (*set_user_memory_region)(
		struct gms_target *t, int vm_fd,
		const struct gms_userspace_memory_region2 *region);
	int (*memfd_create)(struct gms_target *t, u64 size);
	int (*madvise)(struct gms_target *t, u64 addr, u64 len, int advice);
	int (*mlock)(struct gms_target *t, u64 addr, u64 len, bool lock);
	int (*vcpu_pre_fault)(struct gms_target *t, int vm_fd,
			      struct gms_pre_fault *range);
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
	/* the host's NUMA nodes with memory (0: the model's numa_nodes= knob) */
	unsigned int numa_nodes;
};

/*
 * One call per op, so a reader (and ctags or clangd) can follow each call to
 * the op it makes; the runner calls only these.
 */
static inline int gms_target_open_kvm(struct gms_target *t)
{
	return t->ops->open_kvm(t);
}

static inline int gms_target_create_vm(struct gms_target *t, int kvm_fd,
				       u64 type)
{
	return t->ops->create_vm(t, kvm_fd, type);
}

static inline int gms_target_create_guest_memfd(struct gms_target *t, int vm_fd,
						u64 size, u64 flags)
{
	return t->ops->create_guest_memfd(t, vm_fd, size, flags, 0);
}

static inline int gms_target_create_guest_memfd_order(struct gms_target *t,
						      int vm_fd, u64 size,
						      u64 flags, u64 page_order)
{
	return t->ops->create_guest_memfd(t, vm_fd, size, flags, page_order);
}

static inline int gms_target_set_user_memory_region2(
	struct gms_target *t, int vm_fd,
	const struct gms_userspace_memory_region2 *region)
{
	return t->ops->set_user_memory_region2(t, vm_fd, region);
}

static inline int
gms_target_set_memory_attributes(struct gms_target *t, int vm_fd,
				 const struct gms_memory_attributes *attrs)
{
	return t->ops->set_memory_attributes(t, vm_fd, attrs);
}

static inline int gms_target_fallocate(struct gms_target *t, int fd, int mode,
				       s64 offset, s64 len)
{
	return t->ops->fallocate(t, fd, mode, offset, len);
}

static inline s64 gms_target_read(struct gms_target *t, int fd, u64 count)
{
	return t->ops->read(t, fd, count);
}

static inline s64 gms_target_write(struct gms_target *t, int fd, u64 count)
{
	return t->ops->write(t, fd, count);
}

static inline s64 gms_target_pread(struct gms_target *t, int fd, u64 count,
				   s64 pos)
{
	return t->ops->pread(t, fd, count, pos);
}

static inline s64 gms_target_pwrite(struct gms_target *t, int fd, u64 count,
				    s64 pos)
{
	return t->ops->pwrite(t, fd, count, pos);
}

static inline s64 gms_target_lseek(struct gms_target *t, int fd, s64 offset,
				   int whence)
{
	return t->ops->lseek(t, fd, offset, whence);
}

static inline int gms_target_ftruncate(struct gms_target *t, int fd, s64 length)
{
	return t->ops->ftruncate(t, fd, length);
}

static inline int gms_target_fstat(struct gms_target *t, int fd,
				   struct gms_stat *st)
{
	return t->ops->fstat(t, fd, st);
}

static inline int gms_target_close(struct gms_target *t, int fd)
{
	return t->ops->close(t, fd);
}

static inline int gms_target_mmap(struct gms_target *t, u64 len, u32 prot,
				  u32 flags, int fd, u64 offset, u64 *addr)
{
	return t->ops->mmap(t, len, prot, flags, fd, offset, addr);
}

static inline int gms_target_mmap_anon(struct gms_target *t, u64 len, u64 *addr)
{
	return t->ops->mmap_anon(t, len, addr);
}

static inline int gms_target_munmap(struct gms_target *t, u64 addr, u64 len)
{
	return t->ops->munmap(t, addr, len);
}

static inline int gms_target_host_read(struct gms_target *t, u64 addr, u64 *tag)
{
	return t->ops->host_read(t, addr, tag);
}

static inline int gms_target_host_write(struct gms_target *t, u64 addr, u64 tag)
{
	return t->ops->host_write(t, addr, tag);
}

static inline int gms_target_host_pin(struct gms_target *t, u64 addr)
{
	return t->ops->host_pin(t, addr);
}

static inline int gms_target_host_unpin(struct gms_target *t, u64 addr)
{
	return t->ops->host_unpin(t, addr);
}

static inline int gms_target_vcpu_read(struct gms_target *t, int vm_fd, u64 gpa,
				       enum gms_access_kind kind, u64 *tag,
				       struct gms_vcpu_exit *exit)
{
	return t->ops->vcpu_read(t, vm_fd, gpa, kind, tag, exit);
}

static inline int gms_target_vcpu_write(struct gms_target *t, int vm_fd,
					u64 gpa, enum gms_access_kind kind,
					u64 tag, struct gms_vcpu_exit *exit)
{
	return t->ops->vcpu_write(t, vm_fd, gpa, kind, tag, exit);
}

static inline int gms_target_mbind(struct gms_target *t, u64 addr, u64 len,
				   int mode, u64 nodemask)
{
	return t->ops->mbind(t, addr, len, mode, nodemask);
}

static inline int gms_target_get_mempolicy(struct gms_target *t, u64 addr,
					   int *mode, u64 *nodemask)
{
	return t->ops->get_mempolicy(t, addr, mode, nodemask);
}

static inline int gms_target_page_node(struct gms_target *t, u64 addr,
				       int *node)
{
	return t->ops->page_node(t, addr, node);
}

/* KVM_CHECK_EXTENSION on /dev/kvm or a VM fd: the value, or -errno */
static inline s64 gms_target_check_extension(struct gms_target *t, int fd,
					     u64 cap)
{
	return t->ops->check_extension(t, fd, cap);
}

/* KVM_SET_USER_MEMORY_REGION (v1): @region's guest_memfd fields unused */
static inline int gms_target_set_user_memory_region(
	struct gms_target *t, int vm_fd,
	const struct gms_userspace_memory_region2 *region)
{
	return t->ops->set_user_memory_region(t, vm_fd, region);
}

/* memfd_create() and ftruncate() to @size: the fd, or -errno */
static inline int gms_target_memfd_create(struct gms_target *t, u64 size)
{
	return t->ops->memfd_create(t, size);
}

static inline int gms_target_madvise(struct gms_target *t, u64 addr, u64 len,
				     int advice)
{
	return t->ops->madvise(t, addr, len, advice);
}

/* mlock() (@lock) or munlock() */
static inline int gms_target_mlock(struct gms_target *t, u64 addr, u64 len,
				   bool lock)
{
	return t->ops->mlock(t, addr, len, lock);
}

/* KVM_PRE_FAULT_MEMORY on the VM's vCPU; @range is updated as the kernel does */
static inline int gms_target_vcpu_pre_fault(struct gms_target *t, int vm_fd,
					    struct gms_pre_fault *range)
{
	return t->ops->vcpu_pre_fault(t, vm_fd, range);
}

/* Free @t (the model's target leaves its world to the caller). */
static inline void gms_target_destroy(struct gms_target *t)
{
	t->ops->destroy(t);
}

/*
 * The host maps guest memory with shadow paging (PVM, or npt/ept off): guest
 * accesses to a guest_memfd slot are resolved through userspace_addr.
 */
#define GMS_QUIRK_SHADOW_PAGING (1U << 0)
/* KVM_SET_MEMORY_ATTRIBUTES is not built (no CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES) */
#define GMS_QUIRK_NO_MEMORY_ATTRIBUTES (1U << 1)
/* KVM_CAP_VM_TYPES is not the model's (default, sw_protected, SNP, TDX) */
#define GMS_QUIRK_VM_TYPES (1U << 2)

/* A call the target cannot make (another VM type, a pin, ...): not an errno. */
#define GMS_EUNSUPPORTED 1001

/* The model as a target, on @w (not owned). */
struct gms_target *gms_model_target_new(struct gms_world *w);

/*
 * The running kernel through /dev/kvm. NULL, with the reason in @why (to
 * free), when there is none or it lacks guest_memfd.
 */
struct gms_target *gms_kvm_target_new(char **why);
/* The abi policy value matching the running kernel ("6.18", "6.19" or "7.2"). */
const char *gms_kvm_kernel_abi(void);

#endif
