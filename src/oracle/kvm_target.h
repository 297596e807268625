/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMEMSIM_SRC_KVM_TARGET_H
#define GMEMSIM_SRC_KVM_TARGET_H

#include <linux/kvm.h>

#include <gmemsim/range_map.h>
#include <gmemsim/target.h>

enum kfd_kind { KFD_DEV, KFD_VM, KFD_GMEM };

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
/* Is [addr, addr + len) all this target's own mappings? */
bool kt_ours(struct kvm_target *kt, u64 addr, u64 len);
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
