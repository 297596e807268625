/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uAPI: ioctls, file operations, host accesses and vCPU accesses. Each
 * returns 0 (or an fd / a count) on success and -errno on failure, with the
 * kernel's errno in the kernel's check order.
 */
#ifndef GMEMSIM_UAPI_H
#define GMEMSIM_UAPI_H

#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mm.h>
#include <gmemsim/task.h>
#include <gmemsim/uapi_types.h>
#include <gmemsim/world.h>

const struct gms_arch_ops *gms_arch_ops_for(enum gms_vm_type type);
extern const struct gms_arch_ops gms_snp_ops;
extern const struct gms_arch_ops gms_tdx_ops;
extern const struct gms_arch_ops gms_pkvm_ops;
/* a VM type by its scenario name (default, sw_protected, snp, tdx, pkvm) */
bool gms_vm_type_parse(const char *name, enum gms_vm_type *type);

/* open("/dev/kvm") */
int gms_sys_open_kvm(struct gms_world *w);
/* KVM_CREATE_VM on @kvm_fd (a /dev/kvm fd) */
int gms_sys_create_vm(struct gms_world *w, int kvm_fd, u64 type);
/* KVM_CREATE_GUEST_MEMFD on a VM fd */
int gms_sys_create_guest_memfd(struct gms_world *w, int vm_fd, u64 size,
			       u64 flags);
/* the same with the HugeTLB series' page_order (hugetlb=allowed) */
int gms_sys_create_guest_memfd_order(struct gms_world *w, int vm_fd, u64 size,
				     u64 flags, u64 page_order);
/* KVM_SET_USER_MEMORY_REGION2 on a VM fd */
int gms_sys_set_user_memory_region2(
	struct gms_world *w, int vm_fd,
	const struct gms_userspace_memory_region2 *region);
/* KVM_SET_MEMORY_ATTRIBUTES on a VM fd */
int gms_sys_set_memory_attributes(struct gms_world *w, int vm_fd,
				  const struct gms_memory_attributes *attrs);
/* KVM_CHECK_EXTENSION on /dev/kvm or a VM fd: the value, or -errno */
s64 gms_sys_check_extension(struct gms_world *w, int fd, u64 cap);
/* KVM_SET_USER_MEMORY_REGION (v1): @region's guest_memfd fields unused */
int gms_sys_set_user_memory_region(
	struct gms_world *w, int vm_fd,
	const struct gms_userspace_memory_region2 *region);
/* KVM_PRE_FAULT_MEMORY on the VM's vCPU; @range left as the kernel leaves it */
int gms_vcpu_pre_fault(struct gms_world *w, int vm_fd,
		       struct gms_pre_fault *range);

/*
 * fallocate()'s checks only: the file for a task to punch step by step, or
 * NULL when there is nothing more to do (a memfd, whose fallocate is done)
 */
int gms_sys_fallocate_check(struct gms_world *w, int fd, int mode, s64 offset,
			    s64 len, struct gms_gmem_file **f);
int gms_sys_fallocate(struct gms_world *w, int fd, int mode, s64 offset,
		      s64 len);
s64 gms_sys_read(struct gms_world *w, int fd, u64 count);
s64 gms_sys_write(struct gms_world *w, int fd, u64 count);
s64 gms_sys_pread(struct gms_world *w, int fd, u64 count, s64 pos);
s64 gms_sys_pwrite(struct gms_world *w, int fd, u64 count, s64 pos);
s64 gms_sys_lseek(struct gms_world *w, int fd, s64 offset, int whence);
int gms_sys_ftruncate(struct gms_world *w, int fd, s64 length);
/* fstat() */
int gms_sys_fstat(struct gms_world *w, int fd, struct gms_stat *st);
/* memfd_create() + ftruncate(@size): a memfd (src/kvm/memfd.c) */
int gms_sys_memfd_create(struct gms_world *w, u64 size);
int gms_memfd_fallocate(struct gms_fd *e, int mode, s64 offset, s64 len);
int gms_memfd_truncate(struct gms_fd *e, s64 length);
int gms_memfd_mmap(void);
int gms_sys_close(struct gms_world *w, int fd);

/* mmap(); *addr receives the mapping address */
int gms_sys_mmap(struct gms_world *w, u64 len, u32 prot, u32 flags, int fd,
		 u64 offset, u64 *addr);
int gms_sys_mmap_anon(struct gms_world *w, u64 len, u64 *addr);
int gms_sys_munmap(struct gms_world *w, u64 addr, u64 len);
/*
 * NUMA mempolicy (src/kvm/host_numa.c): mbind() with @nodemask bit n for
 * node n; get_mempolicy(MPOL_F_ADDR); move_pages() with NULL nodes (the
 * page's node, or its negative status). 0 or -errno.
 */
int gms_sys_mbind(struct gms_world *w, u64 addr, u64 len, int mode,
		  u64 nodemask, unsigned int flags);
int gms_sys_get_mempolicy(struct gms_world *w, u64 addr, int *mode,
			  u64 *nodemask);
int gms_sys_page_node(struct gms_world *w, u64 addr, int *node);
/*
 * userfaultfd (uffd=, src/kvm/host_uffd.c): UFFDIO_REGISTER of a range,
 * UFFDIO_COPY of one page with @tag, UFFDIO_CONTINUE of one page
 */
int gms_sys_uffd_register(struct gms_world *w, u64 addr, u64 len, u32 mode);
int gms_sys_uffd_copy(struct gms_world *w, u64 addr, u64 tag);
int gms_sys_uffd_continue(struct gms_world *w, u64 addr);
/* madvise() (GMS_MADV_*), mlock() / munlock() (src/model/madvise.c, mlock.c) */
int gms_sys_madvise(struct gms_world *w, u64 addr, u64 len, int advice);
int gms_sys_mlock(struct gms_world *w, u64 addr, u64 len, bool lock);

/* Host userspace loads and stores: 0, -EFAULT (SIGSEGV) or -GMS_ESIGBUS. */
/* A load on behalf of KVM (@kvm: copy_from_user(), which opens a pkey) */
int gms_host_read_as(struct gms_world *w, u64 addr, bool kvm, u64 *tag);
int gms_host_read(struct gms_world *w, u64 addr, u64 *tag);
int gms_host_write(struct gms_world *w, u64 addr, u64 tag);
/* pin_user_pages() / unpin_user_page() of one page */
int gms_host_pin(struct gms_world *w, u64 addr);
int gms_host_unpin(struct gms_world *w, u64 addr);

/*
 * A vCPU load or store at @gpa through the fault path (KVM_RUN). Returns 0,
 * or -EFAULT / -EHWPOISON with @exit describing KVM_EXIT_MEMORY_FAULT, or
 * -EFAULT with GMS_EXIT_MMIO.
 */
int gms_vcpu_read(struct gms_world *w, int vm_fd, u64 gpa,
		  enum gms_access_kind kind, u64 *tag,
		  struct gms_vcpu_exit *exit);
int gms_vcpu_write(struct gms_world *w, int vm_fd, u64 gpa,
		   enum gms_access_kind kind, u64 tag,
		   struct gms_vcpu_exit *exit);

/* Launch: one page populated before finalize (SNP_LAUNCH_UPDATE, TDX INIT_MEM_REGION) */
/* @src: the source page's content; NULL: none (convert=in-place) */
int gms_sys_populate(struct gms_world *w, int gmem_fd, u64 offset,
		     const u64 *src);
/* SNP_LAUNCH_FINISH / TDX FINALIZE_VM; -ENOTTY where there is none */
int gms_sys_finalize(struct gms_world *w, int vm_fd);
/*
 * The guest accepts a private page (TDG.MEM.PAGE.ACCEPT, PVALIDATE) at
 * @level (GMS_PG_4K, GMS_PG_2M)
 */
int gms_vcpu_accept(struct gms_world *w, int vm_fd, u64 gpa, int level,
		    struct gms_vcpu_exit *exit);
/* Host kernel reads: through the direct map, through kvm_read_guest() */
int gms_host_direct_read(struct gms_world *w, int gmem_fd, u64 offset,
			 u64 *tag);
int gms_host_kernel_read(struct gms_world *w, int vm_fd, u64 gpa, u64 *tag);
/* KVM's own access to guest memory through a kernel mapping (kvm_vcpu_map) */
int gms_host_kvm_map(struct gms_world *w, int vm_fd, u64 gpa, u64 *tag);
/* gmem.convert (convert=in-place-*): 0, or -EAGAIN with @error_offset */
int gms_sys_gmem_convert(struct gms_world *w, int gmem_fd, u64 offset, u64 len,
			 bool to_private, u64 *error_offset);
/* gmem.link (link=allowed): a new fd, a second file on the inode for @vm_fd */
int gms_sys_gmem_link(struct gms_world *w, int gmem_fd, int vm_fd);
/* A host kernel store through the direct map */
int gms_host_direct_write(struct gms_world *w, int gmem_fd, u64 offset,
			  u64 tag);
/* KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM: @dst takes @src's encryption context */
int gms_sys_move_enc_context(struct gms_world *w, int dst_fd, int src_fd);
/* mm tries to migrate the folio at @offset */
int gms_host_migrate(struct gms_world *w, int gmem_fd, u64 offset);

/* The operations that can run as tasks (src/kvm/tasks.c, fault.c). */
struct gms_task *gms_task_guest_access(struct gms_world *w, int vm_fd, u64 gpa,
				       enum gms_access_kind kind, bool write,
				       u64 tag);
struct gms_task *gms_task_punch_hole(struct gms_world *w, int fd, s64 offset,
				     s64 len);
struct gms_task *gms_task_memslot_delete(struct gms_world *w, int vm_fd,
					 u32 slot);
struct gms_task *gms_task_close(struct gms_world *w, int fd);
/* convert=in-place: KVM_SET_MEMORY_ATTRIBUTES2 as begin, store, end */
struct gms_task *gms_task_gmem_convert(struct gms_world *w, int gmem_fd,
				       u64 offset, u64 len, bool to_private);
struct gms_task *gms_task_set_attributes(struct gms_world *w, int vm_fd,
					 const struct gms_memory_attributes *a);

#endif
