// SPDX-License-Identifier: GPL-2.0
/*
 * How the model's cost grows with the workload, at 1x, 10x and 100x of:
 * - a 1 TiB guest_memfd lifecycle (create, bind whole, private, 64 faults
 *   spread over it, punch whole, close); N TiB take N memslots;
 * - 1,000 VMs, each with a guest_memfd bound by 8 memslots, then torn down;
 * - 100,000 alternating private/shared conversions of a faulted page;
 * - hugetlb=allowed: a 1 TiB guest_memfd of 1 GiB folios, 4 of them
 *   allocated, converted page by page to shared and back to private, 8
 *   conversions a unit: each to-shared splits a 1 GiB folio into 262,144
 *   pieces, each to-private merges it back (convert=in-place).
 * Each run gets a fresh world; every invariant runs once at its end.
 * Then scenarios of 10^4 up to 10^6 statements through the parser and the
 * runner, every invariant after every step (check=incremental; check=full
 * for contrast where it finishes): the cost per statement must stay flat
 * (within 2x from the smallest to the largest). The mix: a block of ten
 * statements per VM (create, guest_memfd, memslot, private, write, read,
 * write, punch, read, close), every VM kept: the world grows with the
 * scenario. Also N vm.create and N distinct tags (parse and run).
 * Usage: bench_scale [MAX_SCALE [statements]]   (1, 10 or 100; default 100:
 * 10^6 statements; "statements": those rows only)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gmemsim/gmemsim.h>
#include <gmemsim/scenario.h>

#define TIB (1ULL << 40)
#define PRIVATE KVM_MEMORY_ATTRIBUTE_PRIVATE

struct sample {
	double ms;
	long rss_kib; /* peak RSS after the run */
	bool ok;
};

static long maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static bool invariants_hold(struct gms_world *w)
{
	GPtrArray *v = gms_check_run(w);
	bool ok = !v->len;

	g_ptr_array_unref(v);
	return ok;
}

static int set_attr(struct gms_world *w, int vm, u64 gpa, u64 size, u64 attr)
{
	struct gms_memory_attributes a = { gpa, size, attr, 0 };

	return gms_sys_set_memory_attributes(w, vm, &a);
}

static int bind_uaddr(struct gms_world *w, int vm, u32 slot, u64 gpa, u64 size,
		      int g, u64 offset, u64 uaddr)
{
	struct gms_userspace_memory_region2 r = {
		.slot = slot,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = uaddr,
		.guest_memfd = g,
		.guest_memfd_offset = offset,
	};

	return gms_sys_set_user_memory_region2(w, vm, &r);
}

static int bind(struct gms_world *w, int vm, u32 slot, u64 gpa, u64 size, int g,
		u64 offset)
{
	return bind_uaddr(w, vm, slot, gpa, size, g, offset, 0);
}

static bool lifecycle_tib(struct gms_world *w, int kvm, int scale)
{
	u64 size = TIB * scale;
	int vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	int g = gms_sys_create_guest_memfd(w, vm, size, 0);
	struct gms_vcpu_exit e;
	int err = g < 0;

	/* a memslot holds at most KVM_MEM_MAX_NR_PAGES: one per TiB */
	for (int s = 0; s < scale; s++)
		err |= bind(w, vm, s, s * TIB, TIB, g, s * TIB);
	err |= set_attr(w, vm, 0, size, PRIVATE);
	for (u64 i = 0; i < 64; i++)
		err |= gms_vcpu_write(w, vm, i * (size / 64),
				      GMS_ACCESS_DEFAULT, GMS_TAG_BASE, &e);
	err |= gms_sys_fallocate(
		w, g, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, size);
	err |= !invariants_hold(w);
	err |= gms_sys_close(w, g) | gms_sys_close(w, vm);
	return !err;
}

static bool many_vms(struct gms_world *w, int kvm, int scale)
{
	int n = 1000 * scale, err = 0;
	int *fds = g_new(int, 2 * n);

	for (int i = 0; i < n; i++) {
		int vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
		int g = gms_sys_create_guest_memfd(w, vm, 8 << 21, 0);

		err |= vm < 0 || g < 0;
		for (u32 s = 0; s < 8; s++)
			err |= bind(w, vm, s, (u64)s << 21, 2 << 20, g,
				    (u64)s << 21);
		fds[2 * i] = vm;
		fds[2 * i + 1] = g;
	}
	err |= !invariants_hold(w);
	for (int i = 0; i < 2 * n; i++)
		err |= gms_sys_close(w, fds[i]);
	g_free(fds);
	return !err;
}

static bool conversions(struct gms_world *w, int kvm, int scale)
{
	int vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	int g = gms_sys_create_guest_memfd(w, vm, 2 << 20, 0);
	struct gms_vcpu_exit e;
	int err = g < 0;
	u64 shared;

	/* shared accesses go through the memslot's userspace address */
	err |= gms_sys_mmap_anon(w, 2 << 20, &shared);
	err |= bind_uaddr(w, vm, 0, 0, 2 << 20, g, 0, shared);
	for (long i = 0; i < 100000L * scale; i++) {
		u64 gpa = (i / 2 % 512) << 12;

		err |= set_attr(w, vm, gpa, 4096, i % 2 ? 0 : PRIVATE);
		/* the guest touches it in the new state: a fault, a mapping */
		err |= gms_vcpu_write(w, vm, gpa, GMS_ACCESS_DEFAULT,
				      GMS_TAG_BASE, &e);
	}
	err |= !invariants_hold(w);
	err |= gms_sys_close(w, g) | gms_sys_close(w, vm);
	return !err;
}

static bool huge_conversions(struct gms_world *w, int kvm, int scale)
{
	int vm, g, err;

	w->policy.hugetlb = GMS_HUGETLB_ALLOWED;
	w->policy.convert = GMS_CONVERT_IN_PLACE;
	w->physmem.max_pages = 1ULL << 29; /* 2 TiB: the 1 TiB reservation */
	vm = gms_sys_create_vm(w, kvm, GMS_VM_SW_PROTECTED);
	g = gms_sys_create_guest_memfd_order(w, vm, TIB,
					     GUEST_MEMFD_FLAG_HUGETLB, 18);
	err = g < 0;
	err |= gms_sys_fallocate(w, g, FALLOC_FL_KEEP_SIZE, 0, 4ULL << 30);
	for (long i = 0; i < scale; i++) {
		/* a page that moves on inside each of the 4 huge pages */
		for (u64 h = 0; h < 4; h++) {
			u64 off = (h << 30) + ((u64)(i % 262144) << 12);
			u64 eoff = 0;

			err |= gms_sys_gmem_convert(w, g, off, 4096, false,
						    &eoff);
			err |= gms_sys_gmem_convert(w, g, off, 4096, true,
						    &eoff);
		}
	}
	err |= !invariants_hold(w);
	err |= gms_sys_close(w, g) | gms_sys_close(w, vm);
	return !err;
}

static struct sample run_one(bool (*fn)(struct gms_world *, int, int),
			     int scale)
{
	struct gms_world *w = gms_world_new();
	int kvm = gms_sys_open_kvm(w);
	gint64 t0 = g_get_monotonic_time();
	struct sample s;

	s.ok = fn(w, kvm, scale);
	s.ms = (g_get_monotonic_time() - t0) / 1e3;
	s.rss_kib = maxrss_kib();
	gms_world_free(w);
	return s;
}

/* In a child process of its own, so each run's peak RSS is its own. */
static struct sample measure(bool (*fn)(struct gms_world *, int, int),
			     int scale)
{
	struct sample s = { 0 };
	int p[2], status;
	pid_t pid;

	if (pipe(p))
		return s;
	pid = fork();
	if (pid == 0) {
		s = run_one(fn, scale);
		_exit(write(p[1], &s, sizeof(s)) == sizeof(s) ? 0 : 1);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &s, sizeof(s)) != sizeof(s))
		s.ok = false;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return s;
}

static void mix_block(GString *s, guint i)
{
	g_string_append_printf(
		s,
		"vm.create v%u type=sw_protected\n"
		"gmem.create g%u vm=v%u size=64K\n"
		"memslot.set v%u slot=0 gpa=0 size=64K gmem=g%u offset=0\n"
		"attr.set v%u gpa=0 size=64K private\n"
		"guest.write v%u gpa=0 tag=a%u\n"
		"guest.read v%u gpa=0 => tag:a%u\n"
		"guest.write v%u gpa=0x1000 tag=b%u\n"
		"gmem.punch g%u offset=0x1000 len=4096\n"
		"guest.read v%u gpa=0x2000\n"
		"gmem.close g%u\n",
		i, i, i, i, i, i, i, i, i, i, i, i, i, i, i);
}

/* the scenario of one statement kind: @n of them */
static char *scenario_text(const char *kind, guint n)
{
	GString *s = g_string_sized_new(n * 40);

	if (!strcmp(kind, "tags"))
		g_string_append(
			s,
			"vm.create v type=sw_protected\n"
			"gmem.create g vm=v size=4K\n"
			"memslot.set v slot=0 gpa=0 size=4K gmem=g offset=0\n"
			"attr.set v gpa=0 size=4K private\n");
	for (guint i = 0; i < n; i++) {
		if (!strcmp(kind, "mix")) {
			if (i % 10 == 0)
				mix_block(s, i / 10);
		} else if (!strcmp(kind, "vm.create")) {
			g_string_append_printf(
				s, "vm.create v%u type=sw_protected\n", i);
		} else {
			g_string_append_printf(
				s, "guest.write v gpa=0 tag=t%u\n", i);
		}
	}
	return g_string_free(s, FALSE);
}

/*
 * CPU time of this process, in microseconds: on a shared machine the wall
 * clock measures the neighbours as much as the model.
 */
static gint64 cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * G_GINT64_CONSTANT(1000000) + ts.tv_nsec / 1000;
}

/* parse and run (CPU time); false if the run did not pass */
static bool run_statements(const char *kind, guint n, enum gms_check_mode mode,
			   double *parse_ms, double *run_ms)
{
	char *text = scenario_text(kind, n);
	struct gms_policy none = { 0 };
	struct gms_run_opts o = { .check = mode };
	gint64 t0 = cpu_us(), t1;
	struct gms_scenario *sc =
		gms_scenario_parse("bench.gms", text, strlen(text), NULL);
	struct gms_run *run;
	bool ok;

	t1 = cpu_us();
	*parse_ms = (t1 - t0) / 1e3;
	if (!sc) {
		g_free(text);
		return false;
	}
	run = gms_scenario_run_opts(sc, &none, &o);
	*run_ms = (cpu_us() - t1) / 1e3;
	ok = run->verdict == GMS_PASS;
	gms_run_free(run);
	gms_scenario_free(sc);
	g_free(text);
	return ok;
}

static bool statement_rows(int max)
{
	static const struct {
		const char *kind;
		guint n;
		enum gms_check_mode mode;
		int min_scale; /* rows of the larger scales only */
	} rows[] = {
		{ "mix", 10000, GMS_CHECK_INCREMENTAL, 1 },
		{ "mix", 100000, GMS_CHECK_INCREMENTAL, 10 },
		{ "mix", 1000000, GMS_CHECK_INCREMENTAL, 100 },
		{ "mix", 10000, GMS_CHECK_FULL, 1 },
		{ "mix", 20000, GMS_CHECK_FULL, 10 },
		{ "vm.create", 10000, GMS_CHECK_INCREMENTAL, 1 },
		{ "vm.create", 20000, GMS_CHECK_INCREMENTAL, 1 },
		{ "vm.create", 40000, GMS_CHECK_INCREMENTAL, 1 },
		{ "vm.create", 5000, GMS_CHECK_FULL, 1 },
		{ "vm.create", 10000, GMS_CHECK_FULL, 10 },
		{ "tags", 10000, GMS_CHECK_INCREMENTAL, 1 },
		{ "tags", 20000, GMS_CHECK_INCREMENTAL, 1 },
		{ "tags", 40000, GMS_CHECK_INCREMENTAL, 1 },
		{ "tags", 200000, GMS_CHECK_INCREMENTAL, 10 },
	};
	double mix_min = 0, mix_max = 0;
	bool ok = true;

	printf("\n%-10s %8s %-12s %10s %10s %12s   (CPU time)\n", "statements",
	       "count", "check", "parse (ms)", "run (ms)", "us/statement");
	for (guint i = 0; i < G_N_ELEMENTS(rows); i++) {
		double parse_ms = 0, run_ms = 0, us;
		bool r;

		if (rows[i].min_scale > max)
			continue;
		r = run_statements(rows[i].kind, rows[i].n, rows[i].mode,
				   &parse_ms, &run_ms);
		us = (parse_ms + run_ms) * 1e3 / rows[i].n;
		printf("%-10s %8u %-12s %10.1f %10.1f %12.2f%s\n", rows[i].kind,
		       rows[i].n,
		       rows[i].mode == GMS_CHECK_FULL ? "full" : "incremental",
		       parse_ms, run_ms, us, r ? "" : "  FAILED");
		ok &= r;
		if (!strcmp(rows[i].kind, "mix") &&
		    rows[i].mode == GMS_CHECK_INCREMENTAL) {
			mix_min = mix_min && mix_min < us ? mix_min : us;
			mix_max = mix_max > us ? mix_max : us;
		}
	}
	printf("mix, incremental: the costliest statement size costs %.2fx the cheapest (flat: under 2x)\n",
	       mix_max / mix_min);
	return ok && mix_max < 2 * mix_min;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name, *unit;
		bool (*fn)(struct gms_world *, int, int);
	} loads[] = {
		{ "tib_lifecycle", "TiB", lifecycle_tib },
		{ "vms_x8_slots", "thousand VMs", many_vms },
		{ "conversions", "hundred thousand conversions", conversions },
		{ "huge_convert", "8 conversions of 1 GiB folios",
		  huge_conversions },
	};
	int max = argc > 1 ? atoi(argv[1]) : 100;
	bool only_statements = argc > 2 && !strcmp(argv[2], "statements");
	bool ok = true;

	if (max != 1 && max != 10 && max != 100) {
		fprintf(stderr, "usage: bench_scale [1|10|100]\n");
		return 2;
	}
	printf("%-14s %6s %12s %14s %8s\n", "workload", "scale", "time (ms)",
	       "peak RSS (MiB)", "ms/unit");
	for (guint l = 0; !only_statements && l < G_N_ELEMENTS(loads); l++) {
		for (int scale = 1; scale <= max; scale *= 10) {
			struct sample s = measure(loads[l].fn, scale);

			printf("%-14s %5dx %12.2f %14.1f %8.3f%s\n",
			       loads[l].name, scale, s.ms, s.rss_kib / 1024.0,
			       s.ms / scale, s.ok ? "" : "  FAILED");
			ok &= s.ok;
		}
	}
	printf("(unit: 1 TiB, 1,000 VMs with 8 memslots, 100,000 conversions, 8 conversions of a 1 TiB file of 1 GiB folios (4 splits, 4 merges); each run in its own process)\n");
	ok &= statement_rows(max);
	return ok ? 0 : 1;
}
