// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzer inputs as scenarios: every byte string decodes to a well-formed
 * .gms text over small pools of VMs, guest_memfds and mappings, so a
 * mutated input stays meaningful and any crash replays with `gmemsim run`.
 * The same decoding serves the fuzz targets and `gmemsim fuzz-decode`.
 */
#include <string.h>

#include <gmemsim/policy.h>
#include <gmemsim/scenario.h>

#define POOL 4
#define VM_POOL 10 /* lifecycle: enough SNP VMs to make an ASID come back */

#define TASKS 6
#define PINS 16 /* more than a 64-byte input makes */

struct decoder {
	const u8 *p, *end;
	GString *out;
	int vms, gmems, maps; /* names made so far: vm0.., g0.., m0.. */
	bool lifecycle; /* VM types, attributes, launch and tasks too */
	int tasks; /* t0.. */
	u16 slot_vms, private_vms; /* gms_fuzz_pools: a memslot, PRIVATE */
	u8 gmem_vm[POOL]; /* lifecycle: the file's VM (index) */
	u8 bound; /* the files a memslot.set named, a bit each */
	u8 finished; /* the tasks a 'finish' ended, a bit each: no more steps */
	u8 vm_type[VM_POOL]; /* lifecycle: index in vm_types */
	u8 gmem_vm_type[POOL]; /* lifecycle: the type of the file's VM */
	bool in_place; /* lifecycle under convert=in-place*: gmem.convert, pins */
	bool huge; /* lifecycle under hugetlb=allowed: g0 is a 2 MiB HugeTLB file */
	u8 gmem_use[POOL]; /* in_place: GMEM_MAPPED, GMEM_TO_SHARED */
	u8 gmem_maps; /* in_place: the mappings of guest_memfds, a bit each */
	int pins; /* host.pin lines so far, each's mapping and offset */
	u8 pin_map[PINS];
	const char *pin_off[PINS];
	const u8 *start; /* gms_fuzz_lifecycle_ops: the input, its ops */
	struct gms_fuzz_op *ops;
	gsize n_ops, max_ops;
	gsize op_text; /* where the last op's text begins */
};

/* what a file has been given so far (in_place, sw_protected: one or the other) */
#define GMEM_MAPPED 1
#define GMEM_TO_SHARED 2

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

/*
 * Text without printf: formatting was a sixth of a lifecycle input's cost,
 * and every operand is a table string or a small number.
 */
static void put(struct decoder *d, const char *s)
{
	g_string_append(d->out, s);
}

static void put_num(struct decoder *d, unsigned int n)
{
	if (n >= 10)
		put_num(d, n / 10);
	g_string_append_c(d->out, '0' + n % 10);
}

/* " key=" or "vm", then a number: the name of a pool's member */
static void put_ref(struct decoder *d, const char *prefix, unsigned int n)
{
	put(d, prefix);
	put_num(d, n);
}

static int pool_size(const struct decoder *d, enum gms_fuzz_pool pool)
{
	switch (pool) {
	case GMS_FUZZ_VMS:
		return d->vms;
	case GMS_FUZZ_GMEMS:
		return d->gmems;
	case GMS_FUZZ_MAPS:
		return d->maps;
	default:
		return d->tasks;
	}
}

/*
 * A defined name of a pool, or a fresh one when none exists yet (EBADF-free);
 * the op records the byte as an object operand of that pool (the mutator
 * re-targets it).
 */
static int idx(struct decoder *d, enum gms_fuzz_pool pool)
{
	struct gms_fuzz_op *op = d->n_ops ? &d->ops[d->n_ops - 1] : NULL;
	gsize at = d->p - d->start;
	int n = pool_size(d, pool);

	if (n && op && d->p < d->end && at - op->start < 32)
		op->refs |= 1u << (at - op->start);
	if (n && op && d->p < d->end && at - op->start < 16)
		op->pools |= (u32)pool << 2 * (at - op->start);
	return n ? byte(d) % n : 0;
}

static int vm_ref(struct decoder *d)
{
	int vm = idx(d, GMS_FUZZ_VMS);

	put_ref(d, "vm", vm);
	return vm;
}

/*
 * Each operand is appended as soon as its byte is read: C leaves the order
 * of a call's arguments unspecified (gcc and clang differ), and the fuzzers
 * (clang) and `gmemsim fuzz-decode` (any compiler) must agree.
 */
static void kv(struct decoder *d, const char *key, const char *val)
{
	g_string_append_c(d->out, ' ');
	put(d, key);
	g_string_append_c(d->out, '=');
	put(d, val);
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

/*
 * convert=in-place on sw_protected: a page the guest wrote privately and
 * the host converted to shared is the guest's data in the host's hands, by
 * design (scenarios/conversion/host_reads_after_shared.gms: no hardware
 * hides it). A file is either mapped on the host or converted to shared,
 * whichever the input does first, so that leak cannot drown the findings.
 * On SNP the host reads ciphertext, on TDX and pKVM the page comes back
 * zeroed (the S-EPT removal, pKVM's reclaim): there a file gets both.
 */
static bool may_use(struct decoder *d, int g, u8 use)
{
	if (d->gmem_vm_type[g] == T_SW && (d->gmem_use[g] & ~use))
		return false;
	d->gmem_use[g] |= use;
	return true;
}

static void emit_create(struct decoder *d, u8 op)
{
	if (op == 0 && d->vms < VM_POOL && d->lifecycle) {
		u8 type = byte(d) % G_N_ELEMENTS(vm_types);

		d->vm_type[d->vms] = type;
		put_ref(d, "vm.create vm", d->vms++);
		put(d, " type=");
		put(d, vm_types[type]);
		end_line(d);
	} else if (op == 0 && d->vms < POOL) {
		put_ref(d, "vm.create vm", d->vms++);
		end_line(d);
	} else if (op == 1 && d->vms && d->gmems < POOL) {
		int vm = idx(d, GMS_FUZZ_VMS);
		const char *flags, *size;

		put_ref(d, "gmem.create g", d->gmems++);
		put_ref(d, " vm=vm", vm);
		size = PICK(d, sizes);
		flags = PICK(d, gmem_flags);
		/*
		 * hugetlb=allowed: the first file is one 2 MiB HugeTLB folio
		 * (its bytes read all the same: the input's layout holds)
		 */
		if (d->huge && d->gmems == 1) {
			size = "2M";
			flags = d->in_place ? "mmap,hugetlb page_order=9" :
					      "hugetlb page_order=9";
		}
		kv(d, "size", size);
		/*
		 * The known TDX finding (scenarios/tdx/mmap_shared_not_zapped.gms);
		 * under convert=in-place the file's own attributes decide and
		 * punch and release zap both sides, so a TD may map its file.
		 */
		if (d->lifecycle && !d->in_place && d->vm_type[vm] == T_TDX &&
		    strstr(flags, "mmap"))
			flags = "0";
		d->gmem_vm_type[d->gmems - 1] = d->vm_type[vm];
		d->gmem_vm[d->gmems - 1] = vm;
		kv(d, "flags", flags);
		end_line(d);
	} else if ((op == 2 || (op == 3 && d->in_place)) && d->gmems &&
		   d->maps < POOL) {
		/*
		 * convert=in-place: op 3 maps a whole file, as the conversion
		 * selftests do, so a pin's offset is the file's, as are a
		 * conversion's and a memslot's.
		 */
		bool whole = op == 3;
		int g = idx(d, GMS_FUZZ_GMEMS);
		const char *off = whole ? NULL : PICK(d, offsets);
		const char *len = whole ? NULL : PICK(d, lens);
		bool private = !whole && !(byte(d) % 5);

		/*
		 * No host mapping of a pKVM VM's file: with 6.18's attribute
		 * conversion a mapped page may be made private
		 * (scenarios/pkvm/convert_while_mapped.gms), a known gap that
		 * would drown every other finding. Under convert=in-place
		 * attr.set refuses PRIVATE and gmem.convert unmaps the host and
		 * refuses a pinned page (EAGAIN): the gap is closed.
		 */
		if (d->lifecycle && !d->in_place &&
		    d->gmem_vm_type[g] == T_PKVM)
			return;
		if (d->in_place && !may_use(d, g, GMEM_MAPPED))
			return;
		d->gmem_maps |= 1 << d->maps;
		put_ref(d, "gmem.mmap m", d->maps++);
		put_ref(d, " gmem=g", g);
		if (!whole) {
			kv(d, "offset", off);
			kv(d, "len", len);
		}
		put(d, private ? " private" : "");
		end_line(d);
	} else if (op == 3 && d->maps < POOL) {
		put_ref(d, "host.mmap_anon m", d->maps++);
		kv(d, "size", PICK(d, lens));
		end_line(d);
	}
}

static void emit_file_op(struct decoder *d, u8 op)
{
	int g = idx(d, GMS_FUZZ_GMEMS);

	switch (op) {
	case 4:
	case 5:
		put_ref(d, op == 4 ? "gmem.allocate g" : "gmem.punch g", g);
		kv(d, "offset", PICK(d, offsets));
		kv(d, "len", PICK(d, lens));
		end_line(d);
		break;
	case 6:
		put_ref(d, "gmem.fallocate g", g);
		kv(d, "mode", PICK(d, modes));
		kv(d, "offset", PICK(d, offsets));
		kv(d, "len", PICK(d, lens));
		end_line(d);
		break;
	case 7:
		put(d, PICK(d, fileops));
		put_ref(d, " g", g);
		end_line(d);
		break;
	case 8:
		put_ref(d, "gmem.close g", g);
		end_line(d);
		break;
	}
}

static void emit_memslot(struct decoder *d, u8 op)
{
	int slot = byte(d) % 4;

	if (op == 9) {
		int vm;

		put(d, "memslot.set ");
		vm = vm_ref(d);
		put_ref(d, " slot=", slot);
		kv(d, "gpa", PICK(d, gpas));
		kv(d, "size", PICK(d, sizes));
		kv(d, "flags", PICK(d, slot_flags));
		if (d->gmems && byte(d) % 4) {
			int g = idx(d, GMS_FUZZ_GMEMS);

			d->slot_vms |= 1u << vm;
			d->bound |= 1u << g;
			put_ref(d, " gmem=g", g);
			kv(d, "offset", PICK(d, offsets));
		}
		if (d->maps && byte(d) % 2)
			put_ref(d, " uaddr=m", idx(d, GMS_FUZZ_MAPS));
		end_line(d);
	} else {
		put(d, op == 10 ? "memslot.delete " : "memslot.move ");
		vm_ref(d);
		put_ref(d, " slot=", slot);
		if (op != 10)
			kv(d, "gpa", PICK(d, gpas));
		end_line(d);
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
	put(d, write ? "guest.write " : "guest.read ");
	vm_ref(d);
	kv(d, "gpa", PICK(d, gpas));
	if (write)
		put_ref(d, " tag=t", byte(d) % 4);
	put(d, access_word(d));
}

/*
 * Before a mapping goes, its pins go: a scenario cannot name a page of a
 * mapping it has unmapped, so a pin left then could never be released and
 * the end's leak check would count it (the input's own leak, not the
 * model's). An unpin of a pin that failed or is gone already is EINVAL.
 */
static void unpin_all(struct decoder *d, int m)
{
	for (int i = 0; i < d->pins; i++) {
		if (d->pin_map[i] != m)
			continue;
		put_ref(d, "host.unpin m", m);
		kv(d, "offset", d->pin_off[i]);
		end_line(d);
	}
}

/*
 * The pins are guest_memfd's (what a conversion must refuse), an anonymous
 * mapping's only while there is no other: the @n-th mapping, or the
 * (@n mod count)-th of the guest_memfd mappings when it is anonymous.
 */
static int gmem_map(struct decoder *d, int n)
{
	int count = __builtin_popcount(d->gmem_maps), m = -1;

	if (!count || (d->gmem_maps & 1 << n))
		return n;
	for (n %= count; n >= 0; n--)
		while (!(d->gmem_maps & 1 << ++m))
			;
	return m;
}

static void emit_access(struct decoder *d, u8 op)
{
	int m = idx(d, GMS_FUZZ_MAPS);
	const char *off = PICK(d, offsets);

	switch (op) {
	case 12:
		put_ref(d, "host.read m", m);
		kv(d, "offset", off[0] == '-' ? "0" : off);
		end_line(d);
		break;
	case 13:
		put_ref(d, "host.write m", m);
		kv(d, "offset", off[0] == '-' ? "0" : off);
		put_ref(d, " tag=t", byte(d) % 4);
		end_line(d);
		break;
	case 14:
		unpin_all(d, m);
		put_ref(d, "gmem.munmap m", m);
		end_line(d);
		break;
	case 15:
	case 16:
		guest_access(d, op == 16);
		end_line(d);
		break;
	case 17:
		put(d, "vm.close ");
		vm_ref(d);
		end_line(d);
		break;
	case 27: /* convert=in-place: a pin holds the page shared */
	case 28:
		m = gmem_map(d, m);
		off = off[0] == '-' ? "0" : off;
		if (op == 27 && d->pins == PINS)
			break;
		if (op == 27) {
			d->pin_map[d->pins] = m;
			d->pin_off[d->pins++] = off;
		}
		put_ref(d, op == 27 ? "host.pin m" : "host.unpin m", m);
		kv(d, "offset", off);
		end_line(d);
		break;
	}
}

/* attr.set VM gpa=A size=S private|shared */
static void attr_set(struct decoder *d)
{
	int vm;
	bool private;

	put(d, "attr.set ");
	vm = vm_ref(d);
	kv(d, "gpa", PICK(d, gpas));
	kv(d, "size", PICK(d, attr_sizes));
	private = byte(d) % 3;
	if (private)
		d->private_vms |= 1u << vm;
	put(d, private ? " private" : " shared");
}

/*
 * gmem.convert G offset=O len=L to=private|shared: under convert=in-place
 * the file's attributes are what attr.set was (which can only refuse
 * PRIVATE there), so it takes attr.set's place, as an op and as a task.
 * Offsets and lengths are pages, mostly within the files' sizes; the
 * argument checks have their own scenario (conversion/check_order.gms).
 */
static const char *const conv_offsets[] = { "0", "4K", "8K", "12K" };
static const char *const conv_lens[] = { "4K", "8K", "16K", "2M" };

static void gmem_convert(struct decoder *d)
{
	int g = idx(d, GMS_FUZZ_GMEMS);
	bool shared;

	put_ref(d, "gmem.convert g", g);
	kv(d, "offset", PICK(d, conv_offsets));
	kv(d, "len", PICK(d, conv_lens));
	shared = byte(d) % 2 && may_use(d, g, GMEM_TO_SHARED);
	put(d, shared ? " to=shared" : " to=private");
}

/* An op a task can run, on the pools as they are. */
static void emit_task_op(struct decoder *d)
{
	switch (byte(d) % 6) {
	case 5:
		if (!d->in_place) {
			attr_set(d);
			return;
		}
		if (d->gmems) {
			gmem_convert(d);
			return;
		}
		break;
	case 0:
		if (d->gmems) {
			put_ref(d, "gmem.punch g", idx(d, GMS_FUZZ_GMEMS));
			kv(d, "offset", PICK(d, offsets));
			kv(d, "len", PICK(d, lens));
			return;
		}
		break;
	case 1:
		if (d->gmems) {
			put_ref(d, "gmem.close g", idx(d, GMS_FUZZ_GMEMS));
			return;
		}
		break;
	case 2:
		put(d, "memslot.delete ");
		vm_ref(d);
		put_ref(d, " slot=", byte(d) % 4);
		return;
	case 3:
		guest_access(d, true);
		return;
	}
	guest_access(d, false);
}

/* 'step tN', unless a 'finish' ended tN (the parser refuses that) */
static void task_step(struct decoder *d, int t)
{
	bool two = !(byte(d) % 3); /* read whether or not the step is written */

	if (d->finished & (1u << t))
		return;
	put_ref(d, "step t", t);
	put(d, two ? " 2\n" : "\n");
}

static void task_finish(struct decoder *d, int t)
{
	if (d->finished & (1u << t))
		return;
	d->finished |= 1u << t;
	put_ref(d, "finish t", t);
	end_line(d);
}

/* Attributes, launch and tasks: the lifecycle fuzzer's own ops. */
static void emit_lifecycle(struct decoder *d, u8 op)
{
	switch (op) {
	case 18:
		if (!d->in_place) {
			attr_set(d);
			end_line(d);
		} else if (d->gmems) {
			gmem_convert(d);
			end_line(d);
		}
		break;
	case 19:
	case 20:
		if (d->tasks >= TASKS)
			break;
		put_ref(d, "spawn t", d->tasks++);
		g_string_append_c(d->out, ' ');
		emit_task_op(d);
		end_line(d);
		break;
	case 21:
	case 22:
		if (d->tasks)
			task_step(d, idx(d, GMS_FUZZ_TASKS));
		break;
	case 23:
		if (d->tasks)
			task_finish(d, idx(d, GMS_FUZZ_TASKS));
		break;
	case 24:
		if (d->gmems) {
			put_ref(d, "gmem.populate g", idx(d, GMS_FUZZ_GMEMS));
			kv(d, "offset", PICK(d, offsets));
			put_ref(d, " tag=t", byte(d) % 4);
			end_line(d);
		}
		break;
	case 25:
		put(d, "vm.finalize ");
		vm_ref(d);
		end_line(d);
		break;
	default:
		put(d, "guest.accept ");
		vm_ref(d);
		kv(d, "gpa", PICK(d, gpas));
		/* hugetlb=allowed: the accept level too (TDX, SNP PVALIDATE) */
		if (d->huge && byte(d) % 2)
			put(d, " level=2m");
		end_line(d);
		break;
	}
}

static struct gms_fuzz_pools pools_of(const struct decoder *d)
{
	struct gms_fuzz_pools p = { .vms = d->vms,
				    .gmems = d->gmems,
				    .maps = d->maps,
				    .tasks = d->tasks,
				    .slot_vms = d->slot_vms,
				    .private_vms = d->private_vms };

	for (int g = d->gmems - 1; g >= 0 && !p.unbound_gmem; g--)
		if (d->gmem_vm[g] == d->vms - 1 && !(d->bound & 1u << g))
			p.unbound_gmem = g + 1;
	return p;
}

/* Where an op begins (gms_fuzz_lifecycle_ops), as the loop reads it. */
static void op_begin(struct decoder *d)
{
	struct gms_fuzz_op *last = d->n_ops ? &d->ops[d->n_ops - 1] : NULL;

	if (!d->ops)
		return;
	if (last) {
		last->len = d->p - d->start - last->start;
		last->text = d->out->len - d->op_text;
	}
	if (d->n_ops == d->max_ops || d->p == d->end)
		return;
	d->ops[d->n_ops++] = (struct gms_fuzz_op){
		.start = d->p - d->start,
		.before = pools_of(d),
	};
	d->op_text = d->out->len;
}

static char *decode(struct decoder *d)
{
	d->out = g_string_sized_new(64 + 16 * (d->end - d->p));
	put(d, "# decoded from a fuzzer input\n");
	d->start = d->p;
	while (op_begin(d), d->p < d->end) {
		u8 op = byte(d) % (d->in_place ? 29 : d->lifecycle ? 27 : 18);

		if (op <= 3)
			emit_create(d, op);
		else if (op >= 27 && !d->maps)
			continue;
		else if (op >= 27)
			emit_access(d, op);
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

/*
 * The design under test is GMEMSIM_POLICY's, for the lifecycle fuzzer and
 * `gmemsim fuzz-decode --lifecycle` alike (both read it). Under
 * convert=in-place* gmem.convert takes attr.set's place and host.pin and
 * host.unpin are two more ops; under every other policy an input decodes
 * as it always has, so the corpus and its findings keep their meaning.
 */
static bool env_policy(const char *knob, struct gms_policy *p)
{
	const char *list = g_getenv("GMEMSIM_POLICY");
	char *bad;

	*p = (struct gms_policy){ 0 };
	if (!list || !strstr(list, knob))
		return false;
	if (gms_policy_parse_list(p, list, &bad)) {
		g_free(bad); /* the callers report it */
		return false;
	}
	return true;
}

static bool policy_in_place(void)
{
	struct gms_policy p;

	return env_policy("convert", &p) && p.convert != GMS_CONVERT_ATTRIBUTES;
}

/* hugetlb=allowed: the first file is a HugeTLB one */
static bool policy_hugetlb(void)
{
	struct gms_policy p;

	return env_policy("hugetlb", &p) && p.hugetlb == GMS_HUGETLB_ALLOWED;
}

char *gms_fuzz_decode_lifecycle(const u8 *data, gsize size)
{
	struct decoder d = { .p = data,
			     .end = data + size,
			     .lifecycle = true,
			     .in_place = policy_in_place(),
			     .huge = policy_hugetlb() };

	return decode(&d);
}

/*
 * The ops of a lifecycle input as the decoder reads them, for the fuzzer's
 * structure-aware mutator: one source of truth about the format. An op's
 * length depends on the pools before it (an index byte is read only once
 * its pool has a member), so the spans are those of this input as it is.
 */
gsize gms_fuzz_lifecycle_ops(const u8 *data, gsize size,
			     struct gms_fuzz_op *ops, gsize max_ops)
{
	struct decoder d = { .p = data,
			     .end = data + size,
			     .lifecycle = true,
			     .in_place = policy_in_place(),
			     .huge = policy_hugetlb(),
			     .ops = ops,
			     .max_ops = max_ops };

	g_free(decode(&d)); /* past @max_ops, the last op runs to the end */
	return d.n_ops;
}

void gms_fuzz_lifecycle_pools(const u8 *data, gsize size,
			      struct gms_fuzz_pools *pools)
{
	struct decoder d = { .p = data,
			     .end = data + size,
			     .lifecycle = true,
			     .in_place = policy_in_place() };

	g_free(decode(&d));
	*pools = pools_of(&d);
}

/* The op kinds a lifecycle input's op byte selects (under GMEMSIM_POLICY). */
unsigned int gms_fuzz_lifecycle_kinds(void)
{
	return policy_in_place() ? 29 : 27;
}
