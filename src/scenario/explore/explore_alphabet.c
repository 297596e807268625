// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer's alphabet: for each VM the same operations on its own
 * objects (so VMs are interchangeable, and symmetry reduction is sound),
 * plus what crosses VMs (binding another VM's guest_memfd). Every object is
 * small: @pages pages per file and per memslot, memslot S of every VM at the
 * same gpa. One offset is an edge case on purpose: 0x7ffffffffffff000, the
 * signed-overflow bound of kvm_gmem_bind() (gmem_uapi.md 7.2).
 */
#include <stdarg.h>

#include <gmemsim/scenario.h>

#include "explore_internal.h"

#define SLOT_GPA(s) (0x100000000ULL + ((u64)(s) << 24))
#define EDGE_OFFSET "0x7ffffffffffff000"

static int name_find(struct gms_alphabet *a, const char *name)
{
	for (guint i = 0; i < a->names->len; i++)
		if (!strcmp(g_array_index(a->names, struct gms_explore_name, i)
				    .name,
			    name))
			return i;
	return -1;
}

static int name_add(struct gms_alphabet *a, int vm, const char *name)
{
	struct gms_explore_name n = { g_strdup(name), vm };
	int i = name_find(a, name);

	if (i >= 0)
		return i;
	g_array_append_val(a->names, n);
	return a->names->len - 1;
}

/*
 * One operation: @def is the name it defines ("" for none), @uses a
 * NULL-terminated list of names it needs.
 */
static void op_add(struct gms_alphabet *a, int vm, const char *def,
		   const char *const *uses, const char *fmt, ...)
	G_GNUC_PRINTF(5, 6);

static void op_add(struct gms_alphabet *a, int vm, const char *def,
		   const char *const *uses, const char *fmt, ...)
{
	struct gms_explore_op op = { .defines = -1 };
	va_list ap;

	va_start(ap, fmt);
	op.text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (*def)
		op.defines = name_add(a, vm, def);
	for (; uses && *uses; uses++) {
		int i = name_find(a, *uses);

		/* beyond the mask, gms_alphabet_new() refuses the configuration */
		if (i >= 0 && i < GMS_EXPLORE_MAX_NAMES)
			op.uses |= 1ULL << i;
	}
	g_array_append_val(a->ops, op);
}

#define USES(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char *gmem_flags(const char *type)
{
	if (!type || !strcmp(type, "default"))
		return " flags=mmap,init_shared"; /* the only gmem a default VM faults on */
	if (!strcmp(type, "pkvm"))
		return " flags=mmap"; /* arm64 needs GUEST_MEMFD_FLAG_MMAP */
	return "";
}

static bool has_private(const char *type)
{
	return type && strcmp(type, "default");
}

/*
 * hugetlb=allowed: every file is one 2 MiB HugeTLB folio (the memslots
 * still bind its first pages), punched whole, as its alignment requires
 */
static bool huge(const struct gms_explore_config *c)
{
	return c->policy.hugetlb == GMS_HUGETLB_ALLOWED && has_private(c->type);
}

#define HUGE_SIZE (2ULL << 20)

/*
 * convert=in-place: private/shared is the file's, set by gmem.convert on
 * it (KVM_SET_MEMORY_ATTRIBUTES2); attr.set can only refuse PRIVATE. The
 * host maps every file, so pins and host accesses can race conversions.
 */
static bool in_place(const struct gms_explore_config *c)
{
	/*
	 * hugetlb=allowed also under the RFC's in-place-preserve, whose fault
	 * holds its folio from get_pfn to map: a split can race it
	 */
	return (c->policy.convert == GMS_CONVERT_IN_PLACE ||
		(huge(c) &&
		 c->policy.convert == GMS_CONVERT_IN_PLACE_PRESERVE)) &&
	       has_private(c->type);
}

static const char *file_flags(const struct gms_explore_config *c)
{
	if (huge(c))
		return in_place(c) ? " flags=mmap,hugetlb page_order=9" :
				     " flags=hugetlb page_order=9";
	if (in_place(c))
		return " flags=mmap"; /* private until converted */
	return gmem_flags(c->type);
}

/* a file's size, and what a punch of all of it takes */
static u64 file_size(const struct gms_explore_config *c)
{
	return huge(c) ? HUGE_SIZE : (u64)c->pages << 12;
}

/* per page of a file: both conversions, a pin and its unpin, a host write */
static void convert_ops(struct gms_alphabet *a,
			const struct gms_explore_config *c, int i, int j)
{
	char g[24], m[24];

	g_snprintf(g, sizeof(g), "g%d_%d", i, j);
	g_snprintf(m, sizeof(m), "m%d_%d", i, j);
	op_add(a, i, m, USES(g), "gmem.mmap %s gmem=%s", m, g);
	/* a pin that outlives its mapping: eviction frees around it */
	if (huge(c))
		op_add(a, i, "", USES(m), "gmem.munmap %s", m);
	for (int p = 0; p < c->pages; p++) {
		op_add(a, i, "", USES(g),
		       "gmem.convert %s offset=%d len=4K to=private", g,
		       p << 12);
		op_add(a, i, "", USES(g),
		       "gmem.convert %s offset=%d len=4K to=shared", g,
		       p << 12);
		op_add(a, i, "", USES(m), "host.pin %s offset=%d", m, p << 12);
		op_add(a, i, "", USES(m), "host.unpin %s offset=%d", m,
		       p << 12);
		op_add(a, i, "", USES(m), "host.read %s offset=%d", m, p << 12);
	}
}

static void vm_ops(struct gms_alphabet *a, const struct gms_explore_config *c,
		   int i)
{
	char vm[16], g[24];
	u64 size = file_size(c);

	g_snprintf(vm, sizeof(vm), "vm%d", i);
	if (c->type && strcmp(c->type, "default"))
		op_add(a, i, vm, NULL, "vm.create %s type=%s", vm, c->type);
	else
		op_add(a, i, vm, NULL, "vm.create %s", vm);
	op_add(a, i, "", USES(vm), "vm.close %s", vm);
	for (int j = 0; j < c->files; j++) {
		g_snprintf(g, sizeof(g), "g%d_%d", i, j);
		op_add(a, i, g, USES(vm), "gmem.create %s vm=%s size=%llu%s", g,
		       vm, (unsigned long long)size, file_flags(c));
		op_add(a, i, "", USES(g), "gmem.close %s", g);
		if (huge(c))
			op_add(a, i, "", USES(g),
			       "gmem.punch %s offset=0 len=%llu", g,
			       (unsigned long long)size);
		for (int p = 0; !huge(c) && p < c->pages; p++)
			op_add(a, i, "", USES(g),
			       "gmem.punch %s offset=%d len=4K", g, p << 12);
	}
	if (c->type && (!strcmp(c->type, "snp") || !strcmp(c->type, "tdx")))
		op_add(a, i, "", USES(vm), "vm.finalize %s", vm);
}

static void slot_ops(struct gms_alphabet *a, const struct gms_explore_config *c,
		     int i)
{
	char vm[16], g[24];
	u64 size = (u64)c->pages << 12;

	g_snprintf(vm, sizeof(vm), "vm%d", i);
	for (int s = 0; s < c->slots; s++) {
		u64 gpa = SLOT_GPA(s);

		/* any VM's file: another VM's is refused, as it should be */
		for (int k = 0; k < c->vms; k++)
			for (int j = 0; j < c->files; j++) {
				g_snprintf(g, sizeof(g), "g%d_%d", k, j);
				op_add(a, i, "", USES(vm, g),
				       "memslot.set %s slot=%d gpa=%#llx size=%llu gmem=%s",
				       vm, s, (unsigned long long)gpa,
				       (unsigned long long)size, g);
			}
		/* no guest_memfd: a gmem slot may not become one (immutable) */
		op_add(a, i, "", USES(vm),
		       "memslot.set %s slot=%d gpa=%#llx size=%llu", vm, s,
		       (unsigned long long)gpa, (unsigned long long)size);
		g_snprintf(g, sizeof(g), "g%d_%d", i, s % c->files);
		op_add(a, i, "", USES(vm, g),
		       "memslot.set %s slot=%d gpa=%#llx size=%llu gmem=%s offset=" EDGE_OFFSET,
		       vm, s, (unsigned long long)gpa, (unsigned long long)size,
		       g);
		op_add(a, i, "", USES(vm), "memslot.delete %s slot=%d", vm, s);
		/*
		 * hugetlb=allowed: a memslot over the whole huge folio, so a
		 * 2 MiB leaf fits, and the guest's 2M accept (TDX accept
		 * level, SNP PVALIDATE size) of it
		 */
		if (huge(c)) {
			g_snprintf(g, sizeof(g), "g%d_%d", i, s % c->files);
			op_add(a, i, "", USES(vm, g),
			       "memslot.set %s slot=%d gpa=%#llx size=%llu gmem=%s",
			       vm, s, (unsigned long long)gpa,
			       (unsigned long long)HUGE_SIZE, g);
			if (strcmp(c->type, "sw_protected") &&
			    strcmp(c->type, "pkvm"))
				op_add(a, i, "", USES(vm),
				       "guest.accept %s gpa=%#llx level=2m", vm,
				       (unsigned long long)gpa);
		}
		for (int p = 0; p < c->pages; p++) {
			u64 at = gpa + ((u64)p << 12);

			op_add(a, i, "", USES(vm),
			       "guest.write %s gpa=%#llx tag=t%d", vm,
			       (unsigned long long)at, i);
			op_add(a, i, "", USES(vm), "guest.read %s gpa=%#llx",
			       vm, (unsigned long long)at);
			if (!has_private(c->type))
				continue;
			if (in_place(c))
				goto accept;
			op_add(a, i, "", USES(vm),
			       "attr.set %s gpa=%#llx size=4K private", vm,
			       (unsigned long long)at);
			op_add(a, i, "", USES(vm),
			       "attr.set %s gpa=%#llx size=4K shared", vm,
			       (unsigned long long)at);
accept:
			if (strcmp(c->type, "sw_protected") &&
			    strcmp(c->type, "pkvm"))
				op_add(a, i, "", USES(vm),
				       "guest.accept %s gpa=%#llx", vm,
				       (unsigned long long)at);
		}
	}
}

/* One task of each kind per VM: a fault, a memslot delete, a punch, a close. */
static void task_ops(struct gms_alphabet *a, const struct gms_explore_config *c,
		     int i)
{
	char vm[16], g[24], t[32];
	u64 size = file_size(c);

	g_snprintf(vm, sizeof(vm), "vm%d", i);
	g_snprintf(t, sizeof(t), "f%d", i);
	op_add(a, i, t, USES(vm), "spawn %s guest.write %s gpa=%#llx tag=t%d",
	       t, vm, (unsigned long long)SLOT_GPA(0), i);
	op_add(a, i, "", USES(t), "step %s", t);
	g_snprintf(t, sizeof(t), "d%d", i);
	op_add(a, i, t, USES(vm), "spawn %s memslot.delete %s slot=0", t, vm);
	op_add(a, i, "", USES(t), "step %s", t);
	for (int j = 0; j < c->files; j++) {
		g_snprintf(g, sizeof(g), "g%d_%d", i, j);
		g_snprintf(t, sizeof(t), "p%d_%d", i, j);
		op_add(a, i, t, USES(g),
		       "spawn %s gmem.punch %s offset=0 len=%llu", t, g,
		       (unsigned long long)size);
		op_add(a, i, "", USES(t), "step %s", t);
		g_snprintf(t, sizeof(t), "c%d_%d", i, j);
		op_add(a, i, t, USES(g), "spawn %s gmem.close %s", t, g);
		op_add(a, i, "", USES(t), "step %s", t);
		if (!in_place(c))
			continue;
		/* a conversion of the whole file each way, step by step */
		g_snprintf(t, sizeof(t), "v%d_%d", i, j);
		op_add(a, i, t, USES(g),
		       "spawn %s gmem.convert %s offset=0 len=%llu to=shared",
		       t, g, (unsigned long long)size);
		op_add(a, i, "", USES(t), "step %s", t);
		g_snprintf(t, sizeof(t), "w%d_%d", i, j);
		op_add(a, i, t, USES(g),
		       "spawn %s gmem.convert %s offset=0 len=%llu to=private",
		       t, g, (unsigned long long)size);
		op_add(a, i, "", USES(t), "step %s", t);
	}
}

struct gms_alphabet *gms_alphabet_new(const struct gms_explore_config *cfg,
				      GError **err)
{
	struct gms_alphabet *a = g_new0(struct gms_alphabet, 1);

	a->names = g_array_new(FALSE, FALSE, sizeof(struct gms_explore_name));
	a->ops = g_array_new(FALSE, FALSE, sizeof(struct gms_explore_op));
	a->vms = cfg->vms;
	/* every name first, so the ops may use any of them */
	for (int i = 0; i < cfg->vms; i++)
		vm_ops(a, cfg, i);
	for (int i = 0; i < cfg->vms; i++)
		slot_ops(a, cfg, i);
	for (int i = 0; in_place(cfg) && i < cfg->vms; i++)
		for (int j = 0; j < cfg->files; j++)
			convert_ops(a, cfg, i, j);
	for (int i = 0; !cfg->no_tasks && i < cfg->vms; i++)
		task_ops(a, cfg, i);
	if (a->names->len > GMS_EXPLORE_MAX_NAMES) {
		g_set_error(err, GMS_SCENARIO_ERROR, 0,
			    "%u names: at most %d (fewer VMs or files)",
			    a->names->len, GMS_EXPLORE_MAX_NAMES);
		gms_alphabet_free(a);
		return NULL;
	}
	return a;
}

void gms_alphabet_free(struct gms_alphabet *a)
{
	if (!a)
		return;
	for (guint i = 0; i < a->names->len; i++)
		g_free(g_array_index(a->names, struct gms_explore_name, i).name);
	for (guint i = 0; i < a->ops->len; i++)
		g_free(g_array_index(a->ops, struct gms_explore_op, i).text);
	g_array_unref(a->names);
	g_array_unref(a->ops);
	g_free(a);
}
