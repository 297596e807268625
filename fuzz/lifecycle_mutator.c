// SPDX-License-Identifier: GPL-2.0
/*
 * The lifecycle fuzzer's structure-aware mutator. libFuzzer's byte edits
 * rarely keep an op whole: a byte inserted in the middle of an input shifts
 * every later op's operands, and the races the mutants of DESIGN.md section
 * 5 need 8-11 exact statements, so from an empty corpus some were never
 * found in a minute. Here an edit works on whole ops, as the decoder reads
 * them (gms_fuzz_lifecycle_ops, the one source of truth about the format):
 * insert a new op of a random kind, delete, swap or duplicate ops, re-target
 * an op's object operands (indexes into the pools), splice ops of another
 * input; sometimes libFuzzer's own mutation of one op's bytes or the whole.
 * Every random choice comes from libFuzzer's seed (a local xorshift), so a
 * run replays with its -seed.
 */
#include <string.h>

#include <glib.h>

#include <gmemsim/scenario.h>

#include "lifecycle_mutator.h"

#define OP_MAX 16 /* bytes of the longest op (memslot.set: 11) and more */
#define MAX_OPS 512 /* past that, the last op runs to the end */

struct edit {
	guint64 rng;
	const uint8_t *in;
	size_t size;
	struct gms_fuzz_op *ops;
	size_t n_ops;
	GByteArray *out;
};

/* xorshift64*: libFuzzer's seed alone decides every choice */
static guint64 next(struct edit *e)
{
	e->rng ^= e->rng >> 12;
	e->rng ^= e->rng << 25;
	e->rng ^= e->rng >> 27;
	return e->rng * 0x2545f4914f6cdd1dull;
}

static size_t below(struct edit *e, size_t n)
{
	return n ? next(e) % n : 0;
}

static void seed_rng(struct edit *e, unsigned int seed)
{
	e->rng = ((guint64)seed << 32 | seed) ^ 0x9e3779b97f4a7c15ull;
	if (!e->rng)
		e->rng = 1;
	next(e);
}

/* Where op @k begins: the input's end for k == n_ops (an op boundary). */
static size_t op_at(const struct edit *e, size_t k)
{
	return k < e->n_ops ? e->ops[k].start : e->size;
}

/* Ops [from, to) of the input, appended to the output. */
static void put_ops(struct edit *e, size_t from, size_t to)
{
	size_t a = op_at(e, from), b = op_at(e, to);

	if (b > a)
		g_byte_array_append(e->out, e->in + a, b - a);
}

/*
 * An operand byte: mostly 0, else small, one time in eight any. The
 * decoder takes it modulo a pool's size or a table's, and the tables list
 * the common value first (offset 0, 4K, the guest_memfd memslot flag), so
 * small bytes name the first objects and the same values across ops: a
 * race needs its ops to agree on a gpa, a pin and a conversion on a page.
 * The odd values (an offset past the end, a size that wraps) stay in
 * reach, as the errno paths and signed-offset need them.
 */
static uint8_t operand(struct edit *e)
{
	switch (next(e) % 8) {
	case 0 ... 4:
		return 0;
	case 5:
	case 6:
		return below(e, 4);
	default:
		return next(e);
	}
}

/*
 * The op of @op's bytes at the output's end: the decoder's reading of the
 * output so far says how many of them the op takes there (an index byte
 * only once its pool has a member), the rest goes, so the ops after it keep
 * their bytes. False when it wrote no line (a kind the pools cannot serve).
 */
static bool put_op(struct edit *e, const uint8_t op[OP_MAX],
		   struct gms_fuzz_op *info)
{
	struct gms_fuzz_op ops[MAX_OPS];
	size_t at = e->out->len, n;

	g_byte_array_append(e->out, op, OP_MAX);
	n = gms_fuzz_lifecycle_ops(e->out->data, e->out->len, ops, MAX_OPS);
	while (n &&
	       ops[n - 1].start > at) /* the rest of the bytes: other ops */
		n--;
	if (!n || ops[n - 1].start != at || !ops[n - 1].text) {
		g_byte_array_set_size(e->out, at); /* no room, or no line */
		return false;
	}
	g_byte_array_set_size(e->out, at + ops[n - 1].len);
	if (info)
		*info = ops[n - 1];
	return true;
}

/*
 * What an op kind needs made before it, syzkaller's resource rule: a VM
 * for a guest_memfd, a guest_memfd for a mapping of it, a memslot bound to
 * a guest_memfd for a guest access, an attribute change or a memslot
 * change, private memory for a private access, a task for a step.
 */
enum need {
	N_VM = 1,
	N_GMEM = 2,
	N_MAP = 4,
	N_TASK = 8,
	N_SLOT = 16,
	N_PRIVATE = 32,
	N_GMAP = 64, /* a mapping of a guest_memfd, not an anonymous one */
	N_FRESH = 128, /* a new VM and file, whatever exists */
};

/*
 * The op kinds a new op is drawn from, weighted: ops that change
 * lifetimes (close, punch, delete, tasks) and accesses that observe them
 * most; 20 and 22 are 19 and 21 again. Indexed by the decoder's op byte.
 */
static const struct kind {
	uint8_t weight, needs;
} kinds[] = {
	{ 3, 0 }, /* vm.create */
	{ 2, N_VM }, /* gmem.create */
	{ 2, N_GMEM }, /* gmem.mmap */
	{ 1, 0 }, /* host.mmap_anon (in-place: gmem.mmap of a whole file) */
	{ 1, N_GMEM }, /* gmem.allocate */
	{ 4, N_GMEM }, /* gmem.punch */
	{ 1, N_GMEM }, /* gmem.fallocate */
	{ 1, N_GMEM }, /* gmem.read and the other file ops */
	{ 3, N_GMEM }, /* gmem.close */
	{ 2, N_VM | N_GMEM }, /* memslot.set */
	{ 3, N_SLOT }, /* memslot.delete */
	{ 2, N_SLOT }, /* memslot.move */
	{ 2, N_MAP }, /* host.read */
	{ 2, N_MAP }, /* host.write */
	{ 2, N_MAP }, /* gmem.munmap */
	{ 4, N_SLOT }, /* guest.read */
	{ 4, N_SLOT }, /* guest.write */
	{ 3, N_VM }, /* vm.close */
	{ 3, N_SLOT }, /* attr.set (in-place: gmem.convert) */
	{ 4, N_SLOT }, /* spawn */
	{ 0, N_SLOT },
	{ 4, N_TASK }, /* step */
	{ 0, N_TASK },
	{ 2, N_TASK }, /* finish */
	{ 2, N_SLOT }, /* gmem.populate */
	{ 2, N_SLOT }, /* vm.finalize */
	{ 2, N_SLOT }, /* guest.accept */
	{ 2, N_GMAP }, /* in-place: host.pin */
	{ 1, N_GMAP }, /* in-place: host.unpin */
};

static unsigned int pool_size(const struct gms_fuzz_pools *p,
			      enum gms_fuzz_pool pool)
{
	switch (pool) {
	case GMS_FUZZ_VMS:
		return p->vms;
	case GMS_FUZZ_GMEMS:
		return p->gmems;
	case GMS_FUZZ_MAPS:
		return p->maps;
	default:
		return p->tasks;
	}
}

static void pools_now(struct edit *e, struct gms_fuzz_pools *p)
{
	gms_fuzz_lifecycle_pools(e->out->data, e->out->len, p);
}

/*
 * A VM of a random type (the decoder's vm_types: default, sw_protected,
 * snp, tdx, pkvm), a type with private memory nine times in ten and
 * sw_protected, the one without hardware in the way, most.
 */
static const uint8_t vm_types[] = { 0, 1, 1, 1, 2, 2, 3, 3, 4, 4 };

static void put_vm(struct edit *e)
{
	uint8_t op[OP_MAX] = { 0, vm_types[below(e, sizeof(vm_types))] };

	put_op(e, op, NULL);
}

/*
 * A guest_memfd of the newest VM, mostly 4K (the tables' first size, the
 * one the other made ops use), flags 0, mmap or mmap,init_shared (one of
 * the last two for a file made to be mapped); its size index (the
 * decoder's sizes[]) for the memslot that binds it.
 */
static uint8_t put_gmem(struct edit *e, const struct gms_fuzz_pools *p,
			bool mapped)
{
	uint8_t size = below(e, 2) ? 0 : below(e, 4);
	uint8_t flags = mapped ? 1 + below(e, 2) : below(e, 3);
	uint8_t op[OP_MAX] = { 1, p->vms - 1, size, flags };

	put_op(e, op, NULL);
	return size;
}

/*
 * Guest_memfd @g bound at gpa 0, offset 0, as memslot 0 of the newest
 * VM: the ops made after it (accesses, attributes) use gpa 0 too.
 */
static void put_slot(struct edit *e, const struct gms_fuzz_pools *p,
		     uint8_t size, uint8_t g)
{
	uint8_t op[OP_MAX] = { 9, 0, p->vms - 1, 0, size, 0, 1, g };

	put_op(e, op, NULL);
}

/* sizes[] index -> attr_sizes[] index: the same length */
static const uint8_t attr_size[] = { 0, 1, 3, 2 };

/* Private memory at gpa 0 of the newest VM (in-place: of file @g). */
static void put_private(struct edit *e, const struct gms_fuzz_pools *p,
			uint8_t size, uint8_t g)
{
	uint8_t op[OP_MAX] = { 18, p->vms - 1, 0, attr_size[size & 3], 1 };

	if (gms_fuzz_lifecycle_kinds() > 27) { /* gmem.convert g to=private */
		op[1] = g;
		op[3] = 0;
		op[4] = 0;
	}
	put_op(e, op, NULL);
}

/*
 * A host mapping of the newest guest_memfd: its first page, or (in-place,
 * half the time) the whole file, as the conversion selftests map it.
 */
static void put_gmap(struct edit *e, const struct gms_fuzz_pools *p)
{
	uint8_t page[OP_MAX] = { 2, p->gmems - 1, 0, 0, 1 };
	uint8_t whole[OP_MAX] = { 3, p->gmems - 1 };

	if (gms_fuzz_lifecycle_kinds() > 27 && below(e, 2))
		put_op(e, whole, NULL);
	else
		put_op(e, page, NULL);
}

/* An anonymous host mapping of a page (in-place: no guest_memfd yet). */
static void put_anon(struct edit *e)
{
	uint8_t op[OP_MAX] = { 3, 0 };

	put_op(e, op, NULL);
}

static bool put_kind(struct edit *e, unsigned int kind, bool newest);

/*
 * Before an op, what it needs and the pools lack (syzkaller's resource
 * rule), made valid by construction and chained: the memslot binds the
 * VM's newest guest_memfd no memslot binds yet (one made for it if none).
 * One time in four a new VM or file even when one exists: a race between
 * two VMs needs a second.
 */
static void put_needs(struct edit *e, unsigned int needs)
{
	struct gms_fuzz_pools p;
	bool fresh = needs & N_FRESH || !below(e, 4), made = false, slot;
	uint8_t size = 0, g;
	unsigned int newest;

	if (!needs)
		return;
	if (needs & N_GMAP)
		needs |= N_GMEM;
	pools_now(e, &p);
	if (needs == N_MAP) { /* a file's mapping half the time, if any */
		if (!p.maps && p.gmems && below(e, 2))
			put_gmap(e, &p);
		else if (!p.maps)
			put_anon(e);
		return;
	}
	if (!p.vms || (fresh && (needs & (N_VM | N_SLOT)))) {
		put_vm(e);
		pools_now(e, &p);
	}
	if (!p.vms) /* no room in the pool */
		return;
	newest = 1u << (p.vms - 1);
	slot = needs & N_SLOT && !(p.slot_vms & newest);
	if ((needs & N_GMEM && (!p.gmems || fresh)) ||
	    (slot && !p.unbound_gmem)) {
		size = put_gmem(e, &p, needs & N_GMAP);
		pools_now(e, &p);
		made = true;
	}
	g = p.gmems - 1;
	if (slot && p.unbound_gmem) { /* the VM's file no memslot binds yet */
		g = p.unbound_gmem - 1;
		put_slot(e, &p, size, g);
		pools_now(e, &p);
	}
	if (needs & N_PRIVATE && p.gmems && !(p.private_vms & newest))
		put_private(e, &p, size, g);
	if (needs & N_GMAP && p.gmems && (made || !p.maps))
		put_gmap(e, &p);
	if (needs & N_TASK && !p.tasks) {
		put_needs(e, kinds[19].needs);
		put_kind(e, 19, true);
	}
}

/*
 * A new op of @kind at the output's end, its operands random; with
 * @newest its object operands mostly name the newest member of their
 * pool, the one its needs just made.
 */
static bool put_kind(struct edit *e, unsigned int kind, bool newest)
{
	uint8_t op[OP_MAX] = { kind };
	struct gms_fuzz_op info;
	size_t at = e->out->len;

	for (size_t i = 1; i < OP_MAX; i++)
		op[i] = operand(e);
	/*
	 * Choices, not values, drawn evenly: a task's op (the decoder's
	 * emit_task_op: punch, close, delete, write, read, attributes) and a
	 * step's count (one, two one time in three).
	 */
	if (kind == 19 || kind == 20)
		op[1] = below(e, 6);
	if (kind == 21 || kind == 22)
		op[2] = below(e, 3);
	if (!put_op(e, op, &info))
		return false;
	for (size_t i = 1; newest && i < info.len && i < 16; i++)
		if (info.refs & 1u << i && below(e, 4))
			e->out->data[at + i] =
				pool_size(&info.before,
					  info.pools >> 2 * i & 3) -
				1;
	return true;
}

static unsigned int pick_kind(struct edit *e)
{
	unsigned int n = gms_fuzz_lifecycle_kinds(), total = 0, r;

	for (unsigned int k = 0; k < n; k++)
		total += kinds[k].weight;
	r = below(e, total);
	for (unsigned int k = 0;; k++) {
		if (r < kinds[k].weight)
			return k;
		r -= kinds[k].weight;
	}
}

/* punch, close, memslot delete, munmap, VM close: memory may go back */
static bool frees(unsigned int kind)
{
	return kind == 5 || kind == 8 || kind == 10 || kind == 14 || kind == 17;
}

/*
 * After an op that frees, half the time, a check that observes the reuse:
 * a new VM's private read through a new file, whose first fault takes a
 * page from the allocator (what the freed memory held, if nothing
 * scrubbed it).
 */
static void put_observer(struct edit *e)
{
	put_needs(e, N_SLOT | N_PRIVATE | N_FRESH);
	put_kind(e, 15, true);
}

/*
 * A new op at the output's end: a kind drawn by weight, what it needs
 * first (a guest access, or a task's, private half the time), then the
 * op. A kind the pools still cannot serve (a step once every task
 * finished, a mapping of a pKVM VM's file) writes nothing: the next kinds
 * in turn then, each with its needs. After an op that frees, sometimes a
 * read that observes the reuse.
 */
static void put_new_op(struct edit *e)
{
	unsigned int kind = pick_kind(e), n = gms_fuzz_lifecycle_kinds();
	unsigned int needs = kinds[kind].needs;

	if ((kind == 15 || kind == 16 || kind == 19) && below(e, 2))
		needs |= N_PRIVATE;
	put_needs(e, needs);
	for (unsigned int i = 0; i < n; i++) {
		if (put_kind(e, kind, true))
			break;
		kind = (kind + 1) % n;
		put_needs(e, kinds[kind].needs);
	}
	if (frees(kind) && below(e, 2))
		put_observer(e);
}

/* Half the time at the end: a lifecycle is built forward, as a race is. */
static bool edit_insert(struct edit *e)
{
	size_t k = below(e, 2) ? e->n_ops : below(e, e->n_ops + 1);

	put_ops(e, 0, k);
	put_new_op(e);
	put_ops(e, k, e->n_ops);
	return true;
}

static bool edit_delete(struct edit *e)
{
	size_t k = below(e, e->n_ops);

	if (!e->n_ops)
		return false;
	put_ops(e, 0, k);
	put_ops(e, k + 1, e->n_ops);
	return true;
}

static bool edit_swap(struct edit *e)
{
	size_t i = below(e, e->n_ops), j = below(e, e->n_ops), t;

	if (i == j)
		return false;
	if (i > j) {
		t = i;
		i = j;
		j = t;
	}
	put_ops(e, 0, i);
	put_ops(e, j, j + 1);
	put_ops(e, i + 1, j);
	put_ops(e, i, i + 1);
	put_ops(e, j + 1, e->n_ops);
	return true;
}

/*
 * An op again, half the time a run of 2-8 copies: exhausting a resource
 * (ASIDs, a pool) takes the same op many times over.
 */
static bool edit_duplicate(struct edit *e)
{
	size_t k = below(e, e->n_ops), to = below(e, e->n_ops + 1);
	size_t copies = below(e, 2) ? 1 : 2 + below(e, 7);

	if (!e->n_ops)
		return false;
	put_ops(e, 0, to);
	while (copies--)
		put_ops(e, k, k + 1);
	put_ops(e, to, e->n_ops);
	return true;
}

/* One object operand of a random op that has some: another pool member. */
static bool edit_retarget(struct edit *e)
{
	size_t with = 0, k, bit;
	guint32 refs;

	for (k = 0; k < e->n_ops; k++)
		with += e->ops[k].refs != 0;
	if (!with)
		return false;
	for (k = 0, with = below(e, with);; k++)
		if (e->ops[k].refs && !with--)
			break;
	refs = e->ops[k].refs;
	for (bit = below(e, __builtin_popcount(refs)); bit--;)
		refs &= refs - 1;
	put_ops(e, 0, e->n_ops);
	/* the pools hold at most 10: byte % n picks the member */
	e->out->data[e->ops[k].start + __builtin_ctz(refs)] =
		below(e, next(e) % 2 ? 4 : 10);
	return true;
}

/* Another value for one operand of a random op (its kind byte stays). */
static bool edit_operand(struct edit *e)
{
	size_t with = 0, k;

	for (k = 0; k < e->n_ops; k++)
		with += e->ops[k].len > 1;
	if (!with)
		return false;
	for (k = 0, with = below(e, with);; k++)
		if (e->ops[k].len > 1 && !with--)
			break;
	put_ops(e, 0, e->n_ops);
	e->out->data[e->ops[k].start + 1 + below(e, e->ops[k].len - 1)] =
		operand(e);
	return true;
}

/* libFuzzer's byte mutation (dictionary included) of one op only. */
static bool edit_bytes(struct edit *e, gms_byte_mutator bytes)
{
	size_t k = below(e, e->n_ops), len;
	uint8_t op[OP_MAX * 2];

	if (!e->n_ops)
		return false;
	len = MIN(e->ops[k].len, sizeof(op));
	memcpy(op, e->in + e->ops[k].start, len);
	len = bytes(op, len, sizeof(op));
	put_ops(e, 0, k);
	g_byte_array_append(e->out, op, len);
	put_ops(e, k + 1, e->n_ops);
	return true;
}

/* The output into @data, cut at @max_size (the cut op reads zeros). */
static size_t finish(struct edit *e, uint8_t *data, size_t max_size)
{
	size_t len = MIN(e->out->len, max_size);

	memcpy(data, e->out->data, len);
	g_byte_array_unref(e->out);
	g_free(e->ops);
	return len;
}

size_t gms_lifecycle_edit(uint8_t *data, size_t size, size_t max_size,
			  unsigned int seed, enum gms_op_edit edit,
			  gms_byte_mutator bytes)
{
	struct edit e = { .in = data, .size = size };
	bool done = false;

	seed_rng(&e, seed);
	if (edit == GMS_EDIT_WHOLE)
		return bytes(data, size, max_size);
	e.ops = g_new(struct gms_fuzz_op, MAX_OPS);
	e.n_ops = gms_fuzz_lifecycle_ops(data, size, e.ops, MAX_OPS);
	e.out = g_byte_array_sized_new(size + OP_MAX * 2);
	switch (edit) {
	case GMS_EDIT_INSERT:
		done = edit_insert(&e);
		break;
	case GMS_EDIT_DELETE:
		done = edit_delete(&e);
		break;
	case GMS_EDIT_SWAP:
		done = edit_swap(&e);
		break;
	case GMS_EDIT_DUPLICATE:
		done = edit_duplicate(&e);
		break;
	case GMS_EDIT_RETARGET:
		done = edit_retarget(&e);
		break;
	case GMS_EDIT_OPERAND:
		done = edit_operand(&e);
		break;
	default:
		done = edit_bytes(&e, bytes);
		break;
	}
	if (!done) /* nothing to edit that way: a new op instead */
		done = edit_insert(&e);
	return finish(&e, data, max_size);
}

/* Inserts most: the races are built up an op at a time. */
static const enum gms_op_edit weights[] = {
	GMS_EDIT_INSERT,    GMS_EDIT_INSERT,   GMS_EDIT_INSERT,
	GMS_EDIT_INSERT,    GMS_EDIT_DELETE,   GMS_EDIT_SWAP,
	GMS_EDIT_DUPLICATE, GMS_EDIT_RETARGET, GMS_EDIT_OPERAND,
	GMS_EDIT_BYTES,	    GMS_EDIT_WHOLE,
};

size_t gms_lifecycle_mutate(uint8_t *data, size_t size, size_t max_size,
			    unsigned int seed, gms_byte_mutator bytes)
{
	struct edit e;

	seed_rng(&e, seed);
	return gms_lifecycle_edit(data, size, max_size, next(&e),
				  weights[below(&e, G_N_ELEMENTS(weights))],
				  bytes);
}

size_t gms_lifecycle_cross_over(const uint8_t *a, size_t a_size,
				const uint8_t *b, size_t b_size, uint8_t *out,
				size_t max_out, unsigned int seed)
{
	struct edit e = { .in = a, .size = a_size },
		    f = { .in = b, .size = b_size };
	size_t at, from, to;

	seed_rng(&e, seed);
	e.ops = g_new(struct gms_fuzz_op, MAX_OPS);
	e.n_ops = gms_fuzz_lifecycle_ops(a, a_size, e.ops, MAX_OPS);
	f.ops = g_new(struct gms_fuzz_op, MAX_OPS);
	f.n_ops = gms_fuzz_lifecycle_ops(b, b_size, f.ops, MAX_OPS);
	e.out = g_byte_array_sized_new(a_size + b_size);
	at = below(&e, e.n_ops + 1);
	from = below(&e, f.n_ops + 1);
	put_ops(&e, 0, at);
	if (next(&e) % 2) { /* a run of b's ops into a */
		to = MIN(f.n_ops, from + 1 + below(&e, 4));
		f.out = e.out;
		put_ops(&f, from, to);
		put_ops(&e, at, e.n_ops);
	} else { /* a's head, b's tail */
		f.out = e.out;
		put_ops(&f, from, f.n_ops);
	}
	g_free(f.ops);
	return finish(&e, out, max_out);
}
