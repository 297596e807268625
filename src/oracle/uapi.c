// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel target's side of issue 18's ops: KVM_CHECK_EXTENSION,
 * KVM_SET_USER_MEMORY_REGION (v1), a memfd, madvise(), mlock() and
 * KVM_PRE_FAULT_MEMORY. Host memory calls are confined to this target's own
 * mappings: a range that is not all of them is -ENOMEM, as an unmapped range
 * is for both calls (the process's own memory is never advised or locked).
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kvm_target.h"
#include "kvm_uapi.h"

static struct kvm_target *KT(struct gms_target *t)
{
	return (struct kvm_target *)t;
}

s64 kt_check_extension(struct gms_target *t, int fd, u64 cap)
{
	int r = ioctl(kt_real_fd(KT(t), fd), KVM_CHECK_EXTENSION, (long)cap);

	return r < 0 ? -errno : r;
}

int kt_set_region_v1(struct gms_target *t, int vm_fd,
		     const struct gms_userspace_memory_region2 *r)
{
	struct gms_uapi_userspace_memory_region m = {
		.slot = r->slot,
		.flags = r->flags,
		.guest_phys_addr = r->guest_phys_addr,
		.memory_size = r->memory_size,
		.userspace_addr = r->userspace_addr,
	};
	int ret;

	if ((u16)r->slot == KT_HARNESS_SLOT)
		return -GMS_EUNSUPPORTED; /* the vCPU harness owns it */
	ret = TEMP_FAILURE_RETRY(ioctl(kt_real_fd(KT(t), vm_fd),
				       GMS_KVM_SET_USER_MEMORY_REGION, &m));
	return ret < 0 ? -errno : ret;
}

int kt_memfd_create(struct gms_target *t, u64 size)
{
	int fd = memfd_create("gmemsim", MFD_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	if (TEMP_FAILURE_RETRY(ftruncate(fd, (off_t)size))) {
		err = errno;
		close(fd);
		return -err;
	}
	return kt_install(KT(t), fd, KFD_OTHER);
}

static int madv_of(int advice)
{
	switch (advice) {
	case GMS_MADV_DONTNEED:
		return MADV_DONTNEED;
	case GMS_MADV_REMOVE:
		return MADV_REMOVE;
	case GMS_MADV_HUGEPAGE:
		return MADV_HUGEPAGE;
	default:
		return GMS_MADV_COLLAPSE; /* MADV_COLLAPSE, 25 since 6.1 */
	}
}

int kt_madvise(struct gms_target *t, u64 addr, u64 len, int advice)
{
	if (!kt_ours(KT(t), addr, len))
		return -ENOMEM;
	if (madvise((void *)(uintptr_t)addr, len, madv_of(advice)))
		return -errno;
	return 0;
}

int kt_mlock(struct gms_target *t, u64 addr, u64 len, bool lock)
{
	void *p = (void *)(uintptr_t)addr;
	int r;

	if (!kt_ours(KT(t), addr & ~(GMS_PAGE_SIZE - 1),
		     len + (addr & (GMS_PAGE_SIZE - 1))))
		return -ENOMEM;
	/*
	 * The system calls themselves: ASan's mlock()/munlock() interceptors
	 * do nothing and return 0 ("AddressSanitizer ignores mlock"), so
	 * make check's oracle would compare the model with no call at all.
	 */
	r = syscall(lock ? SYS_mlock : SYS_munlock, p, len);
	return r ? -errno : 0;
}

/*
 * KVM_PRE_FAULT_MEMORY on the harness vCPU. An interrupted call that made
 * no progress is retried (the model has no signals); one that made some
 * returns 0 with the rest in @range, as the kernel says.
 */
int kt_pre_fault(struct gms_target *t, int vm_fd, struct gms_pre_fault *range)
{
	struct kvm_target *kt = KT(t);
	struct gms_uapi_pre_fault_memory m = { .gpa = range->gpa,
					       .size = range->size,
					       .flags = range->flags };
	struct kfd *vm = kt_fd(kt, vm_fd);
	int r;

	if (!vm)
		return -EBADF;
	if (vm->kind != KFD_VM)
		return -ENOTTY;
	/* a valid range reaching the harness's page tables at 127 GiB */
	if (range->gpa + range->size > range->gpa &&
	    range->gpa + range->size > KT_HARNESS_GPA)
		return -GMS_EUNSUPPORTED;
	if (!kt_vcpu_ready(kt, vm))
		return -GMS_EUNSUPPORTED;
	r = TEMP_FAILURE_RETRY(ioctl(vm->vcpu, GMS_KVM_PRE_FAULT_MEMORY, &m));
	range->gpa = m.gpa;
	range->size = m.size;
	return r < 0 ? -errno : 0;
}
