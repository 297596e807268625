/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_KVM_TARGET_H
#define GMEMSIM_SRC_KVM_TARGET_H

#include <linux/kvm.h>

#include <gmemsim/range_map.h>
#include <gmemsim/target.h>

/* KFD_OTHER: a file none of KVM's (a memfd, /dev/null as stdin) */
enum kfd_kind { KFD_DEV, KFD_VM, KFD_GMEM, KFD_OTHER };

struct kfd {
	int real; /* the process's fd; -1 once closed */
	enum kfd_kind kind;
	/* VM fds: the vCPU harness, made on the first guest access */
	int vcpu;
	struct kvm_run *run;
	size_t run_size;
	void *harness;
};

struct kvm_target {
	struct gms_target base;
	GArray *fds; /* virtual fd -> struct kfd */
	struct gms_range_map mapped; /* host pages this target mapped */
	struct gms_range_map holes; /* unmapped by a scenario, kept reserved */
	u64 arena, arena_end, arena_next; /* where scenario mappings go */
	u32 vm_types; /* KVM_CAP_VM_TYPES */
};

/*
 * The harness memslot and its guest-physical home, the last GiB of an
 * identity map of 128 GiB built from 2 MiB pages (1 GiB pages are not
 * offered to nested guests everywhere).
 */
/*
 * Scenario mappings are placed in a PROT_NONE arena with the model's layout
 * (each after a guard gap of at least 2 MiB), so that a memslot reaching
 * past its mapping finds the same nothing as in the model, not the process's
 * own memory.
 */
#define KT_ARENA_SIZE (16ULL << 40)

#define KT_HARNESS_SLOT 32763
#define KT_IDENTITY_GIB 128ULL
#define KT_HARNESS_GPA ((KT_IDENTITY_GIB - 1) << 30)

/* The most guest_memfd memory one fallocate() may make the real kernel allocate. */
#define KT_ALLOC_LIMIT (256LL << 20)

struct kfd *kt_fd(struct kvm_target *kt, int fd);
/* the process's fd behind virtual @fd; an fd no process has open if none */
int kt_real_fd(struct kvm_target *kt, int fd);
/* a new virtual fd for @real */
int kt_install(struct kvm_target *kt, int real, enum kfd_kind kind);
/* is [addr, addr + len) all mapped by this target? */
bool kt_ours(struct kvm_target *kt, u64 addr, u64 len);
/* the VM's vCPU (the harness), made on first use; false if it cannot be */
bool kt_vcpu_ready(struct kvm_target *kt, struct kfd *vm);
/* issue 18's calls (uapi.c) */
s64 kt_check_extension(struct gms_target *t, int fd, u64 cap);
int kt_set_region_v1(struct gms_target *t, int vm_fd,
		     const struct gms_userspace_memory_region2 *r);
int kt_memfd_create(struct gms_target *t, u64 size);
int kt_madvise(struct gms_target *t, u64 addr, u64 len, int advice);
int kt_mlock(struct gms_target *t, u64 addr, u64 len, bool lock);
int kt_pre_fault(struct gms_target *t, int vm_fd, struct gms_pre_fault *range);
/* numa.c: mbind(), get_mempolicy(), move_pages(), the host's nodes */
int kt_mbind(struct gms_target *t, u64 addr, u64 len, int mode, u64 nodemask);
int kt_get_mempolicy(struct gms_target *t, u64 addr, int *mode, u64 *nodemask);
int kt_page_node(struct gms_target *t, u64 addr, int *node);
/* the host's nodes with memory; with two or more, "local" is made node 0 */
unsigned int kt_numa_init(void);
void kt_harness_free(struct kvm_target *kt, struct kfd *vm);
int kt_vcpu_read(struct gms_target *t, int vm_fd, u64 gpa,
		 enum gms_access_kind kind, u64 *tag,
		 struct gms_vcpu_exit *exit);
int kt_vcpu_write(struct gms_target *t, int vm_fd, u64 gpa,
		  enum gms_access_kind kind, u64 tag,
		  struct gms_vcpu_exit *exit);

#endif
