// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzer inputs as scenarios: every byte string decodes to a well-formed
 * .gms text over small pools of VMs, guest_memfds and mappings, so a
 * mutated input stays meaningful and any crash replays with `gmemsim run`.
 * The same decoding serves the fuzz targets and `gmemsim fuzz-decode`.
 */
#include <gmemsim/scenario.h>

#define POOL 4

struct decoder {
	const u8 *p, *end;
	GString *out;
	int vms, gmems, maps; /* names made so far: vm0.., g0.., m0.. */
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

static bool need(struct decoder *d, int have)
{
	return have > 0 || (byte(d), false);
}

static void emit_create(struct decoder *d, u8 op)
{
	if (op == 0 && d->vms < POOL) {
		g_string_append_printf(d->out, "vm.create vm%d\n", d->vms++);
	} else if (op == 1 && d->vms && d->gmems < POOL) {
		g_string_append_printf(d->out,
				       "gmem.create g%d vm=", d->gmems++);
		vm_ref(d);
		g_string_append_printf(d->out, " size=%s flags=%s\n",
				       PICK(d, sizes), PICK(d, gmem_flags));
	} else if (op == 2 && d->gmems && d->maps < POOL) {
		g_string_append_printf(
			d->out, "gmem.mmap m%d gmem=g%d offset=%s len=%s%s\n",
			d->maps++, idx(d, d->gmems), PICK(d, offsets),
			PICK(d, lens), byte(d) % 5 ? "" : " private");
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
		g_string_append_printf(d->out,
				       "gmem.allocate g%d offset=%s len=%s\n",
				       g, PICK(d, offsets), PICK(d, lens));
		break;
	case 5:
		g_string_append_printf(d->out,
				       "gmem.punch g%d offset=%s len=%s\n", g,
				       PICK(d, offsets), PICK(d, lens));
		break;
	case 6:
		g_string_append_printf(
			d->out, "gmem.fallocate g%d mode=%s offset=%s len=%s\n",
			g, PICK(d, modes), PICK(d, offsets), PICK(d, lens));
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
		g_string_append_printf(d->out,
				       " slot=%d gpa=%s size=%s flags=%s", slot,
				       PICK(d, gpas), PICK(d, sizes),
				       PICK(d, slot_flags));
		if (d->gmems && byte(d) % 4)
			g_string_append_printf(d->out, " gmem=g%d offset=%s",
					       idx(d, d->gmems),
					       PICK(d, offsets));
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
		g_string_append(d->out, "guest.read ");
		vm_ref(d);
		g_string_append_printf(d->out, " gpa=%s\n", PICK(d, gpas));
		break;
	case 16:
		g_string_append(d->out, "guest.write ");
		vm_ref(d);
		g_string_append_printf(d->out, " gpa=%s tag=t%d\n",
				       PICK(d, gpas), byte(d) % 4);
		break;
	case 17:
		g_string_append(d->out, "vm.close ");
		vm_ref(d);
		g_string_append_c(d->out, '\n');
		break;
	}
}

char *gms_fuzz_decode(const u8 *data, gsize size)
{
	struct decoder d = { .p = data, .end = data + size };

	d.out = g_string_new("# decoded from a fuzzer input\n");
	while (d.p < d.end) {
		u8 op = byte(&d) % 18;

		if (op <= 3)
			emit_create(&d, op);
		else if (!need(&d, d.gmems) && op <= 8)
			continue;
		else if (op <= 8)
			emit_file_op(&d, op);
		else if (!need(&d, d.vms) && op <= 11)
			continue;
		else if (op <= 11)
			emit_memslot(&d, op);
		else if ((op <= 14 && !d.maps) || (op >= 15 && !d.vms))
			continue;
		else
			emit_access(&d, op);
	}
	return g_string_free(d.out, FALSE);
}
