// SPDX-License-Identifier: GPL-2.0
/* The kernel target (src/oracle): run only where /dev/kvm works, skip elsewhere. */
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include <gmemsim/scenario.h>

#include <gmemsim/target.h>

#include "helpers.h"

static int kt_setup(void **state)
{
	char *why = NULL;
	struct gms_target *t = gms_kvm_target_new(&why);

	if (!t) {
		printf("SKIP: %s\n", why);
		g_free(why);
		skip();
	}
	*state = t;
	return 0;
}

static int kt_teardown(void **state)
{
	struct gms_target *t = *state;

	if (t)
		gms_target_destroy(t);
	return 0;
}

/* fds are numbered as in the model and a closed one stays EBADF */
static void test_virtual_fds(void **state)
{
	struct gms_target *t = *state;
	int kvm = gms_target_open_kvm(t), vm, g, g2;

	assert_int_equal(kvm, 3);
	vm = gms_target_create_vm(t, kvm, GMS_VM_DEFAULT);
	assert_int_equal(vm, 4);
	g = gms_target_create_guest_memfd(t, vm, 4 * PAGE, 0);
	assert_int_equal(g, 5);
	assert_int_equal(gms_target_close(t, g), 0);
	/* the kernel reuses the real fd number; the closed name must not see it */
	g2 = gms_target_create_guest_memfd(t, vm, 4 * PAGE, 0);
	assert_int_equal(g2, 6);
	assert_int_equal(gms_target_fallocate(t, g, PUNCH, 0, PAGE), -EBADF);
	assert_int_equal(gms_target_fallocate(t, g2, PUNCH, 0, PAGE), 0);
	assert_int_equal(gms_target_close(t, g), -EBADF);
	/* a VM type this host lacks is not an errno */
	assert_int_equal(gms_target_create_vm(t, kvm, GMS_VM_PKVM),
			 -GMS_EUNSUPPORTED);
}

static void test_sigbus_and_bounds(void **state)
{
	struct gms_target *t = *state;
	int kvm = gms_target_open_kvm(t);
	int vm = gms_target_create_vm(t, kvm, GMS_VM_DEFAULT);
	int g = gms_target_create_guest_memfd(t, vm, PAGE,
					      GUEST_MEMFD_FLAG_MMAP);
	u64 a, tag;

	assert_int_equal(
		gms_target_mmap(t, 2 * PAGE, 3, GMS_MAP_SHARED, g, 0, &a), 0);
	/* MMAP without INIT_SHARED: every access is SIGBUS, and survives */
	assert_int_equal(gms_target_host_read(t, a, &tag), -GMS_ESIGBUS);
	assert_int_equal(gms_target_host_write(t, a, 1), -GMS_ESIGBUS);
	/* outside this target's mappings nothing is touched */
	assert_int_equal(gms_target_host_read(t, (u64)(uintptr_t)&tag, &tag),
			 -EFAULT);
	assert_int_equal(gms_target_munmap(t, a, PAGE), 0);
	assert_int_equal(gms_target_host_read(t, a, &tag), -EFAULT);
	/* munmap of memory that is not ours succeeds and unmaps nothing */
	assert_int_equal(gms_target_munmap(t, (u64)(uintptr_t)state & ~4095ULL,
					   PAGE),
			 0);
	assert_int_equal(gms_target_host_pin(t, a + PAGE), -GMS_EUNSUPPORTED);
}

static void test_allocation_cap(void **state)
{
	struct gms_target *t = *state;
	int kvm = gms_target_open_kvm(t);
	int vm = gms_target_create_vm(t, kvm, GMS_VM_DEFAULT);
	int g = gms_target_create_guest_memfd(t, vm, 1ULL << 40, 0);

	assert_int_equal(gms_target_fallocate(t, g, KEEP, 0, 1LL << 40),
			 -GMS_EUNSUPPORTED);
	assert_int_equal(gms_target_fallocate(t, g, KEEP, 0, 16 * PAGE), 0);
	/* the kernel's own errors still come through */
	assert_int_equal(gms_target_fallocate(t, g, KEEP, 1LL << 40, 1LL << 40),
			 -EINVAL);
	assert_int_equal(gms_target_fallocate(t, g, PUNCH, 0, 1LL << 40), 0);
}

/* the vCPU harness: a store seen by the host, a load, an MMIO exit */
static void test_vcpu(void **state)
{
	struct gms_target *t = *state;
	int kvm = gms_target_open_kvm(t);
	int vm = gms_target_create_vm(t, kvm, GMS_VM_DEFAULT);
	struct gms_userspace_memory_region2 r = { .slot = 1,
						  .guest_phys_addr = 1 << 20,
						  .memory_size = 2 * PAGE };
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gms_target_mmap_anon(t, 2 * PAGE, &a), 0);
	r.userspace_addr = a;
	assert_int_equal(gms_target_set_user_memory_region2(t, vm, &r), 0);
	assert_int_equal(gms_target_vcpu_write(t, vm, (1 << 20) + PAGE,
					       GMS_ACCESS_DEFAULT, 0x5ec, &e),
			 0);
	assert_int_equal(gms_target_host_read(t, a + PAGE, &tag), 0);
	assert_int_equal(tag, 0x5ec);
	/* any offset in the page reads the page's tag, as in the model */
	assert_int_equal(gms_target_host_read(t, a + PAGE + 1, &tag), 0);
	assert_int_equal(tag, 0x5ec);
	assert_int_equal(gms_target_host_write(t, a, 0x77), 0);
	assert_int_equal(gms_target_vcpu_read(t, vm, 1 << 20,
					      GMS_ACCESS_DEFAULT, &tag, &e),
			 0);
	assert_int_equal(tag, 0x77);
	assert_int_equal(gms_target_vcpu_read(t, vm, 0xfee00000,
					      GMS_ACCESS_DEFAULT, &tag, &e),
			 0);
	assert_int_equal(e.reason, GMS_EXIT_MMIO);
	/* the model's MMIO exit says the same (test_fault's mismatch test) */
	assert_int_equal(e.gpa, 0xfee00000);
	assert_int_equal(e.size, sizeof(u64));
	/* the pending MMIO was completed: the next load is a clean one */
	assert_int_equal(gms_target_vcpu_read(t, vm, (1 << 20) + PAGE,
					      GMS_ACCESS_DEFAULT, &tag, &e),
			 0);
	assert_int_equal(tag, 0x5ec);
	/* the harness slot is not the scenario's to touch */
	r.slot = 32763;
	assert_int_equal(gms_target_set_user_memory_region2(t, vm, &r),
			 -GMS_EUNSUPPORTED);
}

/* diff: a wrong outcome, then an unsupported step, on the kernel side (a leak once) */
static void test_diff_failure_then_unsupported(void **state)
{
	const char *text = "vm.create vm\n"
			   "gmem.read vm => ESPIPE\n"
			   "vm.create p type=pkvm\n";
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), NULL);
	struct gms_policy base = { 0 };
	struct gms_diff *d = gms_scenario_diff(sc, &base, *state);

	assert_int_equal(d->steps->len, 2);
	assert_int_equal(d->unexplained, 0);
	assert_non_null(d->stopped);
	assert_int_equal(d->kernel->verdict, GMS_UNSUPPORTED);
	gms_diff_free(d);
	gms_scenario_free(sc);
}

static volatile sig_atomic_t alarms;

/* a bounded burst: a machine slower than the timer must not livelock the retries */
static void on_alarm(int sig)
{
	static const struct itimerval off;

	(void)sig;
	if (++alarms >= 300)
		setitimer(ITIMER_REAL, &off,
			  NULL); /* a plain syscall on Linux */
}

/*
 * A signal during KVM_CREATE_VM (mm_take_all_locks() for the MMU notifier
 * checks signal_pending()) or fallocate (kvm_gmem_allocate() does too)
 * returns EINTR; the model has no signals, so the target retries as QEMU's
 * kvm_init() does. libFuzzer's -timeout timer made this a flaky fuzz_diff.
 */
static void test_eintr_retried(void **state)
{
	struct gms_target *t = *state;
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	struct itimerval it = { { 0, 3000 }, { 0, 3000 } }, off = { 0 };
	int kvm = gms_target_open_kvm(t), i, vm, g, first_err = 0;

	/* many VMAs make mm_take_all_locks() slow enough to be interrupted */
	for (i = 0; i < 2000; i++) {
		u64 a;

		assert_int_equal(gms_target_mmap_anon(t, PAGE, &a), 0);
	}
	alarms = 0;
	sigaction(SIGALRM, &sa, &old);
	setitimer(ITIMER_REAL, &it, NULL);
	/* no assert while the timer runs: it would outlive this test */
	for (i = 0; i < 200 && !first_err; i++) {
		vm = gms_target_create_vm(t, kvm, GMS_VM_DEFAULT);
		g = vm < 0 ? vm :
			     gms_target_create_guest_memfd(t, vm, 64 * PAGE, 0);
		first_err = g < 0					   ? g :
			    gms_target_fallocate(t, g, KEEP, 0, 64 * PAGE) ?:
			    gms_target_close(t, g)			   ?:
				    gms_target_close(t, vm);
	}
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	assert_int_equal(first_err, 0);
}

int main(void)
{
	char *why = NULL;
	struct gms_target *probe = gms_kvm_target_new(&why);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_virtual_fds, kt_setup,
						kt_teardown),
		cmocka_unit_test_setup_teardown(test_sigbus_and_bounds,
						kt_setup, kt_teardown),
		cmocka_unit_test_setup_teardown(test_allocation_cap, kt_setup,
						kt_teardown),
		cmocka_unit_test_setup_teardown(test_eintr_retried, kt_setup,
						kt_teardown),
		cmocka_unit_test_setup_teardown(test_vcpu, kt_setup,
						kt_teardown),
		cmocka_unit_test_setup_teardown(
			test_diff_failure_then_unsupported, kt_setup,
			kt_teardown),
	};

	/* cmocka 1.1.5 counts a skip() in a setup as an error: skip it all */
	if (!probe) {
		printf("SKIP: %s\n", why);
		g_free(why);
		return 77;
	}
	gms_target_destroy(probe);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
