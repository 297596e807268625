// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzer inputs as scenarios: every byte string decodes to a well-formed
 * .gms text over small pools of VMs, guest_memfds and mappings, so a
 * mutated input stays meaningful and any crash replays with `gmemsim run`.
 * The same decoding serves the fuzz targets and `gmemsim fuzz-decode`.
 */
#include <string.h>

#include <gmemsim/scenario.h>

#define POOL 4
#define VM_POOL 10 /* lifecycle: enough SNP VMs to make an ASID come back */

#define TASKS 6

struct decoder {
	const u8 *p, *end;
	GString *out;
	int vms, gmems, maps; /* names made so far: vm0.., g0.., m0.. */
	bool lifecycle; /* VM types, attributes, launch and tasks too */
	int tasks; /* t0.. */
	u8 vm_type[VM_POOL]; /* lifecycle: index in vm_types */
	u8 gmem_vm_type[POOL]; /* lifecycle: the type of the file's VM */
};

static u8 byte(struct decoder *d)
{
	return d->p < d->end ? *d->p++ : 0;
}

static const char *pick(struct decoder *d, const char *const *table, int n)
{
	return table[byte(d) % n];
}

#define PICK(d, t) pick(d, t, G_N_ELEMENTS(t))

static const char *const sizes[] = { "4K", "8K", "16K",	 "2M",
				     "0",  "1",	 "4097", "0x4000000000000000" };
static const char *const offsets[] = {
	"0", "4K", "8K", "12K", "1", "-4096", "16K", "0x7ffffffffffff000"
};
static const char *const lens[] = { "4K", "8K", "16K", "0", "4095", "1T" };
static const char *const gpas[] = { "0",	   "1M",	 "2M", "4G",
				    "0x100001000", "0xfee00000", "1G", "8K" };
static const char *const gmem_flags[] = { "0", "mmap", "mmap,init_shared",
					  "init_shared", "0x4" };
static const char *const slot_flags[] = { "guest_memfd", "0", "readonly",
					  "guest_memfd,readonly",
					  "log_dirty_pages" };
static const char *const modes[] = { "keep_size",  "keep_size,punch_hole",
				     "punch_hole", "0",
				     "zero_range", "keep_size,collapse_range" };
static const char *const attr_sizes[] = { "4K", "8K", "2M", "16K" };
static const char *const fileops[] = { "gmem.read", "gmem.write", "gmem.pread",
				       "gmem.pwrite", "gmem.lseek" };

/* A defined name of a pool, or a fresh one when none exists yet (EBADF-free). */
static int idx(struct decoder *d, int n)
{
	return n ? byte(d) % n : 0;
}

static void vm_ref(struct decoder *d)
{
	g_string_append_printf(d->out, "vm%d", idx(d, d->vms));
}

/*
 * Each operand is appended as soon as its byte is read: C leaves the order
 * of a call's arguments unspecified (gcc and clang differ), and the fuzzers
 * (clang) and `gmemsim fuzz-decode` (any compiler) must agree.
 */
static void kv(struct decoder *d, const char *key, const char *val)
{
	g_string_append_printf(d->out, " %s=%s", key, val);
}

static void end_line(struct decoder *d)
{
	g_string_append_c(d->out, '\n');
}

static bool need(struct decoder *d, int have)
{
	return have > 0 || (byte(d), false);
}

enum { T_DEFAULT, T_SW, T_SNP, T_TDX, T_PKVM };
static const char *const vm_types[] = { "default", "sw_protected", "snp", "tdx",
					"pkvm" };

static void emit_create(struct decoder *d, u8 op)
{
	if (op == 0 && d->vms < VM_POOL && d->lifecycle) {
		u8 type = byte(d) % G_N_ELEMENTS(vm_types);

		d->vm_type[d->vms] = type;
		g_string_append_printf(d->out, "vm.create vm%d type=%s\n",
				       d->vms++, vm_types[type]);
	} else if (op == 0 && d->vms < POOL) {
		g_string_append_printf(d->out, "vm.create vm%d\n", d->vms++);
	} else if (op == 1 && d->vms && d->gmems < POOL) {
		int vm = idx(d, d->vms);
		const char *flags;

		g_string_append_printf(d->out, "gmem.create g%d vm=vm%d",
				       d->gmems++, vm);
		kv(d, "size", PICK(d, sizes));
		flags = PICK(d, gmem_flags);
		/* the known TDX finding (scenarios/tdx/mmap_shared_not_zapped.gms) */
		if (d->lifecycle && d->vm_type[vm] == T_TDX &&
		    strstr(flags, "mmap"))
			flags = "0";
		d->gmem_vm_type[d->gmems - 1] = d->vm_type[vm];
		kv(d, "flags", flags);
		end_line(d);
	} else if (op == 2 && d->gmems && d->maps < POOL) {
		int g = idx(d, d->gmems);
		const char *off = PICK(d, offsets), *len = PICK(d, lens);
		bool private = !(byte(d) % 5);

		/*
		 * No host mapping of a pKVM VM's file: with 6.18's attribute
		 * conversion a mapped page may be made private
		 * (scenarios/pkvm/convert_while_mapped.gms), a known gap that
		 * would drown every other finding.
		 */
		if (d->lifecycle && d->gmem_vm_type[g] == T_PKVM)
			return;
		g_string_append_printf(d->out, "gmem.mmap m%d gmem=g%d",
				       d->maps++, g);
		kv(d, "offset", off);
		kv(d, "len", len);
		g_string_append(d->out, private ? " private" : "");
		end_line(d);
	} else if (op == 3 && d->maps < POOL) {
		g_string_append_printf(d->out, "host.mmap_anon m%d size=%s\n",
				       d->maps++, PICK(d, lens));
	}
}

static void emit_file_op(struct decoder *d, u8 op)
{
	int g = idx(d, d->gmems);

	switch (op) {
	case 4:
	case 5:
		g_string_append_printf(d->out, "gmem.%s g%d",
				       op == 4 ? "allocate" : "punch", g);
		kv(d, "offset", PICK(d, offsets));
		kv(d, "len", PICK(d, lens));
		end_line(d);
		break;
	case 6:
		g_string_append_printf(d->out, "gmem.fallocate g%d", g);
		kv(d, "mode", PICK(d, modes));
		kv(d, "offset", PICK(d, offsets));
		kv(d, "len", PICK(d, lens));
		end_line(d);
		break;
	case 7:
		g_string_append_printf(d->out, "%s g%d\n", PICK(d, fileops), g);
		break;
	case 8:
		g_string_append_printf(d->out, "gmem.close g%d\n", g);
		break;
	}
}

static void emit_memslot(struct decoder *d, u8 op)
{
	int slot = byte(d) % 4;

	if (op == 9) {
		g_string_append_printf(d->out, "memslot.set ");
		vm_ref(d);
		g_string_append_printf(d->out, " slot=%d", slot);
		kv(d, "gpa", PICK(d, gpas));
		kv(d, "size", PICK(d, sizes));
		kv(d, "flags", PICK(d, slot_flags));
		if (d->gmems && byte(d) % 4) {
			g_string_append_printf(d->out, " gmem=g%d",
					       idx(d, d->gmems));
			kv(d, "offset", PICK(d, offsets));
		}
		if (d->maps && byte(d) % 2)
			g_string_append_printf(d->out, " uaddr=m%d",
					       idx(d, d->maps));
		g_string_append_c(d->out, '\n');
	} else {
		g_string_append_printf(d->out, "%s ",
				       op == 10 ? "memslot.delete" :
						  "memslot.move");
		vm_ref(d);
		g_string_append_printf(
			d->out, " slot=%d%s%s\n", slot,
			op == 10 ? "" : " gpa=", op == 10 ? "" : PICK(d, gpas));
	}
}

static const char *access_word(struct decoder *d)
{
	static const char *const words[] = { "", "", " private", " shared" };

	return d->lifecycle ? PICK(d, words) : "";
}

/* guest.read VM gpa=A [word] / guest.write VM gpa=A tag=T [word] */
static void guest_access(struct decoder *d, bool write)
{
	g_string_append(d->out, write ? "guest.write " : "guest.read ");
	vm_ref(d);
	kv(d, "gpa", PICK(d, gpas));
	if (write)
		g_string_append_printf(d->out, " tag=t%d", byte(d) % 4);
	g_string_append(d->out, access_word(d));
}

static void emit_access(struct decoder *d, u8 op)
{
	int m = idx(d, d->maps);
	const char *off = PICK(d, offsets);

	switch (op) {
	case 12:
		g_string_append_printf(d->out, "host.read m%d offset=%s\n", m,
				       off[0] == '-' ? "0" : off);
		break;
	case 13:
		g_string_append_printf(d->out,
				       "host.write m%d offset=%s tag=t%d\n", m,
				       off[0] == '-' ? "0" : off, byte(d) % 4);
		break;
	case 14:
		g_string_append_printf(d->out, "gmem.munmap m%d\n", m);
		break;
	case 15:
	case 16:
		guest_access(d, op == 16);
		end_line(d);
		break;
	case 17:
		g_string_append(d->out, "vm.close ");
		vm_ref(d);
		g_string_append_c(d->out, '\n');
		break;
	}
}

/* attr.set VM gpa=A size=S private|shared */
static void attr_set(struct decoder *d)
{
	g_string_append(d->out, "attr.set ");
	vm_ref(d);
	kv(d, "gpa", PICK(d, gpas));
	kv(d, "size", PICK(d, attr_sizes));
	g_string_append(d->out, byte(d) % 3 ? " private" : " shared");
}

/* An op a task can run, on the pools as they are. */
static void emit_task_op(struct decoder *d)
{
	switch (byte(d) % 6) {
	case 5:
		attr_set(d);
		return;
	case 0:
		if (d->gmems) {
			g_string_append_printf(d->out, "gmem.punch g%d",
					       idx(d, d->gmems));
			kv(d, "offset", PICK(d, offsets));
			kv(d, "len", PICK(d, lens));
			return;
		}
		break;
	case 1:
		if (d->gmems) {
			g_string_append_printf(d->out, "gmem.close g%d",
					       idx(d, d->gmems));
			return;
		}
		break;
	case 2:
		g_string_append(d->out, "memslot.delete ");
		vm_ref(d);
		g_string_append_printf(d->out, " slot=%d", byte(d) % 4);
		return;
	case 3:
		guest_access(d, true);
		return;
	}
	guest_access(d, false);
}

/* Attributes, launch and tasks: the lifecycle fuzzer's own ops. */
static void emit_lifecycle(struct decoder *d, u8 op)
{
	switch (op) {
	case 18:
		attr_set(d);
		end_line(d);
		break;
	case 19:
	case 20:
		if (d->tasks >= TASKS)
			break;
		g_string_append_printf(d->out, "spawn t%d ", d->tasks++);
		emit_task_op(d);
		g_string_append_c(d->out, '\n');
		break;
	case 21:
	case 22:
		if (d->tasks) {
			g_string_append_printf(d->out, "step t%d",
					       idx(d, d->tasks));
			g_string_append(d->out, byte(d) % 3 ? "\n" : " 2\n");
		}
		break;
	case 23:
		if (d->tasks)
			g_string_append_printf(d->out, "finish t%d\n",
					       idx(d, d->tasks));
		break;
	case 24:
		if (d->gmems) {
			g_string_append_printf(d->out, "gmem.populate g%d",
					       idx(d, d->gmems));
			kv(d, "offset", PICK(d, offsets));
			g_string_append_printf(d->out, " tag=t%d\n",
					       byte(d) % 4);
		}
		break;
	case 25:
		g_string_append(d->out, "vm.finalize ");
		vm_ref(d);
		g_string_append_c(d->out, '\n');
		break;
	default:
		g_string_append(d->out, "guest.accept ");
		vm_ref(d);
		g_string_append_printf(d->out, " gpa=%s\n", PICK(d, gpas));
		break;
	}
}

static char *decode(struct decoder *d)
{
	d->out = g_string_new("# decoded from a fuzzer input\n");
	while (d->p < d->end) {
		u8 op = byte(d) % (d->lifecycle ? 27 : 18);

		if (op <= 3)
			emit_create(d, op);
		else if (op >= 18 && !d->vms)
			continue;
		else if (op >= 18)
			emit_lifecycle(d, op);
		else if (!need(d, d->gmems) && op <= 8)
			continue;
		else if (op <= 8)
			emit_file_op(d, op);
		else if (!need(d, d->vms) && op <= 11)
			continue;
		else if (op <= 11)
			emit_memslot(d, op);
		else if ((op <= 14 && !d->maps) || (op >= 15 && !d->vms))
			continue;
		else
			emit_access(d, op);
	}
	return g_string_free(d->out, FALSE);
}

char *gms_fuzz_decode(const u8 *data, gsize size)
{
	struct decoder d = { .p = data, .end = data + size };

	return decode(&d);
}

char *gms_fuzz_decode_lifecycle(const u8 *data, gsize size)
{
	struct decoder d = { .p = data, .end = data + size, .lifecycle = true };

	return decode(&d);
}
