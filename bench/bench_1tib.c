// SPDX-License-Identifier: GPL-2.0
/*
 * A 1 TiB guest_memfd: create it, bind it whole, set it private and punch
 * it whole. Structures scale with ranges, so this must cost next to nothing.
 */
#include <stdio.h>
#include <sys/resource.h>

#include <gmemsim/gmemsim.h>

#define TIB (1ULL << 40)

static long maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(void)
{
	long rss0 = maxrss_kib();
	gint64 t0 = g_get_monotonic_time(), t1;
	struct gms_world *w = gms_world_new();
	int kvm_fd = gms_sys_open_kvm(w);
	int vm = gms_sys_create_vm(w, kvm_fd, GMS_VM_SW_PROTECTED);
	int g = gms_sys_create_guest_memfd(w, vm, TIB, 0);
	struct gms_userspace_memory_region2 r = {
		.slot = 0,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = 0,
		.memory_size = TIB,
		.guest_memfd = g,
	};
	struct gms_memory_attributes a = {
		.address = 0,
		.size = TIB,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE,
	};
	int err = 0;
	GPtrArray *v;

	err |= g < 0;
	err |= gms_sys_set_user_memory_region2(w, vm, &r);
	err |= gms_sys_set_memory_attributes(w, vm, &a);
	err |= gms_sys_fallocate(
		w, g, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, TIB);
	v = gms_check_run(w);
	err |= v->len != 0;
	g_ptr_array_unref(v);
	err |= gms_sys_close(w, g) | gms_sys_close(w, vm);
	t1 = g_get_monotonic_time();
	gms_world_free(w);
	printf("bench_1tib: create+bind+private+punch of 1 TiB: %.3f ms, peak RSS growth %ld KiB (%s)\n",
	       (t1 - t0) / 1e3, maxrss_kib() - rss0, err ? "FAILED" : "ok");
	return err ? 1 : 0;
}
