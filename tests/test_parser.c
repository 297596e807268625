// SPDX-License-Identifier: GPL-2.0
/* The .gms parser: every malformed input gets file:line:col: message. */
#include <string.h>

#include <gmemsim/scenario.h>
#include <gmemsim/target.h>

#include "helpers.h"

static char *parse_error_len(const char *text, gsize len)
{
	GError *err = NULL;
	struct gms_scenario *sc = gms_scenario_parse("t.gms", text, len, &err);
	char *msg;

	if (sc) {
		gms_scenario_free(sc);
		return NULL;
	}
	assert_non_null(err);
	msg = g_strdup(err->message);
	g_error_free(err);
	return msg;
}

static void expect_error_len(const char *text, gsize len, const char *msg)
{
	char *got = parse_error_len(text, len);

	if (!got)
		fail_msg("accepted: %s", text);
	if (strcmp(got, msg))
		fail_msg("for %s\n  got      %s\n  expected %s", text, got,
			 msg);
	g_free(got);
}

static void expect_error(const char *text, const char *msg)
{
	expect_error_len(text, strlen(text), msg);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("vm.creat a\n", "t.gms:1:1: unknown op 'vm.creat'");
	expect_error("vm.create a\nvm.create a\n",
		     "t.gms:2:11: duplicate name 'a'");
	expect_error("# c\n  guest.read b gpa=0\n",
		     "t.gms:2:14: name 'b' used before definition");
	expect_error("vm.create a\nmemslot.set a slot=1 gpa=0x1g size=4K\n",
		     "t.gms:2:22: bad number '0x1g'");
	expect_error(
		"vm.create a\nmemslot.set a slot=1 gpa=0 size=99999999999999999999\n",
		"t.gms:2:28: bad number '99999999999999999999'");
	expect_error("vm.create a\nmemslot.set a slot=1 gpa=0 size=16777216T\n",
		     "t.gms:2:28: bad number '16777216T'");
	/* a negative number is an s64: -(2^64 - 4096) must not wrap to 4K */
	expect_error(
		"vm.create a\ngmem.create g vm=a size=-18446744073709547520\n",
		"t.gms:2:20: bad number '-18446744073709547520'");
	expect_error(
		"vm.create a\ngmem.create g vm=a size=-9223372036854775809\n",
		"t.gms:2:20: bad number '-9223372036854775809'");
	expect_error(
		"vm.create a\ngmem.create g vm=a size=-0x8000000000001000\n",
		"t.gms:2:20: bad number '-0x8000000000001000'");
	/* DESIGN.md section 6: policy lines before the first operation */
	expect_error(
		"policy bind=unrestricted\nvm.create a\n\npolicy pin=slot-pins-file\n",
		"t.gms:4:1: a policy line must come before the first operation (line 2)");
	expect_error(
		"vm.create a\nspawn t memslot.delete a slot=0\npolicy abi=6.18\n",
		"t.gms:3:1: a policy line must come before the first operation (line 1)");
	/* a task ends at its finish: a second one, or a step, runs nothing */
	expect_error(
		"vm.create a\nspawn t memslot.delete a slot=0\nfinish t\nfinish t\n",
		"t.gms:4:8: task 't' was finished at line 3");
	expect_error(
		"vm.create a\nspawn t memslot.delete a slot=0\nfinish t\nstep t\n",
		"t.gms:4:6: task 't' was finished at line 3");
	expect_error("vm.create a\nmemslot.set a slot=1 size=4K\n",
		     "t.gms:2:1: memslot.set: missing argument 'gpa='");
	expect_error("vm.create a bogus=1\n",
		     "t.gms:1:13: unknown argument 'bogus' for vm.create");
	expect_error("vm.create a type=sev\n",
		     "t.gms:1:13: unknown type 'sev'");
	expect_error("vm.create a extra\n",
		     "t.gms:1:13: unknown argument 'extra' for vm.create");
	expect_error("vm.create a => ENOPE\n",
		     "t.gms:1:16: unknown errno 'ENOPE'");
	expect_error("vm.create a => violation:nothing\n",
		     "t.gms:1:16: unknown invariant 'nothing'");
	expect_error("vm.create a => maybe\n",
		     "t.gms:1:16: unknown outcome 'maybe'");
	expect_error("vm.create a => sigsev\n",
		     "t.gms:1:16: unknown outcome 'sigsev'");
	expect_error("vm.create a => uffd:major\n",
		     "t.gms:1:16: unknown outcome 'uffd:major'");
	expect_error("vm.create a =>\n", "t.gms:1:13: '=>' needs an outcome");
	expect_error("vm.create a => ok ok\n",
		     "t.gms:1:19: unexpected 'ok' after the outcome");
	expect_error("vm.create A\n",
		     "t.gms:1:11: 'A' is not a name ([a-z][a-z0-9_]*)");
	expect_error(
		"vm.create\n",
		"t.gms:1:1: vm.create: missing name (usage: vm.create NAME [type=default|sw_protected|snp|tdx|pkvm])");
	expect_error("vm.create a type=default,snp\n",
		     "t.gms:1:13: 'type' does not take a list");
	expect_error("vm.create a type=\n",
		     "t.gms:1:13: 'type=' needs a value");
	expect_error("vm.create a type=x type=y\n",
		     "t.gms:1:20: duplicate argument 'type'");
	expect_error("policy\n", "t.gms:1:1: 'policy' needs KEY=VALUE");
	expect_error("policy bind\n",
		     "t.gms:1:8: 'policy' takes KEY=VALUE, not 'bind'");
	expect_error("policy nope=1\n", "t.gms:1:8: unknown policy 'nope'");
	expect_error("policy bind=maybe\n",
		     "t.gms:1:8: unknown value 'maybe' for policy 'bind'");
	/* every value DESIGN.md names is modelled now; link= is this project's own */
	expect_error("policy snp_zap=preserve link=sometimes\n",
		     "t.gms:1:25: unknown value 'sometimes' for policy 'link'");
	expect_error("spawn t guest.read a gpa=0\n",
		     "t.gms:1:20: name 'a' used before definition");
	expect_error("spawn\n", "t.gms:1:1: spawn needs a task name and an op");
	expect_error("spawn T vm.create a\n",
		     "t.gms:1:7: 'T' is not a name ([a-z][a-z0-9_]*)");
	expect_error(
		"spawn t vm.create a\n",
		"t.gms:1:9: vm.create cannot run as a task (guest.read, guest.write, gmem.punch, memslot.delete, gmem.close and attr.set can)");
	expect_error("vm.create a\nspawn a guest.read a gpa=0\n",
		     "t.gms:2:7: name 'a' is already defined");
	expect_error("vm.create a\nspawn t guest.read a gpa=0 => zero\n",
		     "t.gms:2:9: a task's outcome goes on 'finish t'");
	expect_error("step t\n", "t.gms:1:6: 't' is not a task spawned before");
	expect_error("vm.create a\nstep a\n",
		     "t.gms:2:6: 'a' is not a task spawned before");
	expect_error("finish\n", "t.gms:1:1: finish needs a task name");
	expect_error("vm.create a\nspawn t guest.read a gpa=0\nstep t 0\n",
		     "t.gms:3:8: bad step count '0' (1 to 1000)");
	expect_error("vm.create a\nspawn t guest.read a gpa=0\nfinish t 2\n",
		     "t.gms:3:10: unexpected '2'");
	expect_error("vm.create a\nspawn t guest.read a gpa=0\nfinish t =>\n",
		     "t.gms:3:10: '=>' needs an outcome");
	expect_error("vm.create a\ngmem.create g vm=a size=4K\n"
		     "gmem.convert g offset=0 len=4K to=a\n",
		     "t.gms:3:32: unknown to 'a'");
	expect_error("vm.create a\x01\n", "t.gms:1:11: invalid character");
	expect_error_len("vm.cr\0eate a\n", 13, "t.gms:1:6: invalid character");
	/* '\v' is no separator (g_ascii_isspace()); bytes past ASCII are bad */
	expect_error("vm.create a\vb\n", "t.gms:1:11: invalid character");
	expect_error("vm.create a\xc3\xa9\n", "t.gms:1:11: invalid character");
	expect_error("vm.create\ta\x7f\n", "t.gms:1:11: invalid character");
	expect_error("= a\n", "t.gms:1:1: unexpected '='");
	expect_error("vm.create a\nexpect.vm a alive=2\n",
		     "t.gms:2:13: 'alive' takes 0 or 1");
	expect_error(
		"vm.create a\nmemslot.set a slot=1 gpa=0 size=4K uaddr=a\n",
		"t.gms:2:36: 'a' is not a mapping");
	expect_error("vm.create a\nguest.write a gpa=0 tag=Bad\n",
		     "t.gms:2:21: bad tag 'Bad'");
	expect_error(
		"vm.create a\ngmem.create g vm=a size=4K flags=mmap,shiny\n",
		"t.gms:2:28: unknown flags 'shiny'");
}

/* exit:memory_fault's details: rejected forms, each at its column */
static void test_memory_fault_detail_errors(void **state)
{
	static const struct {
		const char *outcome, *msg;
	} cases[] = {
		/* a bad key, a bad word */
		{ "exit:memory_fault len=4K",
		  "2:49: unknown detail 'len=' for exit:memory_fault (gpa=, size=, private or shared)" },
		{ "exit:memory_fault write",
		  "2:49: unknown detail 'write' for exit:memory_fault (gpa=, size=, private or shared)" },
		{ "exit:memory_fault private=1",
		  "2:49: unknown detail 'private=' for exit:memory_fault (gpa=, size=, private or shared)" },
		/* a bad number, a missing one, a list */
		{ "exit:memory_fault gpa=0x1g", "2:49: bad number '0x1g'" },
		{ "exit:memory_fault size=4Q", "2:49: bad number '4Q'" },
		{ "exit:memory_fault gpa=", "2:49: 'gpa=' needs a value" },
		{ "exit:memory_fault gpa 4G", "2:49: 'gpa=' needs a value" },
		{ "exit:memory_fault size=4K,8K",
		  "2:49: 'size' does not take a list" },
		/* each detail once; private and shared are one detail */
		{ "exit:memory_fault gpa=0 gpa=0",
		  "2:55: duplicate detail 'gpa'" },
		{ "exit:memory_fault size=4K private size=4K",
		  "2:65: duplicate detail 'size'" },
		{ "exit:memory_fault private private",
		  "2:57: duplicate detail 'private'" },
		{ "exit:memory_fault private shared",
		  "2:57: duplicate detail 'shared'" },
		/* details after any other outcome */
		{ "exit:mmio gpa=0",
		  "2:41: 'gpa=' is a detail of exit:memory_fault, not of exit:mmio" },
		{ "exit:exception private",
		  "2:46: 'private' is a detail of exit:memory_fault, not of exit:exception" },
		{ "EFAULT size=4K",
		  "2:38: 'size=' is a detail of exit:memory_fault, not of EFAULT" },
		{ "ok shared",
		  "2:34: 'shared' is a detail of exit:memory_fault, not of ok" },
		/* anything else after the outcome */
		{ "exit:memory_fault private ok",
		  "2:57: unknown detail 'ok' for exit:memory_fault (gpa=, size=, private or shared)" },
		{ "exit:memory_fault , private",
		  "2:49: unexpected ',' after the outcome" },
		{ "exit:memory_fault => ok",
		  "2:49: unexpected '=>' after the outcome" },
		{ "exit:mmio ok", "2:41: unexpected 'ok' after the outcome" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *text = g_strdup_printf(
			"vm.create a\nguest.read a gpa=0 private => %s\n",
			cases[i].outcome);
		char *msg = g_strconcat("t.gms:", cases[i].msg, NULL);

		expect_error(text, msg);
		g_free(text);
		g_free(msg);
	}
	/* a task's outcome takes them too, and is checked as strictly */
	expect_error("vm.create a\nspawn t guest.read a gpa=0\n"
		     "finish t => exit:memory_fault gpa=1 gpa=1\n",
		     "t.gms:3:37: duplicate detail 'gpa'");
}

/* The error domain by its name, as G_DEFINE_QUARK() spells it. */
/*
 * What a hostile text must not get: a message as long as its token, a
 * number that wraps; and what stays legal at the edges.
 */
static void test_hostile_text(void **state)
{
	gsize n = 1 << 20;
	char *line = g_malloc(n + 1);
	char *msg;
	struct gms_scenario *sc;
	const char *ok =
		"policy bind=unrestricted\n# a comment between\npolicy abi=6.18\n"
		"vm.create a\ngmem.create g vm=a size=4K\n"
		"gmem.allocate g offset=-9223372036854775808 len=4K => EINVAL\n"
		"spawn t gmem.close g\nstep t 1000\nfinish t\n";

	(void)state;
	memset(line, 'x', n);
	line[n] = '\0';
	msg = parse_error_len(line, n);
	assert_non_null(msg);
	assert_true(strlen(msg) < 120);
	assert_string_equal(
		msg,
		"t.gms:1:1: unknown op 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'");
	g_free(msg);
	g_free(line);
	/* s64's least, a task ended by steps then finished: accepted */
	sc = gms_scenario_parse("t.gms", ok, strlen(ok), NULL);
	assert_non_null(sc);
	gms_scenario_free(sc);
}

static void test_error_domain(void **state)
{
	GError *err = NULL;

	(void)state;
	assert_string_equal(g_quark_to_string(GMS_SCENARIO_ERROR),
			    "gms-scenario-error-quark");
	assert_null(gms_scenario_parse("t.gms", "vm.creat a\n", 11, &err));
	assert_true(g_error_matches(err, GMS_SCENARIO_ERROR, 0));
	g_error_free(err);
}

static void test_accepts(void **state)
{
	const char *text =
		"# summary line\n"
		"policy abi=6.18 bind=unrestricted\n"
		"vm.create a type=sw_protected # trailing comment\n"
		"gmem.create g vm=a size=2M flags=mmap\n"
		"gmem.create h vm=a size=0x1000 flags=0x1\n"
		"memslot.set a slot=1 gpa=4G size=2M gmem=g offset=-4096 => EINVAL\n"
		"guest.read a gpa=0 private => exit:memory_fault\n"
		"guest.read a gpa=0 => exit:mmio\n"
		"  \n"
		"check\n";
	GError *err = NULL;
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), &err);
	const struct gms_stmt *s;

	(void)state;
	assert_null(err);
	assert_non_null(sc);
	assert_string_equal(sc->summary, "summary line");
	assert_int_equal(sc->stmts->len, 8);
	s = sc->stmts->pdata[4];
	assert_int_equal(gms_stmt_num(s, "gpa", 0), 4ULL << 30);
	assert_int_equal(gms_stmt_num(s, "size", 0), 2ULL << 20);
	assert_int_equal(gms_stmt_num(s, "offset", 0), (u64)-4096);
	assert_int_equal(s->outcome.kind, GMS_OUT_ERRNO);
	assert_int_equal(s->outcome.err, EINVAL);
	assert_string_equal(
		s->text,
		"memslot.set a slot=1 gpa=4G size=2M gmem=g offset=-4096");
	s = sc->stmts->pdata[2];
	assert_int_equal(gms_stmt_num(s, "flags", 0), GUEST_MEMFD_FLAG_MMAP);
	s = sc->stmts->pdata[5];
	assert_true(gms_stmt_word(s, "private"));
	assert_int_equal(s->outcome.exit, GMS_EXIT_MEMORY_FAULT);
	assert_int_equal(((struct gms_stmt *)sc->stmts->pdata[6])->outcome.exit,
			 GMS_EXIT_MMIO);
	gms_scenario_free(sc);
}

/* exit:memory_fault's details, in any order; left out, none is checked */
static void test_memory_fault_details(void **state)
{
	const char *text =
		"vm.create a type=sw_protected\n"
		"guest.read a gpa=4G private => exit:memory_fault gpa=0x100000000 size=4096 private\n"
		"guest.read a gpa=4G shared => exit:memory_fault shared size=4K gpa=4G\n"
		"guest.read a gpa=0 => exit:memory_fault size=0\n"
		"guest.read a gpa=0 => exit:memory_fault\n"
		"spawn t guest.read a gpa=0\n"
		"finish t => exit:memory_fault gpa=0 # a comment\n";
	GError *err = NULL;
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), &err);
	const struct gms_outcome *o;

	(void)state;
	assert_null(err);
	assert_non_null(sc);
	assert_int_equal(sc->stmts->len, 7);
	o = &((struct gms_stmt *)sc->stmts->pdata[1])->outcome;
	assert_int_equal(o->kind, GMS_OUT_EXIT);
	assert_int_equal(o->exit, GMS_EXIT_MEMORY_FAULT);
	assert_true(o->has_gpa && o->has_size && o->has_private);
	assert_int_equal(o->gpa, 4ULL << 30);
	assert_int_equal(o->size, 4096);
	assert_true(o->is_private);
	assert_string_equal(((struct gms_stmt *)sc->stmts->pdata[1])->text,
			    "guest.read a gpa=4G private");
	o = &((struct gms_stmt *)sc->stmts->pdata[2])->outcome;
	assert_true(o->has_gpa && o->has_size && o->has_private);
	assert_int_equal(o->gpa, 4ULL << 30);
	assert_int_equal(o->size, 4096);
	assert_false(o->is_private);
	o = &((struct gms_stmt *)sc->stmts->pdata[3])->outcome;
	assert_true(!o->has_gpa && o->has_size && !o->has_private);
	assert_int_equal(o->size, 0);
	o = &((struct gms_stmt *)sc->stmts->pdata[4])->outcome;
	assert_true(!o->has_gpa && !o->has_size && !o->has_private);
	o = &((struct gms_stmt *)sc->stmts->pdata[6])->outcome;
	assert_int_equal(o->exit, GMS_EXIT_MEMORY_FAULT);
	assert_true(o->has_gpa && !o->has_size && !o->has_private);
	gms_scenario_free(sc);
}

static void test_numbers(void **state)
{
	const char *text = "vm.create a\n"
			   "memslot.set a slot=1 gpa=1K size=0x10M\n"
			   "memslot.set a slot=2 gpa=1T size=0\n";
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), NULL);

	(void)state;
	assert_non_null(sc);
	assert_int_equal(gms_stmt_num(sc->stmts->pdata[1], "gpa", 0), 1024);
	assert_int_equal(gms_stmt_num(sc->stmts->pdata[1], "size", 0),
			 16ULL << 20);
	assert_int_equal(gms_stmt_num(sc->stmts->pdata[2], "gpa", 0),
			 1ULL << 40);
	gms_scenario_free(sc);
}

/* Run @text; return its verdict, and the reason and step count of a failure. */
static enum gms_verdict verdict_of(const char *text, char **reason,
				   guint *steps)
{
	struct gms_policy base = { 0 };
	struct gms_scenario *sc =
		gms_scenario_parse("t", text, strlen(text), NULL);
	struct gms_run *run = gms_scenario_run(sc, &base);
	enum gms_verdict v = run->verdict;

	if (reason)
		*reason = g_strdup(run->reason);
	if (steps)
		*steps = run->steps->len;
	gms_run_free(run);
	gms_scenario_free(sc);
	return v;
}

/* outcomes are judged, and the run stops where it should */
/* issue 18: value:N, the predefined fds, the new ops' keys */
static void test_uapi_errors(void **state)
{
	(void)state;
	expect_error("kvm.check_extension cap=guest_memfd => value:x\n",
		     "t.gms:1:40: bad value 'x'");
	expect_error("kvm.check_extension cap=kvm\n",
		     "t.gms:1:21: unknown cap 'kvm'");
	expect_error("vm.create stdin\n", "t.gms:1:11: duplicate name 'stdin'");
	expect_error("host.memfd dev_kvm size=4K\n",
		     "t.gms:1:12: duplicate name 'dev_kvm'");
	expect_error("vm.create a\nvm.pre_fault a gpa=0\n",
		     "t.gms:2:1: vm.pre_fault: missing argument 'size='");
	expect_error("host.mmap_anon m size=4K\nhost.madvise m advice=free\n",
		     "t.gms:2:16: unknown advice 'free'");
	expect_error(
		"vm.create a\nmemslot.set a slot=0 gpa=0 size=4K ioctl=v3\n",
		"t.gms:2:36: unknown ioctl 'v3'");
}

/* value:N is compared as a number; fstat's and pre_fault's fields fail the step */
static void test_uapi_verdicts(void **state)
{
	char *reason;

	(void)state;
	assert_int_equal(
		verdict_of(
			"kvm.check_extension cap=guest_memfd_flags => value:0x3\n",
			NULL, NULL),
		GMS_PASS);
	assert_int_equal(
		verdict_of(
			"kvm.check_extension cap=guest_memfd_flags => value:7\n",
			&reason, NULL),
		GMS_FAIL);
	assert_string_equal(
		reason, "line 1: wrong outcome: expected value:7, got value:3");
	g_free(reason);
	/* a failed call has no value */
	assert_int_equal(
		verdict_of("kvm.check_extension cap=guest_memfd vm=stdin "
			   "=> value:0\n",
			   NULL, NULL),
		GMS_FAIL);
	assert_int_equal(verdict_of("vm.create a\ngmem.create g vm=a size=8K\n"
				    "gmem.fstat g size=4K\n",
				    &reason, NULL),
			 GMS_FAIL);
	assert_non_null(strstr(reason, "size=8192 (expected 4096)"));
	g_free(reason);
	assert_int_equal(
		verdict_of("vm.create a\nhost.mmap_anon m size=8K\n"
			   "memslot.set a slot=0 gpa=0 size=4K uaddr=m\n"
			   "vm.pre_fault a gpa=0 size=8K left=0\n",
			   &reason, NULL),
		GMS_FAIL);
	assert_non_null(strstr(reason, "left=4096 (expected 0)"));
	g_free(reason);
	/* a wrong errno is the difference, not the left= it leaves */
	assert_int_equal(verdict_of("vm.create a\nvm.pre_fault a gpa=0 size=4K "
				    "left=0\n",
				    &reason, NULL),
			 GMS_FAIL);
	assert_string_equal(reason,
			    "line 2: wrong outcome: expected ok, got ENOENT");
	g_free(reason);
	/* with the errno expected, left= is still compared */
	assert_int_equal(verdict_of("vm.create a\nvm.pre_fault a gpa=0 size=4K "
				    "left=0 => ENOENT\n",
				    &reason, NULL),
			 GMS_FAIL);
	assert_non_null(strstr(reason, "left=4096 (expected 0)"));
	g_free(reason);
	assert_int_equal(verdict_of("vm.create a\nvm.pre_fault a gpa=0 size=4K "
				    "left=4K => ENOENT\n",
				    NULL, NULL),
			 GMS_PASS);
}

static void test_runner_verdicts(void **state)
{
	char *reason;
	guint steps;

	(void)state;
	assert_int_equal(verdict_of("vm.create a\ngmem.create g vm=a size=4K\n"
				    "gmem.read g => EINVAL\n",
				    NULL, NULL),
			 GMS_PASS);
	assert_int_equal(verdict_of("vm.create a\ngmem.create g vm=a size=4K\n"
				    "gmem.read g => ESPIPE\nvm.close a\n",
				    &reason, &steps),
			 GMS_FAIL);
	assert_int_equal(steps, 3); /* stopped at the failure */
	assert_string_equal(
		reason, "line 3: wrong outcome: expected ESPIPE, got EINVAL");
	g_free(reason);
	/* an expected violation that does not happen fails */
	assert_int_equal(verdict_of("vm.create a\ncheck => violation:leak\n",
				    NULL, NULL),
			 GMS_FAIL);
	/* the VM is closed but the file is open: no leak check yet */
	assert_int_equal(
		verdict_of("vm.create a\ngmem.create g vm=a size=4K\n"
			   "gmem.allocate g offset=0 len=4K\nvm.close a\n",
			   NULL, NULL),
		GMS_PASS);
	assert_int_equal(
		verdict_of("vm.create a\ngmem.create g vm=a size=4K\n"
			   "gmem.allocate g offset=0 len=4K\nvm.close a\n"
			   "gmem.close g\n",
			   NULL, NULL),
		GMS_PASS);
	/* a read's value is checked against tag: and zero */
	assert_int_equal(verdict_of("host.mmap_anon m size=4K\n"
				    "host.read m offset=0 => tag:x\n",
				    NULL, NULL),
			 GMS_FAIL);
	assert_int_equal(verdict_of("host.mmap_anon m size=4K\n"
				    "host.write m offset=0 tag=x\n"
				    "host.read m offset=0 => tag:x\n"
				    "host.read m offset=0 => zero\n",
				    &reason, NULL),
			 GMS_FAIL);
	assert_string_equal(reason,
			    "line 4: wrong outcome: expected zero, got tag:x");
	g_free(reason);
	/* sigsegv is a host access's EFAULT, not a SIGBUS nor a success */
	assert_int_equal(verdict_of("host.mmap_anon m size=4K\n"
				    "host.read m offset=4K => sigsegv\n",
				    NULL, NULL),
			 GMS_PASS);
	assert_int_equal(verdict_of("host.mmap_anon m size=4K\n"
				    "host.read m offset=0 => sigsegv\n",
				    &reason, NULL),
			 GMS_FAIL);
	assert_string_equal(
		reason, "line 2: wrong outcome: expected sigsegv, got zero");
	g_free(reason);
	/* uffd: outcomes are the handler's event, under uffd= only */
	assert_int_equal(
		verdict_of(
			"policy uffd=missing\nvm.create a\n"
			"gmem.create g vm=a size=4K flags=mmap,init_shared\n"
			"gmem.mmap m gmem=g\nhost.uffd_register m mode=missing\n"
			"host.read m offset=0 => uffd:minor\n",
			&reason, NULL),
		GMS_FAIL);
	assert_string_equal(
		reason,
		"line 6: wrong outcome: expected uffd:minor, got uffd:missing");
	g_free(reason);
}

static int no_kvm(struct gms_target *t)
{
	(void)t;
	return 3;
}

/*
 * A kernel target runs a policy numa_nodes=N scenario only on a host with
 * at least N nodes; else the scenario is unsupported there, not failed.
 */
static void test_numa_nodes_gate(void **state)
{
	const char *text = "policy numa_nodes=2\n";
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), NULL);
	struct gms_world *w = gms_world_new();
	struct gms_target *t = gms_model_target_new(w);
	struct gms_target_ops ops = *t->ops;
	const struct gms_target_ops *own = t->ops;
	struct gms_run *run;

	(void)state;
	ops.open_kvm = no_kvm;
	t->ops = &ops;
	t->w = NULL; /* as the kernel: no world to take the knob */
	t->numa_nodes = 1;
	run = gms_scenario_run_target(sc, t);
	assert_int_equal(run->verdict, GMS_UNSUPPORTED);
	assert_non_null(strstr(run->reason, "numa_nodes=2"));
	gms_run_free(run);
	t->numa_nodes = 2;
	run = gms_scenario_run_target(sc, t);
	assert_int_equal(run->verdict, GMS_PASS);
	gms_run_free(run);
	t->ops = own;
	t->w = w;
	gms_target_destroy(t);
	gms_world_free(w);
	gms_scenario_free(sc);
}

/* exit:memory_fault's details are checked when given, each on its own */
static void test_memory_fault_verdicts(void **state)
{
	static const char *const pass[] = {
		"exit:memory_fault",
		"exit:memory_fault gpa=1M size=4K private",
		"exit:memory_fault private gpa=0x100000",
		"exit:memory_fault size=4096",
		"EFAULT",
	};
	static const char *const fail[] = {
		"exit:memory_fault gpa=0x101000",
		"exit:memory_fault size=2M",
		"exit:memory_fault shared",
		"exit:memory_fault gpa=1M size=4K shared",
		"exit:mmio",
	};
	char *reason;

	(void)state;
	for (int i = 0; i < 2 * 5; i++) {
		const char *o = i < 5 ? pass[i] : fail[i - 5];
		char *text = g_strdup_printf(
			"vm.create vm type=sw_protected\n"
			"gmem.create g vm=vm size=4K\n"
			"memslot.set vm slot=1 gpa=1M size=4K gmem=g\n"
			"guest.read vm gpa=0x100010 private => %s\n",
			o);

		if (verdict_of(text, NULL, NULL) !=
		    (i < 5 ? GMS_PASS : GMS_FAIL))
			fail_msg("=> %s: %s", o, i < 5 ? "failed" : "passed");
		g_free(text);
	}
	/* the failure shows every detail of the exit */
	assert_int_equal(
		verdict_of("vm.create vm type=sw_protected\n"
			   "attr.set vm gpa=1M size=4K private\n"
			   "guest.read vm gpa=1M shared => exit:memory_fault\n"
			   "guest.read vm gpa=1M => exit:memory_fault gpa=2M\n",
			   &reason, NULL),
		GMS_FAIL);
	assert_string_equal(
		reason,
		"line 4: wrong outcome: expected exit:memory_fault gpa=0x200000, got exit:memory_fault gpa=0x100000 size=0x1000 private (EFAULT)");
	g_free(reason);
	/* a task's exit keeps its details to the finish */
	assert_int_equal(
		verdict_of(
			"vm.create vm type=sw_protected\n"
			"spawn t guest.read vm gpa=0x1234 private\n"
			"finish t => exit:memory_fault gpa=0x1000 size=4K private\n",
			NULL, NULL),
		GMS_PASS);
	assert_int_equal(verdict_of("vm.create vm type=sw_protected\n"
				    "spawn t guest.read vm gpa=0x1234 private\n"
				    "finish t => exit:memory_fault shared\n",
				    NULL, NULL),
			 GMS_FAIL);
}

/* a "kernel" that is the model, but reports its memory faults a page further */
static const struct gms_target_ops *model_ops;

static int read_page_further(struct gms_target *t, int vm_fd, u64 gpa,
			     enum gms_access_kind kind, u64 *tag,
			     struct gms_vcpu_exit *exit)
{
	int r = model_ops->vcpu_read(t, vm_fd, gpa, kind, tag, exit);

	if (exit->reason == GMS_EXIT_MEMORY_FAULT)
		exit->gpa += 0x1000;
	return r;
}

/* --target diff compares exit:memory_fault's details, stated or not */
static void test_diff_memory_fault_details(void **state)
{
	const char *text = "vm.create vm type=sw_protected\n"
			   "gmem.create g vm=vm size=4K\n"
			   "memslot.set vm slot=1 gpa=1M size=4K gmem=g\n"
			   "guest.read vm gpa=1M private => exit:memory_fault\n"
			   "guest.write vm gpa=1M tag=x private => EFAULT\n";
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), NULL);
	struct gms_world *w = gms_world_new();
	struct gms_target *kernel = gms_model_target_new(w);
	struct gms_target_ops ops = *kernel->ops;
	struct gms_policy base = { 0 };
	const struct gms_diff_step *ds;
	struct gms_diff *d;

	(void)state;
	model_ops = kernel->ops;
	ops.vcpu_read = read_page_further;
	kernel->ops = &ops;
	kernel->abi = "7.2";
	d = gms_scenario_diff(sc, &base, kernel);
	assert_null(d->stopped);
	assert_int_equal(d->steps->len, 5);
	assert_int_equal(d->differ, 1);
	assert_int_equal(d->unexplained, 1);
	ds = &g_array_index(d->steps, struct gms_diff_step, 3);
	assert_string_equal(
		ds->model,
		"exit:memory_fault gpa=0x100000 size=0x1000 private (EFAULT)");
	assert_string_equal(
		ds->kernel,
		"exit:memory_fault gpa=0x101000 size=0x1000 private (EFAULT)");
	assert_null(ds->known);
	/* neither run failed: the scenario did not state the gpa */
	assert_int_equal(d->model->verdict, GMS_PASS);
	assert_int_equal(d->kernel->verdict, GMS_PASS);
	gms_diff_free(d);
	kernel->ops = model_ops;
	gms_target_destroy(kernel);
	gms_world_free(w);
	gms_scenario_free(sc);
}

/* a "kernel" without TDP and with fewer VM types than the model's host */
static int no_pre_fault(struct gms_target *t, int vm_fd,
			struct gms_pre_fault *range)
{
	(void)t;
	(void)vm_fd;
	(void)range;
	return -EOPNOTSUPP;
}

static s64 host_caps(struct gms_target *t, int fd, u64 cap)
{
	if (cap == GMS_CAP_VM_TYPES)
		return 1U << GMS_KVM_X86_DEFAULT_VM;
	return model_ops->check_extension(t, fd, cap);
}

/* each difference is explained only on a host with the matching quirk */
static void diff_uapi(unsigned int quirks, unsigned int unexplained)
{
	const char *text = "kvm.check_extension cap=vm_types\n"
			   "kvm.check_extension cap=guest_memfd_flags\n"
			   "vm.create vm\n"
			   "host.mmap_anon m size=4K\n"
			   "memslot.set vm slot=0 gpa=0 size=4K uaddr=m\n"
			   "vm.pre_fault vm gpa=0 size=4K\n";
	struct gms_scenario *sc =
		gms_scenario_parse("t.gms", text, strlen(text), NULL);
	struct gms_world *w = gms_world_new();
	struct gms_target *kernel = gms_model_target_new(w);
	struct gms_target_ops ops = *kernel->ops;
	struct gms_policy base = { 0 };
	struct gms_diff *d;

	model_ops = kernel->ops;
	ops.vcpu_pre_fault = no_pre_fault;
	ops.check_extension = host_caps;
	kernel->ops = &ops;
	kernel->abi = "7.2";
	kernel->quirks = quirks;
	d = gms_scenario_diff(sc, &base, kernel);
	assert_int_equal(d->differ, 2);
	assert_int_equal(d->unexplained, unexplained);
	assert_string_equal(
		g_array_index(d->steps, struct gms_diff_step, 0).kernel,
		"value:1");
	gms_diff_free(d);
	kernel->ops = model_ops;
	gms_target_destroy(kernel);
	gms_world_free(w);
	gms_scenario_free(sc);
}

static void test_diff_uapi_known(void **state)
{
	(void)state;
	diff_uapi(0, 2);
	diff_uapi(GMS_QUIRK_VM_TYPES, 1);
	diff_uapi(GMS_QUIRK_VM_TYPES | GMS_QUIRK_SHADOW_PAGING, 0);
}

/* gms_op_lookup() bisects: the table must stay sorted, every op findable */
static void test_op_table(void **state)
{
	size_t n;
	const struct gms_op_spec *ops = gms_ops(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_true(strcmp(ops[i - 1].verb, ops[i].verb) < 0);
		assert_ptr_equal(gms_op_lookup(ops[i].verb), &ops[i]);
		assert_true(ops[i].not_modelled || ops[i].exec);
	}
	assert_null(gms_op_lookup("vm.zzz"));
}

/*
 * Operands decode left to right whatever the compiler: the fuzzers (clang)
 * and `gmemsim fuzz-decode` (gcc here) must agree on every input.
 */
static void test_fuzz_decode_order(void **state)
{
	static const u8 in[] = { 0, 1, 0, 3, 0, 9, 1, 0, 3, 3, 0, 1, 0, 0 };
	static const u8 life[] = { 0, 2,  1, 0, 3, 0, 18, 0, 3, 2,
				   1, 19, 0, 0, 0, 2, 21, 0, 0 };
	char *text, *lc;

	(void)state;
	g_unsetenv("GMEMSIM_POLICY"); /* the upstream design's decoding */
	text = gms_fuzz_decode(in, sizeof(in));
	lc = gms_fuzz_decode_lifecycle(life, sizeof(life));
	assert_string_equal(
		text,
		"# decoded from a fuzzer input\n"
		"vm.create vm0\n"
		"gmem.create g0 vm=vm0 size=2M flags=0\n"
		"memslot.set vm0 slot=1 gpa=4G size=2M flags=guest_memfd gmem=g0 offset=0\n");
	assert_string_equal(lc, "# decoded from a fuzzer input\n"
				"vm.create vm0 type=snp\n"
				"gmem.create g0 vm=vm0 size=2M flags=0\n"
				"attr.set vm0 gpa=4G size=2M private\n"
				"spawn t0 gmem.punch g0 offset=0 len=16K\n"
				"step t0 2\n");
	g_free(text);
	g_free(lc);
	/* a task op with no task yet writes nothing, not even its newline */
	lc = gms_fuzz_decode_lifecycle(
		(const u8[]){ 0, 2, 23, 21, 25, 0, 17, 0, 0 }, 9);
	assert_string_equal(lc, "# decoded from a fuzzer input\n"
				"vm.create vm0 type=snp\n"
				"vm.finalize vm0\n"
				"vm.close vm0\n");
	g_free(lc);
}

/*
 * convert=in-place (GMEMSIM_POLICY, which the fuzzer and `gmemsim
 * fuzz-decode` read): gmem.convert in attr.set's place, host.pin and
 * host.unpin (of guest_memfd mappings), a pin released before its mapping
 * goes, whole-file mappings, pKVM files mapped, and a sw_protected file
 * either mapped or converted to shared. Under any other policy the same
 * bytes decode as they always have.
 */
static void test_fuzz_decode_in_place(void **state)
{
	static const u8 sw[] = { 0,  1, 1, 0, 0, 2,  2, 0, 0, 0, 1, 27, 0, 0,
				 18, 0, 0, 0, 1, 14, 0, 0, 2, 0, 0, 0,	1 };
	static const u8 pkvm[] = { 0, 4, 1, 0, 0, 2, 2, 0, 0, 0, 1 };
	static const u8 pins[] = { 0, 2, 3, 0, 1, 0, 0, 2, 3, 0, 27, 0, 1 };
	static const u8 to_shared[] = { 0, 1, 1, 0, 0, 1, 18, 0,
					0, 0, 1, 2, 0, 0, 0,  1 };
	char *text;

	(void)state;
	g_setenv("GMEMSIM_POLICY", "mutant=convert-no-zap,convert=in-place",
		 TRUE);
	text = gms_fuzz_decode_lifecycle(sw, sizeof(sw));
	assert_string_equal(
		text, "# decoded from a fuzzer input\n"
		      "vm.create vm0 type=sw_protected\n"
		      "gmem.create g0 vm=vm0 size=4K flags=mmap,init_shared\n"
		      "gmem.mmap m0 gmem=g0 offset=0 len=4K\n"
		      "host.pin m0 offset=0\n"
		      "gmem.convert g0 offset=0 len=4K to=private\n"
		      "host.unpin m0 offset=0\n"
		      "gmem.munmap m0\n"
		      "gmem.mmap m1 gmem=g0 offset=0 len=4K\n");
	g_free(text);
	text = gms_fuzz_decode_lifecycle(pkvm, sizeof(pkvm));
	assert_non_null(strstr(text, "gmem.mmap m0 gmem=g0"));
	g_free(text);
	text = gms_fuzz_decode_lifecycle(to_shared, sizeof(to_shared));
	assert_string_equal(text,
			    "# decoded from a fuzzer input\n"
			    "vm.create vm0 type=sw_protected\n"
			    "gmem.create g0 vm=vm0 size=4K flags=mmap\n"
			    "gmem.convert g0 offset=0 len=4K to=shared\n");
	g_free(text);
	/* op 3 maps a whole file once there is one; pins go to such mappings */
	text = gms_fuzz_decode_lifecycle(pins, sizeof(pins));
	assert_string_equal(
		text, "# decoded from a fuzzer input\n"
		      "vm.create vm0 type=snp\n"
		      "host.mmap_anon m0 size=4K\n"
		      "gmem.create g0 vm=vm0 size=4K flags=mmap,init_shared\n"
		      "gmem.mmap m1 gmem=g0\n"
		      "host.pin m1 offset=4K\n");
	g_free(text);
	g_setenv("GMEMSIM_POLICY", "convert=attributes", TRUE);
	text = gms_fuzz_decode_lifecycle(pkvm, sizeof(pkvm));
	assert_null(strstr(text, "gmem.mmap"));
	g_free(text);
	g_unsetenv("GMEMSIM_POLICY");
	text = gms_fuzz_decode_lifecycle(sw, sizeof(sw));
	assert_null(strstr(text, "gmem.convert"));
	assert_null(strstr(text, "host.pin"));
	g_free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_error_domain),
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_memory_fault_details),
		cmocka_unit_test(test_memory_fault_detail_errors),
		cmocka_unit_test(test_uapi_errors),
		cmocka_unit_test(test_uapi_verdicts),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_runner_verdicts),
		cmocka_unit_test(test_memory_fault_verdicts),
		cmocka_unit_test(test_diff_memory_fault_details),
		cmocka_unit_test(test_numa_nodes_gate),
		cmocka_unit_test(test_diff_uapi_known),
		cmocka_unit_test(test_op_table),
		cmocka_unit_test(test_fuzz_decode_order),
		cmocka_unit_test(test_fuzz_decode_in_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
