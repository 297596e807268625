// SPDX-License-Identifier: GPL-2.0
/*
 * The real kernel as a scenario target: every call is the system call or
 * ioctl it models. fds are virtual, numbered as the model numbers them and
 * never reused, so a closed name stays EBADF; host accesses are confined to
 * this target's own mappings and catch SIGBUS/SIGSEGV.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <gmemsim/range_map.h>
#include <gmemsim/target.h>

#include "kvm_target.h"
#include "kvm_uapi.h"

/* An fd number no process has open: fget() fails, the kernel says EBADF. */
#define BAD_FD 0x3fffffff

static struct kvm_target *KT(struct gms_target *t)
{
	return (struct kvm_target *)t;
}

struct kfd *kt_fd(struct kvm_target *kt, int fd)
{
	struct kfd *e;

	if (fd < 0 || (guint)fd >= kt->fds->len)
		return NULL;
	e = &g_array_index(kt->fds, struct kfd, fd);
	return e->real >= 0 ? e : NULL;
}

int kt_real_fd(struct kvm_target *kt, int fd)
{
	struct kfd *e = kt_fd(kt, fd);

	return e ? e->real : BAD_FD;
}

int kt_install(struct kvm_target *kt, int real, enum kfd_kind kind)
{
	struct kfd e = { .real = real, .kind = kind, .vcpu = -1 };

	g_array_append_val(kt->fds, e);
	return kt->fds->len - 1;
}

static int sys_result(long r)
{
	return r < 0 ? -errno : (int)r;
}

/*
 * A pending signal makes KVM_CREATE_VM (mm_take_all_locks()), fallocate
 * (kvm_gmem_allocate()) and KVM_RUN return EINTR. The model has no signals:
 * retry, as QEMU does around KVM_CREATE_VM.
 */
#define sys(call) sys_result(TEMP_FAILURE_RETRY(call))

static int k_open_kvm(struct gms_target *t)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : kt_install(KT(t), fd, KFD_DEV);
}

static int kvm_type_of(u64 type)
{
	switch (type) {
	case GMS_VM_DEFAULT:
		return GMS_KVM_X86_DEFAULT_VM;
	case GMS_VM_SW_PROTECTED:
		return GMS_KVM_X86_SW_PROTECTED_VM;
	case GMS_VM_SNP:
		return GMS_KVM_X86_SNP_VM;
	case GMS_VM_TDX:
		return GMS_KVM_X86_TDX_VM;
	default:
		return -1; /* pKVM is arm64 */
	}
}

/* Another VM type than the host's is not an error of the model: unsupported. */
static int k_create_vm(struct gms_target *t, int kvm_fd, u64 type)
{
	struct kvm_target *kt = KT(t);
	int ktype = kvm_type_of(type), fd;

	if (ktype < 0 || !(kt->vm_types & (1U << ktype)))
		return -GMS_EUNSUPPORTED;
	fd = TEMP_FAILURE_RETRY(
		ioctl(kt_real_fd(kt, kvm_fd), KVM_CREATE_VM, ktype));
	return fd < 0 ? -errno : kt_install(kt, fd, KFD_VM);
}

static int k_create_guest_memfd(struct gms_target *t, int vm_fd, u64 size,
				u64 flags, u64 page_order)
{
	struct gms_uapi_create_guest_memfd args = { .size = size,
						    .flags = flags,
						    .page_order = page_order };
	int fd = TEMP_FAILURE_RETRY(ioctl(kt_real_fd(KT(t), vm_fd),
					  GMS_KVM_CREATE_GUEST_MEMFD, &args));

	return fd < 0 ? -errno : kt_install(KT(t), fd, KFD_GMEM);
}

static int k_set_region(struct gms_target *t, int vm_fd,
			const struct gms_userspace_memory_region2 *r)
{
	struct kvm_target *kt = KT(t);
	struct gms_uapi_userspace_memory_region2 m = {
		.slot = r->slot,
		.flags = r->flags,
		.guest_phys_addr = r->guest_phys_addr,
		.memory_size = r->memory_size,
		.userspace_addr = r->userspace_addr,
		.guest_memfd_offset = r->guest_memfd_offset,
		/* -1 stays -1: the kernel sees the same bad fd the model does */
		.guest_memfd = (int)r->guest_memfd < 0 ?
				       r->guest_memfd :
				       (u32)kt_real_fd(kt, (int)r->guest_memfd),
	};

	if ((u16)r->slot == KT_HARNESS_SLOT)
		return -GMS_EUNSUPPORTED; /* the vCPU harness owns it */
	return sys(ioctl(kt_real_fd(kt, vm_fd), GMS_KVM_SET_USER_MEMORY_REGION2,
			 &m));
}

static int k_set_attrs(struct gms_target *t, int vm_fd,
		       const struct gms_memory_attributes *a)
{
	struct gms_uapi_memory_attributes m = { a->address, a->size,
						a->attributes, a->flags };

	return sys(ioctl(kt_real_fd(KT(t), vm_fd),
			 GMS_KVM_SET_MEMORY_ATTRIBUTES, &m));
}

/*
 * The host is real: an allocation the kernel would carry out beyond
 * KT_ALLOC_LIMIT is not made (it could take all of the machine's memory).
 */
static int k_fallocate(struct gms_target *t, int fd, int mode, s64 offset,
		       s64 len)
{
	int real = kt_real_fd(KT(t), fd);
	struct stat st;

	if (!(mode & FALLOC_FL_PUNCH_HOLE) && len > KT_ALLOC_LIMIT &&
	    offset >= 0 && !fstat(real, &st) && len <= st.st_size - offset)
		return -GMS_EUNSUPPORTED;
	return sys(fallocate(real, mode, offset, len));
}

static s64 k_read(struct gms_target *t, int fd, u64 count)
{
	char buf[64];

	return sys(read(kt_real_fd(KT(t), fd), buf, MIN(count, sizeof(buf))));
}

static s64 k_write(struct gms_target *t, int fd, u64 count)
{
	char buf[64] = { 0 };

	return sys(write(kt_real_fd(KT(t), fd), buf, MIN(count, sizeof(buf))));
}

static s64 k_pread(struct gms_target *t, int fd, u64 count, s64 pos)
{
	char buf[64];

	return sys(pread(kt_real_fd(KT(t), fd), buf, MIN(count, sizeof(buf)),
			 pos));
}

static s64 k_pwrite(struct gms_target *t, int fd, u64 count, s64 pos)
{
	char buf[64] = { 0 };

	return sys(pwrite(kt_real_fd(KT(t), fd), buf, MIN(count, sizeof(buf)),
			  pos));
}

static s64 k_lseek(struct gms_target *t, int fd, s64 offset, int whence)
{
	off_t r = lseek(kt_real_fd(KT(t), fd), offset, whence);

	return r < 0 ? -errno : r;
}

static int k_ftruncate(struct gms_target *t, int fd, s64 length)
{
	return sys(ftruncate(kt_real_fd(KT(t), fd), length));
}

static int k_fstat(struct gms_target *t, int fd, struct gms_stat *out)
{
	struct stat st;

	if (fstat(kt_real_fd(KT(t), fd), &st))
		return -errno;
	*out = (struct gms_stat){ .size = st.st_size,
				  .ino = st.st_ino,
				  .blksize = st.st_blksize,
				  .blocks = st.st_blocks };
	return 0;
}

static int k_close(struct gms_target *t, int fd)
{
	struct kfd *e = kt_fd(KT(t), fd);
	int real;

	if (!e)
		return -EBADF;
	if (e->kind == KFD_VM)
		kt_harness_free(KT(t), e);
	real = e->real;
	e->real = -1;
	return sys_result(close(real)); /* never retried: the fd is gone */
}

static void track(struct kvm_target *kt, u64 addr, u64 len, bool mapped)
{
	u64 end = (addr + len + GMS_PAGE_SIZE - 1) >> GMS_PAGE_SHIFT;

	gms_range_map_store(&kt->mapped, addr >> GMS_PAGE_SHIFT, end, mapped);
}

#define KT_PMD_SIZE (2ULL << 20)

static u64 kt_align_pmd(u64 x)
{
	return (x + KT_PMD_SIZE - 1) & ~(KT_PMD_SIZE - 1);
}

/*
 * The arena or no target: without it a memslot reaching past its mapping
 * would find this process's own memory where the model finds nothing, and
 * every such step would be a difference that is not there. It fails under
 * `ulimit -v` and valgrind; checked before /dev/kvm, so it is the same
 * refusal on every machine.
 */
static u64 kt_arena_reserve(char **why)
{
	void *m = mmap(NULL, KT_ARENA_SIZE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (m != MAP_FAILED)
		return (u64)(uintptr_t)m;
	*why = g_strdup_printf(
		"cannot reserve the %llu TiB of address space the scenario mappings go in (%s; is `ulimit -v` set?): without it the kernel would be compared against this process's own memory",
		KT_ARENA_SIZE >> 40, g_strerror(errno));
	return 0;
}

/*
 * Where the next mapping of @len bytes goes: MAP_FIXED at the arena's next
 * address, as gms_mm's vma_new() places it; outside the arena when it does
 * not fit (the kernel then reports ENOMEM, or places it, as for the model).
 */
static void *kt_place(struct kvm_target *kt, u64 len, int *flags)
{
	u64 pages = (len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1);

	if (!kt->arena || !len || pages < len ||
	    pages > kt->arena_end - kt->arena_next)
		return NULL;
	*flags |= MAP_FIXED;
	return (void *)(uintptr_t)kt->arena_next;
}

static int kt_mmap(struct kvm_target *kt, u64 len, int prot, int flags, int fd,
		   u64 offset, u64 *addr)
{
	void *want = kt_place(kt, len, &flags);
	void *m = mmap(want, len, prot, flags, fd, offset);

	if (m == MAP_FAILED) {
		int err = errno;

		/* a failed MAP_FIXED may have unmapped the reservation */
		if (want)
			mmap(want, len, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
				     MAP_NORESERVE,
			     -1, 0);
		return -err;
	}
	*addr = (u64)(uintptr_t)m;
	if (want)
		kt->arena_next = kt_align_pmd(*addr + len + KT_PMD_SIZE);
	track(kt, *addr, len, true);
	return 0;
}

static int k_mmap(struct gms_target *t, u64 len, u32 prot, u32 flags, int fd,
		  u64 offset, u64 *addr)
{
	int p = (prot & GMS_PROT_READ ? PROT_READ : 0) |
		(prot & GMS_PROT_WRITE ? PROT_WRITE : 0) |
		(prot & GMS_PROT_EXEC ? PROT_EXEC : 0);
	int f = (flags & GMS_MAP_SHARED ? MAP_SHARED : 0) |
		(flags & GMS_MAP_PRIVATE ? MAP_PRIVATE : 0);

	return kt_mmap(KT(t), len, p, f, kt_real_fd(KT(t), fd), offset, addr);
}

static int k_mmap_anon(struct gms_target *t, u64 len, u64 *addr)
{
	return kt_mmap(KT(t), len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0, addr);
}

/* Only this target's own mappings may be unmapped or touched. */
bool kt_ours(struct kvm_target *kt, u64 addr, u64 len)
{
	u64 first = addr >> GMS_PAGE_SHIFT;
	u64 last = (addr + len + GMS_PAGE_SIZE - 1) >> GMS_PAGE_SHIFT;

	return len && addr + len > addr &&
	       gms_range_map_all(&kt->mapped, first, last, 1);
}

/*
 * munmap() of holes succeeds; only the parts this target mapped are really
 * unmapped, so a scenario never unmaps the process's own memory. What it
 * unmaps stays reserved (PROT_NONE, which KVM's hva_to_pfn() fails like a
 * hole): a memslot still points there, and memory the process maps later
 * (the vCPU harness, malloc) must not appear behind it.
 */
static int reserve_hole(struct kvm_target *kt, u64 s, u64 e)
{
	void *want = (void *)(uintptr_t)(s << GMS_PAGE_SHIFT);
	void *m = mmap(want, (e - s) << GMS_PAGE_SHIFT, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
		       -1, 0);

	if (m == MAP_FAILED)
		return -errno;
	gms_range_map_store(&kt->mapped, s, e, 0);
	gms_range_map_store(&kt->holes, s, e, 1);
	return 0;
}

static int k_munmap(struct gms_target *t, u64 addr, u64 len)
{
	struct kvm_target *kt = KT(t);
	u64 first = addr >> GMS_PAGE_SHIFT, last;
	const struct gms_range *r;

	if (addr & (GMS_PAGE_SIZE - 1) || !len || addr + len < addr)
		return -EINVAL;
	last = (addr + len + GMS_PAGE_SIZE - 1) >> GMS_PAGE_SHIFT;
	while ((r = gms_range_map_find(&kt->mapped, first, last))) {
		u64 s = MAX(r->start, first), e = MIN(r->end, last);

		int ret = reserve_hole(kt, s, e);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * A signal handler has no argument to find its target through, so the jump
 * buffer of the access in progress is the one thread-local in gmemsim.
 */
static __thread sigjmp_buf *access_jmp;

static void on_fault(int sig)
{
	siglongjmp(*access_jmp, sig);
}

/*
 * Load or store the page's tag: the model keeps one tag per page, so it is
 * the first 8 bytes of the page @addr lies in. 0, -EFAULT (SIGSEGV) or
 * -GMS_ESIGBUS.
 */
static int host_access(struct kvm_target *kt, u64 addr, u64 *val, bool write)
{
	struct sigaction sa = { .sa_handler = on_fault }, old_bus, old_segv;
	volatile u64 *p;

	addr &= ~(GMS_PAGE_SIZE - 1);
	p = (volatile u64 *)(uintptr_t)addr;
	sigjmp_buf jmp;
	int sig;

	if (!kt_ours(kt, addr, sizeof(u64)))
		return -EFAULT;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	access_jmp = &jmp;
	sig = sigsetjmp(jmp, 1);
	if (!sig) {
		if (write)
			*p = *val;
		else
			*val = *p;
	}
	access_jmp = NULL;
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	if (sig == SIGBUS)
		return -GMS_ESIGBUS;
	return sig ? -EFAULT : 0;
}

static int k_host_read(struct gms_target *t, u64 addr, u64 *tag)
{
	return host_access(KT(t), addr, tag, false);
}

static int k_host_write(struct gms_target *t, u64 addr, u64 tag)
{
	return host_access(KT(t), addr, &tag, true);
}

/* No system call pins one page for as long as a scenario wants. */
static int k_host_pin(struct gms_target *t, u64 addr)
{
	(void)t;
	(void)addr;
	return -GMS_EUNSUPPORTED;
}

static void k_destroy(struct gms_target *t)
{
	struct kvm_target *kt = KT(t);
	const struct gms_range *r;

	for (guint fd = 0; fd < kt->fds->len; fd++)
		if (kt_fd(kt, fd))
			k_close(t, fd);
	for (r = gms_range_map_next(&kt->mapped, NULL); r;
	     r = gms_range_map_next(&kt->mapped, r))
		munmap((void *)(uintptr_t)(r->start << GMS_PAGE_SHIFT),
		       (r->end - r->start) << GMS_PAGE_SHIFT);
	for (r = gms_range_map_next(&kt->holes, NULL); r;
	     r = gms_range_map_next(&kt->holes, r))
		munmap((void *)(uintptr_t)(r->start << GMS_PAGE_SHIFT),
		       (r->end - r->start) << GMS_PAGE_SHIFT);
	if (kt->arena)
		munmap((void *)(uintptr_t)kt->arena, KT_ARENA_SIZE);
	gms_range_map_destroy(&kt->mapped);
	gms_range_map_destroy(&kt->holes);
	g_array_unref(kt->fds);
	g_free(kt);
}

static const struct gms_target_ops kvm_ops = {
	.name = "kvm",
	.open_kvm = k_open_kvm,
	.create_vm = k_create_vm,
	.create_guest_memfd = k_create_guest_memfd,
	.set_user_memory_region2 = k_set_region,
	.set_memory_attributes = k_set_attrs,
	.fallocate = k_fallocate,
	.read = k_read,
	.write = k_write,
	.pread = k_pread,
	.pwrite = k_pwrite,
	.lseek = k_lseek,
	.ftruncate = k_ftruncate,
	.fstat = k_fstat,
	.close = k_close,
	.mmap = k_mmap,
	.mmap_anon = k_mmap_anon,
	.munmap = k_munmap,
	.host_read = k_host_read,
	.host_write = k_host_write,
	.host_pin = k_host_pin,
	.host_unpin = k_host_pin,
	.vcpu_read = kt_vcpu_read,
	.vcpu_write = kt_vcpu_write,
	.mbind = kt_mbind,
	.get_mempolicy = kt_get_mempolicy,
	.page_node = kt_page_node,
	.check_extension = kt_check_extension,
	.set_user_memory_region = kt_set_region_v1,
	.memfd_create = kt_memfd_create,
	.madvise = kt_madvise,
	.mlock = kt_mlock,
	.vcpu_pre_fault = kt_pre_fault,
	.destroy = k_destroy,
};

static bool param_is(const char *path, char want)
{
	char *text = NULL;
	bool r = g_file_get_contents(path, &text, NULL, NULL) &&
		 text[0] == want;

	g_free(text);
	return r;
}

/* How this host departs from an upstream TDP host, as far as /sys tells. */
static unsigned int host_quirks(int dev)
{
	unsigned int q = 0;

	if (g_file_test("/sys/module/kvm_pvm", G_FILE_TEST_EXISTS) ||
	    param_is("/sys/module/kvm_amd/parameters/npt", 'N') ||
	    param_is("/sys/module/kvm_intel/parameters/ept", 'N'))
		q |= GMS_QUIRK_SHADOW_PAGING;
	/* KVM_CAP_MEMORY_ATTRIBUTES = 233: 0 when the ioctl is not built */
	if (ioctl(dev, KVM_CHECK_EXTENSION, 233) <= 0)
		q |= GMS_QUIRK_NO_MEMORY_ATTRIBUTES;
	return q;
}

const char *gms_kvm_kernel_abi(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return "7.2";
	if (major > 7 || (major == 7 && minor >= 2))
		return "7.2";
	/* the NUMA shared policy of guest_memfd arrived in 6.19 */
	return major == 7 || (major == 6 && minor >= 19) ? "6.19" : "6.18";
}

struct gms_target *gms_kvm_target_new(char **why)
{
	struct kvm_target *kt;
	u64 arena = kt_arena_reserve(why);
	int dev, types;

	if (!arena)
		return NULL;
	dev = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		*why = g_strdup_printf("/dev/kvm: %s", g_strerror(errno));
		goto unreserve;
	}
	if (ioctl(dev, KVM_CHECK_EXTENSION, GMS_KVM_CAP_GUEST_MEMFD) <= 0) {
		close(dev);
		*why = g_strdup(
			"this kernel has no guest_memfd (KVM_CAP_GUEST_MEMFD)");
		goto unreserve;
	}
	types = ioctl(dev, KVM_CHECK_EXTENSION, GMS_KVM_CAP_VM_TYPES);
	kt = g_new0(struct kvm_target, 1);
	kt->base.quirks = host_quirks(dev);
	close(dev);
	kt->base.ops = &kvm_ops;
	kt->base.abi = gms_kvm_kernel_abi();
	kt->base.numa_nodes = kt_numa_init();
	kt->vm_types = types > 0 ? (u32)types : 1U << GMS_KVM_X86_DEFAULT_VM;
	if (kt->vm_types != GMS_MODEL_X86_VM_TYPES)
		kt->base.quirks |= GMS_QUIRK_VM_TYPES;
	kt->fds = g_array_new(FALSE, TRUE, sizeof(struct kfd));
	/*
	 * fds 0-2, as in the model's table: open files none of KVM's. /dev/null
	 * stands for the process's own, which a scenario must not close.
	 */
	for (int i = 0; i < 3; i++)
		kt_install(kt, open("/dev/null", O_RDWR | O_CLOEXEC),
			   KFD_OTHER);
	gms_range_map_init(&kt->mapped);
	gms_range_map_init(&kt->holes);
	kt->arena = arena;
	kt->arena_end = arena + KT_ARENA_SIZE;
	kt->arena_next = kt_align_pmd(arena);
	return &kt->base;

unreserve:
	munmap((void *)(uintptr_t)arena, KT_ARENA_SIZE);
	return NULL;
}
