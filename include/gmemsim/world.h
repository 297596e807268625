/* SPDX-License-Identifier: GPL-2.0 */
/* One world: every object of one simulated host. Two worlds share nothing. */
#ifndef GMEMSIM_WORLD_H
#define GMEMSIM_WORLD_H

#include <glib.h>
#include <gmemsim/dirty.h>
#include <gmemsim/hw.h>
#include <gmemsim/lock.h>
#include <gmemsim/mm.h>
#include <gmemsim/hugetlb.h>
#include <gmemsim/physmem.h>
#include <gmemsim/policy.h>
#include <gmemsim/types.h>
#include <gmemsim/warn.h>

enum gms_fd_kind {
	GMS_FD_CLOSED,
	GMS_FD_KVM_DEV, /* /dev/kvm */
	GMS_FD_VM,
	GMS_FD_GMEM,
	GMS_FD_MEMFD, /* memfd_create(): a shmem file, only its size modelled */
	GMS_FD_OTHER, /* an open file none of KVM's: stdin, stdout, stderr */
};

struct gms_fd {
	enum gms_fd_kind kind;
	void *obj; /* struct gms_kvm * or struct gms_gmem_file * */
	u64 size; /* GMS_FD_MEMFD: i_size */
};

/* A principal read a page: the confidentiality invariant judges these. */
struct gms_observation {
	u32 reader; /* GMS_PRINCIPAL_HOST or a VM id */
	u32 reader_key; /* the encryption key the read went through */
	u64 pfn;
	u64 tag;
	u32 writer;
	u32 key; /* the key the data was written under */
	bool private_data;
	bool measured;
	const char *via;
};

/* Something the hardware punishes fatally happened (host-safety). */
struct gms_fatal {
	const char *rule;
	u64 pfn;
	const char *what;
};

enum gms_obj_kind {
	GMS_OBJ_KVM,
	GMS_OBJ_FILE,
	GMS_OBJ_INODE,
	GMS_OBJ_SLOT,
	GMS_OBJ_VMA,
	GMS_OBJ_TAG, /* not an object: a content tag, for report names */
};

struct gms_world {
	struct gms_policy policy;
	struct gms_physmem physmem;
	struct gms_hugetlb_pool hugetlb; /* hugetlb=allowed */
	struct gms_hw hw;
	struct gms_mm mm;
	GArray *fds; /* fd -> struct gms_fd; numbers are never reused */
	GList *vms; /* live struct gms_kvm */
	GList *inodes; /* live struct gms_gmem_inode */
	/*
	 * Arrays below are NULL until their first entry: most runs free
	 * nothing, observe nothing and crash nothing.
	 */
	GArray *graveyard; /* struct gms_grave: freed objects, kept so dangling
			      pointers stay checkable */
	GArray *observations; /* struct gms_observation of the current step */
	GArray *fatal; /* struct gms_fatal of the current step */
	struct gms_lockdep lockdep;
	struct gms_lock_ctx
		sync; /* the scenario's own thread: ops outside tasks */
	GPtrArray *tasks; /* struct gms_task *, by id - 1 */
	GPtrArray *
		task_work; /* deferred fput()s (pin=slot-pins-file); lazily made */
	u32 next_id;
	/* model bugs (GMS_WARN_ON()), not spec violations; warn points here */
	struct gms_warn_log warn_log;
	struct gms_warn_log *warn;
	/* what changed since the invariants last ran (check=incremental) */
	struct gms_dirty dirty;
	/* Optional: the scenario's names for VMs, files and tags in reports. */
	const char *(*name_of)(void *data, enum gms_obj_kind kind, u64 id);
	void *name_data;
};

struct gms_grave {
	enum gms_obj_kind kind;
	void *obj;
};

/* the length of one of the world's arrays, which may not exist yet */
static inline guint gms_array_len(const GArray *a)
{
	return a ? a->len : 0;
}

struct gms_world *gms_world_new(void);
void gms_world_free(struct gms_world *w);
/* back to an empty host, keeping the policy */
void gms_world_reset(struct gms_world *w);
/* start a new step: forget the previous step's observations */
void gms_world_begin_step(struct gms_world *w);
u32 gms_world_next_id(struct gms_world *w);
/* mirrors: task_work_run(): the deferred fput()s, on the way back to userspace */
void gms_world_task_work_run(struct gms_world *w);
struct gms_gmem_file;
void gms_world_defer_fput(struct gms_world *w, struct gms_gmem_file *f);
/* kfree() that keeps the object as a shell until reset (KASAN quarantine) */
void gms_world_bury(struct gms_world *w, enum gms_obj_kind kind, void *obj);
void gms_world_observe(struct gms_world *w, u32 reader, u32 key, u64 pfn,
		       const char *via);
/*
 * A host access to @pfn as the hardware judges it: 0, -GMS_ESIGBUS or
 * -EFAULT (SIGSEGV, pKVM) for a user access it punishes, or 0 after
 * recording a fatal one (host-safety).
 */
int gms_world_host_access(struct gms_world *w, u64 pfn,
			  enum gms_host_access kind, const char *what);
/* A host access that crashes the host whatever the hardware (host-safety) */
void gms_world_fatal(struct gms_world *w, u64 pfn, const char *rule,
		     const char *what);
/* a model bug without a condition: GMS_WARN_ON(w, true) naming @what */
#define gms_world_model_bug(w, what) \
	gms_warn((w)->warn, __FILE__, __LINE__, what)

/* The fd table (one process). */
int gms_fd_install(struct gms_world *w, enum gms_fd_kind kind, void *obj);
/* mirrors: fget(): the entry, or NULL for a closed or never-opened fd */
struct gms_fd *gms_fd_get(struct gms_world *w, int fd);
/*
 * mirrors: fdget() and the file-type check of the syscall or ioctl: the
 * object behind @fd if it is a @kind; else NULL and @err -EBADF (no such
 * fd) or @wrong_kind (the caller's errno for another kind of file).
 */
void *gms_fdget_obj(struct gms_world *w, int fd, enum gms_fd_kind kind,
		    int wrong_kind, int *err);
/* true when no fd but /dev/kvm ones is open */
bool gms_fd_table_empty(const struct gms_world *w);

#endif
