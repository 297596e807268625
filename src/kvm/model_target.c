// SPDX-License-Identifier: GPL-2.0
/* The model as a scenario target: each call is the matching uAPI entry point. */
#include <gmemsim/uapi.h>
#include <gmemsim/target.h>

#define W(t) ((t)->w)

static int m_open_kvm(struct gms_target *t)
{
	return gms_sys_open_kvm(W(t));
}

static int m_create_vm(struct gms_target *t, int kvm_fd, u64 type)
{
	return gms_sys_create_vm(W(t), kvm_fd, type);
}

static int m_create_guest_memfd(struct gms_target *t, int vm_fd, u64 size,
				u64 flags, u64 page_order)
{
	return gms_sys_create_guest_memfd_order(W(t), vm_fd, size, flags,
						page_order);
}

static int m_set_region(struct gms_target *t, int vm_fd,
			const struct gms_userspace_memory_region2 *region)
{
	return gms_sys_set_user_memory_region2(W(t), vm_fd, region);
}

static int m_set_attrs(struct gms_target *t, int vm_fd,
		       const struct gms_memory_attributes *attrs)
{
	return gms_sys_set_memory_attributes(W(t), vm_fd, attrs);
}

static int m_fallocate(struct gms_target *t, int fd, int mode, s64 offset,
		       s64 len)
{
	return gms_sys_fallocate(W(t), fd, mode, offset, len);
}

static s64 m_read(struct gms_target *t, int fd, u64 count)
{
	return gms_sys_read(W(t), fd, count);
}

static s64 m_write(struct gms_target *t, int fd, u64 count)
{
	return gms_sys_write(W(t), fd, count);
}

static s64 m_pread(struct gms_target *t, int fd, u64 count, s64 pos)
{
	return gms_sys_pread(W(t), fd, count, pos);
}

static s64 m_pwrite(struct gms_target *t, int fd, u64 count, s64 pos)
{
	return gms_sys_pwrite(W(t), fd, count, pos);
}

static s64 m_lseek(struct gms_target *t, int fd, s64 offset, int whence)
{
	return gms_sys_lseek(W(t), fd, offset, whence);
}

static int m_ftruncate(struct gms_target *t, int fd, s64 length)
{
	return gms_sys_ftruncate(W(t), fd, length);
}

static int m_fstat(struct gms_target *t, int fd, struct gms_stat *st)
{
	return gms_sys_fstat(W(t), fd, st);
}

static int m_close(struct gms_target *t, int fd)
{
	return gms_sys_close(W(t), fd);
}

static int m_mmap(struct gms_target *t, u64 len, u32 prot, u32 flags, int fd,
		  u64 offset, u64 *addr)
{
	return gms_sys_mmap(W(t), len, prot, flags, fd, offset, addr);
}

static int m_mmap_anon(struct gms_target *t, u64 len, u64 *addr)
{
	return gms_sys_mmap_anon(W(t), len, addr);
}

static int m_munmap(struct gms_target *t, u64 addr, u64 len)
{
	return gms_sys_munmap(W(t), addr, len);
}

static int m_host_read(struct gms_target *t, u64 addr, u64 *tag)
{
	return gms_host_read(W(t), addr, tag);
}

static int m_host_write(struct gms_target *t, u64 addr, u64 tag)
{
	return gms_host_write(W(t), addr, tag);
}

static int m_host_pin(struct gms_target *t, u64 addr)
{
	return gms_host_pin(W(t), addr);
}

static int m_host_unpin(struct gms_target *t, u64 addr)
{
	return gms_host_unpin(W(t), addr);
}

static int m_vcpu_read(struct gms_target *t, int vm_fd, u64 gpa,
		       enum gms_access_kind kind, u64 *tag,
		       struct gms_vcpu_exit *exit)
{
	return gms_vcpu_read(W(t), vm_fd, gpa, kind, tag, exit);
}

static int m_vcpu_write(struct gms_target *t, int vm_fd, u64 gpa,
			enum gms_access_kind kind, u64 tag,
			struct gms_vcpu_exit *exit)
{
	return gms_vcpu_write(W(t), vm_fd, gpa, kind, tag, exit);
}

static int m_mbind(struct gms_target *t, u64 addr, u64 len, int mode,
		   u64 nodemask)
{
	return gms_sys_mbind(W(t), addr, len, mode, nodemask, 0);
}

static int m_get_mempolicy(struct gms_target *t, u64 addr, int *mode,
			   u64 *nodemask)
{
	return gms_sys_get_mempolicy(W(t), addr, mode, nodemask);
}

static int m_page_node(struct gms_target *t, u64 addr, int *node)
{
	return gms_sys_page_node(W(t), addr, node);
}

static s64 m_check_extension(struct gms_target *t, int fd, u64 cap)
{
	return gms_sys_check_extension(W(t), fd, cap);
}

static int m_set_region_v1(struct gms_target *t, int vm_fd,
			   const struct gms_userspace_memory_region2 *region)
{
	return gms_sys_set_user_memory_region(W(t), vm_fd, region);
}

static int m_memfd_create(struct gms_target *t, u64 size)
{
	return gms_sys_memfd_create(W(t), size);
}

static int m_madvise(struct gms_target *t, u64 addr, u64 len, int advice)
{
	return gms_sys_madvise(W(t), addr, len, advice);
}

static int m_mlock(struct gms_target *t, u64 addr, u64 len, bool lock)
{
	return gms_sys_mlock(W(t), addr, len, lock);
}

static int m_pre_fault(struct gms_target *t, int vm_fd,
		       struct gms_pre_fault *range)
{
	return gms_vcpu_pre_fault(W(t), vm_fd, range);
}

static void m_destroy(struct gms_target *t)
{
	g_free(t);
}

static const struct gms_target_ops model_ops = {
	.name = "model",
	.open_kvm = m_open_kvm,
	.create_vm = m_create_vm,
	.create_guest_memfd = m_create_guest_memfd,
	.set_user_memory_region2 = m_set_region,
	.set_memory_attributes = m_set_attrs,
	.fallocate = m_fallocate,
	.read = m_read,
	.write = m_write,
	.pread = m_pread,
	.pwrite = m_pwrite,
	.lseek = m_lseek,
	.ftruncate = m_ftruncate,
	.fstat = m_fstat,
	.close = m_close,
	.mmap = m_mmap,
	.mmap_anon = m_mmap_anon,
	.munmap = m_munmap,
	.host_read = m_host_read,
	.host_write = m_host_write,
	.host_pin = m_host_pin,
	.host_unpin = m_host_unpin,
	.vcpu_read = m_vcpu_read,
	.vcpu_write = m_vcpu_write,
	.mbind = m_mbind,
	.get_mempolicy = m_get_mempolicy,
	.page_node = m_page_node,
	.check_extension = m_check_extension,
	.set_user_memory_region = m_set_region_v1,
	.memfd_create = m_memfd_create,
	.madvise = m_madvise,
	.mlock = m_mlock,
	.vcpu_pre_fault = m_pre_fault,
	.destroy = m_destroy,
};

struct gms_target *gms_model_target_new(struct gms_world *w)
{
	struct gms_target *t = g_new0(struct gms_target, 1);

	t->ops = &model_ops;
	t->w = w;
	return t;
}
