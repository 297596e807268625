// SPDX-License-Identifier: GPL-2.0
/*
 * uAPI calls per second on a mixed lifecycle: create VM and guest_memfd,
 * bind, set private, fault, punch, read back, delete, close.
 */
#include <stdio.h>
#include <stdlib.h>

#include <gmemsim/gmemsim.h>

#define GPA 0x100000ULL
#define PAGE GMS_PAGE_SIZE

static u64 one_lifecycle(struct gms_world *w, int kvm_fd)
{
	struct gms_userspace_memory_region2 r = {
		.slot = 0,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = GPA,
		.memory_size = 16 * PAGE,
	};
	struct gms_memory_attributes a = {
		.address = GPA,
		.size = 16 * PAGE,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE,
	};
	struct gms_vcpu_exit e;
	u64 calls = 0, tag;
	int vm, g;

	vm = gms_sys_create_vm(w, kvm_fd, GMS_VM_SW_PROTECTED);
	g = gms_sys_create_guest_memfd(w, vm, 16 * PAGE, 0);
	r.guest_memfd = g;
	calls += 2;
	calls += !gms_sys_set_user_memory_region2(w, vm, &r);
	calls += !gms_sys_set_memory_attributes(w, vm, &a);
	for (u64 i = 0; i < 8; i++)
		calls += !gms_vcpu_write(w, vm, GPA + i * PAGE,
					 GMS_ACCESS_DEFAULT, i + 1, &e);
	calls += !gms_sys_fallocate(
		w, g, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 4 * PAGE);
	for (u64 i = 0; i < 8; i++)
		calls += !gms_vcpu_read(w, vm, GPA + i * PAGE,
					GMS_ACCESS_DEFAULT, &tag, &e);
	r.memory_size = 0;
	calls += !gms_sys_set_user_memory_region2(w, vm, &r);
	calls += !gms_sys_close(w, g);
	calls += !gms_sys_close(w, vm);
	return calls;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 100000;
	struct gms_world *w = gms_world_new();
	int kvm_fd = gms_sys_open_kvm(w);
	u64 calls = 0, checks = 0;
	gint64 t0, t1, t2;

	t0 = g_get_monotonic_time();
	for (long i = 0; i < iters; i++) {
		if (i % 1024 == 1023) {
			gms_world_reset(w);
			kvm_fd = gms_sys_open_kvm(w);
		}
		calls += one_lifecycle(w, kvm_fd);
	}
	t1 = g_get_monotonic_time();
	/* the same with every per-step invariant after each lifecycle */
	for (long i = 0; i < iters / 10; i++) {
		GPtrArray *v;

		one_lifecycle(w, kvm_fd);
		v = gms_check_run(w);
		checks++;
		g_ptr_array_unref(v);
	}
	t2 = g_get_monotonic_time();
	printf("bench_uapi: %" G_GUINT64_FORMAT
	       " uAPI calls in %.3f s: %.0f calls/s\n",
	       calls, (t1 - t0) / 1e6, calls / ((t1 - t0) / 1e6));
	printf("bench_uapi: %" G_GUINT64_FORMAT
	       " lifecycles with invariant checks: %.0f lifecycles/s\n",
	       checks, checks / ((t2 - t1) / 1e6));
	gms_world_free(w);
	return calls ? 0 : 1;
}
