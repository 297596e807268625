// SPDX-License-Identifier: GPL-2.0
/*
 * The lifecycle mutator's edits on a known input: they keep ops whole (the
 * input's other ops byte for byte), never write past the size limit, and
 * replay from the same seed. In fuzz-smoke, under ASan and UBSan.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <gmemsim/scenario.h>

#include "lifecycle_mutator.h"

/*
 * vm.create vm0 type=snp; gmem.create g0 vm=vm0 size=4K flags=0;
 * gmem.punch g0 offset=0 len=4K (each op's bytes: kind, operands).
 */
static const uint8_t three[] = { 0, 2, 1, 0, 0, 0, 5, 0, 0, 0 };
static const struct gms_fuzz_op three_ops[] = { { 0, 2, 0, 0 },
						{ 2, 4, 1u << 1, 0 },
						{ 6, 4, 1u << 1, 0 } };
static const size_t bounds[] = { 0, 2, 6, 10 }; /* its op boundaries */

#define SEEDS 300

static size_t ops_of(const uint8_t *data, size_t size, struct gms_fuzz_op *ops)
{
	return gms_fuzz_lifecycle_ops(data, size, ops, 64);
}

static unsigned int lines(const uint8_t *data, size_t size)
{
	char *text = gms_fuzz_decode_lifecycle(data, size);
	unsigned int n = 0;

	for (char *c = text; *c; c++)
		n += *c == '\n';
	g_free(text);
	return n;
}

/* a byte mutation that can be checked: the first byte plus one */
static size_t bump(uint8_t *data, size_t size, size_t max_size)
{
	g_assert_cmpuint(size, <=, max_size);
	if (size)
		data[0]++;
	return size;
}

/* @out is @three with @len bytes (@piece's, unless NULL) at an op boundary */
static bool inserted(const uint8_t *out, size_t n, const uint8_t *piece,
		     size_t len)
{
	if (n != sizeof(three) + len)
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(bounds); i++) {
		size_t b = bounds[i];

		if (!memcmp(out, three, b) &&
		    (!piece || !memcmp(out + b, piece, len)) &&
		    !memcmp(out + b + len, three + b, sizeof(three) - b))
			return true;
	}
	return false;
}

/* @out is @three less its op @k */
static bool deleted(const uint8_t *out, size_t n, size_t k)
{
	size_t b = three_ops[k].start, len = three_ops[k].len;

	return n == sizeof(three) - len && !memcmp(out, three, b) &&
	       !memcmp(out + b, three + b + len, n - b);
}

/* @out is @three with ops @i < @j swapped */
static bool swapped(const uint8_t *out, size_t i, size_t j)
{
	uint8_t want[sizeof(three)];
	size_t at = 0;
	size_t order[] = { 0, 1, 2 };

	order[i] = j;
	order[j] = i;
	for (size_t k = 0; k < 3; k++) {
		memcpy(want + at, three + three_ops[order[k]].start,
		       three_ops[order[k]].len);
		at += three_ops[order[k]].len;
	}
	return !memcmp(out, want, sizeof(want));
}

static void test_split(void)
{
	struct gms_fuzz_op ops[64];

	g_assert_cmpuint(ops_of(three, sizeof(three), ops), ==, 3);
	for (size_t i = 0; i < 3; i++) {
		g_assert_cmpuint(ops[i].start, ==, three_ops[i].start);
		g_assert_cmpuint(ops[i].len, ==, three_ops[i].len);
		g_assert_cmpuint(ops[i].refs, ==, three_ops[i].refs);
	}
	/* "vm.create vm0 type=snp\n" */
	g_assert_cmpuint(ops[0].text, ==, strlen("vm.create vm0 type=snp\n"));
	g_assert_cmpuint(lines(three, sizeof(three)), ==, 1 + 3);
	g_assert_cmpuint(ops_of(three, 0, ops), ==, 0);
	/* past the limit, the last op runs to the end */
	g_assert_cmpuint(gms_fuzz_lifecycle_ops(three, sizeof(three), ops, 2),
			 ==, 2);
	g_assert_cmpuint(ops[1].start, ==, 2);
	g_assert_cmpuint(ops[1].len, ==, 8);
}

/*
 * From nothing, an op and what it needs: every op writes a line, and only
 * the bytes the decoder reads are there.
 */
static void test_insert_empty(void)
{
	unsigned int chained = 0;

	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		uint8_t buf[64];
		struct gms_fuzz_op ops[64];
		size_t n = gms_lifecycle_edit(buf, 0, sizeof(buf), seed,
					      GMS_EDIT_INSERT, bump);
		size_t k = ops_of(buf, n, ops);

		g_assert_cmpuint(k, >=, 1);
		g_assert_cmpuint(ops[k - 1].start + ops[k - 1].len, ==, n);
		for (size_t i = 0; i < k; i++)
			g_assert_cmpuint(ops[i].text, >, 0);
		g_assert_cmpuint(lines(buf, n), ==, 1 + k);
		chained += k > 1;
	}
	/* most kinds need a VM at least */
	g_assert_cmpuint(chained, >, SEEDS / 2);
}

/* "op vmN ..." or "spawn tM op vmN ...": N, or -1 */
static int vm_named(const char *line)
{
	const char *vm = strstr(line, " vm");

	return vm && g_ascii_isdigit(vm[3]) ? atoi(vm + 3) : -1;
}

static bool needs_slot(const char *line)
{
	static const char *const ops[] = {
		"guest.read ",	 "guest.write ",  "memslot.delete ",
		"memslot.move ", "attr.set ",	  "gmem.populate ",
		"vm.finalize ",	 "guest.accept ", "spawn ",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
		if (g_str_has_prefix(line, ops[i]))
			return true;
	return false;
}

static bool makes_private(const char *line)
{
	return (g_str_has_prefix(line, "attr.set ") &&
		g_str_has_suffix(line, " private")) ||
	       (g_str_has_prefix(line, "gmem.convert ") &&
		g_str_has_suffix(line, " to=private"));
}

/*
 * syzkaller's resource rule, from an empty input: an op that needs a
 * memslot comes after a memslot bound to a guest_memfd, and mostly names
 * its VM (if it names one: populate names a file); a guest access after private memory some of the time.
 */
static void test_needs(void)
{
	unsigned int slot_ops = 0, named = 0, accesses = 0, private = 0;

	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		uint8_t buf[64];
		size_t n = gms_lifecycle_edit(buf, 0, sizeof(buf), seed,
					      GMS_EDIT_INSERT, bump);
		char *text = gms_fuzz_decode_lifecycle(buf, n);
		char **lines = g_strsplit(text, "\n", -1);
		guint32 slots = 0;
		bool made_private = false;

		for (char **l = lines; *l; l++) {
			int vm = vm_named(*l);

			if (g_str_has_prefix(*l, "memslot.set ") &&
			    strstr(*l, " gmem=") && vm >= 0)
				slots |= 1u << vm;
			if (!needs_slot(*l))
				goto next;
			g_assert_cmpuint(slots, !=, 0);
			slot_ops += vm >= 0;
			named += vm >= 0 && (slots & 1u << vm);
			if (g_str_has_prefix(*l, "guest.")) {
				accesses++;
				private += made_private;
			}
next:
			made_private |= makes_private(*l);
		}
		g_strfreev(lines);
		g_free(text);
	}
	g_assert_cmpuint(slot_ops, >, SEEDS / 4);
	g_assert_cmpuint(named, >, slot_ops * 2 / 3);
	g_assert_cmpuint(private, >, accesses / 4);
	g_assert_cmpuint(private, <, accesses);
}

static uint8_t *edit(unsigned int seed, enum gms_op_edit how, size_t *n)
{
	uint8_t *buf = g_malloc(64);

	memcpy(buf, three, sizeof(three));
	*n = gms_lifecycle_edit(buf, sizeof(three), 64, seed, how, bump);
	return buf;
}

/* New ops at one op boundary, the others byte for byte; each writes a line. */
static void test_insert(void)
{
	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		struct gms_fuzz_op ops[64];
		size_t n, k;
		uint8_t *buf = edit(seed, GMS_EDIT_INSERT, &n);

		g_assert_true(inserted(buf, n, NULL, n - sizeof(three)));
		k = ops_of(buf, n, ops);
		g_assert_cmpuint(k, >=, 4);
		g_assert_cmpuint(lines(buf, n), ==, 1 + k);
		g_free(buf);
	}
}

/* @out is @three with copies of its op @k (one to eight) at an op boundary */
static bool copied(const uint8_t *out, size_t n, size_t k)
{
	size_t len = three_ops[k].len, copies = (n - sizeof(three)) / len;
	uint8_t piece[8 * 4];

	if (n <= sizeof(three) || (n - sizeof(three)) % len || copies > 8)
		return false;
	for (size_t i = 0; i < copies; i++)
		memcpy(piece + i * len, three + three_ops[k].start, len);
	return inserted(out, n, piece, copies * len);
}

static void test_delete_swap_duplicate(void)
{
	unsigned int runs = 0;

	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		size_t n, k;
		uint8_t *buf = edit(seed, GMS_EDIT_DELETE, &n);

		for (k = 0; k < 3 && !deleted(buf, n, k); k++)
			;
		g_assert_cmpuint(k, <, 3);
		g_free(buf);

		/* an op once or a run of copies of it, at an op boundary */
		buf = edit(seed, GMS_EDIT_DUPLICATE, &n);
		for (k = 0; k < 3; k++)
			if (copied(buf, n, k))
				break;
		g_assert_cmpuint(k, <, 3);
		runs += n > sizeof(three) + 4;
		g_free(buf);

		/* the same op twice: a new one instead */
		buf = edit(seed, GMS_EDIT_SWAP, &n);
		g_assert_true((n == sizeof(three) &&
			       (swapped(buf, 0, 1) || swapped(buf, 0, 2) ||
				swapped(buf, 1, 2))) ||
			      inserted(buf, n, NULL, n - sizeof(three)));
		g_free(buf);
	}
	g_assert_cmpuint(runs, >, SEEDS / 4);
}

/* Only an object operand changes: the guest_memfd of op 1 or 2. */
static void test_retarget(void)
{
	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		size_t n;
		uint8_t *buf = edit(seed, GMS_EDIT_RETARGET, &n);

		g_assert_cmpuint(n, ==, sizeof(three));
		for (size_t i = 0; i < n; i++)
			if (i != 3 && i != 7)
				g_assert_cmpuint(buf[i], ==, three[i]);
		g_assert_cmpuint(buf[3], <, 10);
		g_assert_cmpuint(buf[7], <, 10);
		g_free(buf);
	}
}

/* One operand byte changes, never an op's kind. */
static void test_operand(void)
{
	unsigned int changed = 0;

	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		size_t n, diff = 0;
		uint8_t *buf = edit(seed, GMS_EDIT_OPERAND, &n);

		g_assert_cmpuint(n, ==, sizeof(three));
		for (size_t i = 0; i < n; i++)
			diff += buf[i] != three[i];
		g_assert_cmpuint(diff, <=, 1);
		changed += diff;
		g_assert_true(buf[0] == 0 && buf[2] == 1 && buf[6] == 5);
		g_free(buf);
	}
	g_assert_cmpuint(changed, >, SEEDS / 2); /* a new value, mostly */
}

/* libFuzzer's mutation sees one op's bytes, from the op's first. */
static void test_bytes(void)
{
	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		size_t n, diff = 0, at = 0;
		uint8_t *buf = edit(seed, GMS_EDIT_BYTES, &n);

		g_assert_cmpuint(n, ==, sizeof(three));
		for (size_t i = 0; i < n; i++)
			if (buf[i] != three[i])
				diff++, at = i;
		g_assert_cmpuint(diff, ==, 1);
		g_assert_true(at == 0 || at == 2 || at == 6);
		g_free(buf);
	}
}

/* Never a byte past the limit (ASan sees a write past the allocation). */
static void test_max_size(void)
{
	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		uint8_t *buf = g_memdup2(three, sizeof(three));
		uint8_t *out = g_malloc(sizeof(three) - 1);
		size_t n = gms_lifecycle_mutate(buf, sizeof(three),
						sizeof(three), seed, bump);

		g_assert_cmpuint(n, <=, sizeof(three));
		n = gms_lifecycle_cross_over(buf, n, three, sizeof(three), out,
					     sizeof(three) - 1, seed);
		g_assert_cmpuint(n, <=, sizeof(three) - 1);
		g_free(out);
		g_free(buf);
	}
}

/* The same seed, the same edit: a run replays with its -seed. */
static void test_deterministic(void)
{
	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		uint8_t a[64], b[64], x[64], y[64];
		size_t n, m;

		memcpy(a, three, sizeof(three));
		memcpy(b, three, sizeof(three));
		n = gms_lifecycle_mutate(a, sizeof(three), 64, seed, bump);
		m = gms_lifecycle_mutate(b, sizeof(three), 64, seed, bump);
		g_assert_cmpmem(a, n, b, m);
		n = gms_lifecycle_cross_over(three, sizeof(three), a, n, x, 64,
					     seed);
		m = gms_lifecycle_cross_over(three, sizeof(three), b, m, y, 64,
					     seed);
		g_assert_cmpmem(x, n, y, m);
	}
}

/* A crossover joins whole ops: a head of @three, ops of @other, a tail. */
static void test_cross_over(void)
{
	static const uint8_t other[] = { 3, 1, 3, 2 }; /* two host.mmap_anon */
	static const size_t other_len[] = { 0, 2, 4 };

	for (unsigned int seed = 1; seed <= SEEDS; seed++) {
		uint8_t out[64];
		size_t n = gms_lifecycle_cross_over(three, sizeof(three), other,
						    sizeof(other), out,
						    sizeof(out), seed);
		bool found = false;

		for (size_t i = 0; i < G_N_ELEMENTS(bounds); i++)
			for (size_t j = 0; j < 3; j++)
				for (size_t from = 0; from + other_len[j] <= 4;
				     from += 2) {
					size_t b = bounds[i], m = other_len[j];
					size_t rest = n - b - m;

					found |= n >= b + m &&
						 !memcmp(out, three, b) &&
						 !memcmp(out + b, other + from,
							 m) &&
						 (rest == 0 ||
						  (rest == sizeof(three) - b &&
						   !memcmp(out + b + m,
							   three + b, rest)));
				}
		g_assert_true(found);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/mutator/split", test_split);
	g_test_add_func("/mutator/insert_empty", test_insert_empty);
	g_test_add_func("/mutator/needs", test_needs);
	g_test_add_func("/mutator/insert", test_insert);
	g_test_add_func("/mutator/delete_swap_duplicate",
			test_delete_swap_duplicate);
	g_test_add_func("/mutator/retarget", test_retarget);
	g_test_add_func("/mutator/operand", test_operand);
	g_test_add_func("/mutator/bytes", test_bytes);
	g_test_add_func("/mutator/max_size", test_max_size);
	g_test_add_func("/mutator/deterministic", test_deterministic);
	g_test_add_func("/mutator/cross_over", test_cross_over);
	return g_test_run();
}
