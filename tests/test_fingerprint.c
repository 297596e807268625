// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer's canonical form (src/check/state_form.c): what only
 * allocation history changes (ids, fd numbers, pfns, tag values) must not
 * tell two worlds apart; what a later operation can observe must.
 */
#include <string.h>

#include <gmemsim/scenario.h>
#include <gmemsim/state_form.h>
#include <gmemsim/task.h>

#include "helpers.h"

/* Run @text, which must pass; the caller frees both with run_free(). */
static struct gms_run *run_passing(const char *text, struct gms_scenario **sc)
{
	struct gms_policy none = { 0 };
	struct gms_run *run;

	*sc = gms_scenario_parse("t.gms", text, strlen(text), NULL);
	assert_non_null(*sc);
	run = gms_scenario_run(*sc, &none);
	assert_int_equal(run->verdict, GMS_PASS);
	return run;
}

static void run_free(struct gms_run *run, struct gms_scenario *sc)
{
	gms_run_free(run);
	gms_scenario_free(sc);
}

/* The form of the world @text leaves, as a hash. */
static u64 form_of(const char *text)
{
	struct gms_scenario *sc;
	struct gms_run *run = run_passing(text, &sc);
	struct gms_fp *fp = gms_fp_new();
	u64 h;

	gms_fp_begin(fp, run->w);
	h = gms_fp_finish(fp);
	gms_fp_free(fp);
	run_free(run, sc);
	return h;
}

#define VM_G "vm.create a\ngmem.create g vm=a size=8K flags=mmap,init_shared\n"
#define SLOT "memslot.set a slot=0 gpa=1M size=8K gmem=g\n"

static void test_allocation_order_is_not_state(void **state)
{
	(void)state;
	/* pfns swap with the order of allocation */
	assert_true(form_of(VM_G "gmem.allocate g offset=0 len=4K\n"
				 "gmem.allocate g offset=4K len=4K\n") ==
		    form_of(VM_G "gmem.allocate g offset=4K len=4K\n"
				 "gmem.allocate g offset=0 len=4K\n"));
	/* a VM that came and went leaves other ids and fd numbers only */
	assert_true(form_of("vm.create a\n") ==
		    form_of("vm.create b\nvm.close b\nvm.create a\n"));
	/* a tag is a name: which one was written does not matter */
	assert_true(form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n") ==
		    form_of(VM_G SLOT "guest.write a gpa=1M tag=y\n"));
	/* a fault between begin and get_pfn has sampled no page yet */
	assert_true(form_of(VM_G SLOT "gmem.allocate g offset=0 len=4K\n"
				      "gmem.allocate g offset=4K len=4K\n"
				      "spawn f guest.read a gpa=1M\n"
				      "step f\n") ==
		    form_of(VM_G SLOT "gmem.allocate g offset=4K len=4K\n"
				      "gmem.allocate g offset=0 len=4K\n"
				      "spawn f guest.read a gpa=1M\n"
				      "step f\n"));
}

static void test_observable_state_is_state(void **state)
{
	(void)state;
	/* content: written or zero */
	assert_false(form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n") ==
		     form_of(VM_G SLOT "guest.read a gpa=1M\n"));
	/* which page holds it */
	assert_false(form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n") ==
		     form_of(VM_G SLOT "guest.write a gpa=0x101000 tag=x\n"));
	/* the same tag twice is not two tags */
	assert_false(form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n"
				       "guest.write a gpa=0x101000 tag=x\n") ==
		     form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n"
				       "guest.write a gpa=0x101000 tag=y\n"));
	/* a freed page keeps its remnant on the free list */
	assert_false(form_of(VM_G SLOT "guest.write a gpa=1M tag=x\n"
				       "gmem.punch g offset=0 len=4K\n") ==
		     form_of(VM_G SLOT "guest.read a gpa=1M\n"
				       "gmem.punch g offset=0 len=4K\n"));
	/* a binding, an SPTE, a file reference */
	assert_false(form_of(VM_G) == form_of(VM_G SLOT));
	assert_false(form_of(VM_G SLOT) ==
		     form_of(VM_G SLOT "guest.read a gpa=1M\n"
				       "gmem.punch g offset=0 len=4K\n"));
	assert_false(form_of(VM_G) == form_of(VM_G "gmem.mmap m gmem=g\n"));
	/* a fault not yet begun: the address it will fault is all it has */
	assert_false(form_of(VM_G SLOT "spawn r guest.read a gpa=1M\n") ==
		     form_of(VM_G SLOT "spawn r guest.read a gpa=0x101000\n"));
	/* which mapping pins a page two map: the unpin must name it */
	assert_false(
		form_of(VM_G "gmem.mmap m gmem=g\ngmem.mmap n gmem=g\n"
			     "host.write m offset=0 tag=x\n"
			     "host.read n offset=0\nhost.pin m offset=0\n") ==
		form_of(VM_G "gmem.mmap m gmem=g\ngmem.mmap n gmem=g\n"
			     "host.write m offset=0 tag=x\n"
			     "host.read n offset=0\nhost.pin n offset=0\n"));
	/* which VM a spawned delete names, before it has looked it up */
	assert_false(form_of("vm.create a\nvm.create b\n"
			     "host.mmap_anon m size=4K\n"
			     "memslot.set a slot=0 gpa=0 size=4K uaddr=m\n"
			     "spawn d memslot.delete a slot=0\n") ==
		     form_of("vm.create a\nvm.create b\n"
			     "host.mmap_anon m size=4K\n"
			     "memslot.set a slot=0 gpa=0 size=4K uaddr=m\n"
			     "spawn d memslot.delete b slot=0\n"));
	/* which inode a linked file shares: the sizes a later op sees */
	assert_false(
		form_of("policy link=allowed\nvm.create a\nvm.create b\n"
			"gmem.create g vm=a size=8K\n"
			"gmem.create h vm=a size=16K\ngmem.link l from=g vm=b\n") ==
		form_of("policy link=allowed\nvm.create a\nvm.create b\n"
			"gmem.create g vm=a size=8K\n"
			"gmem.create h vm=a size=16K\ngmem.link l from=h vm=b\n"));
	/*
	 * what a fault in flight sampled (private or shared) when the
	 * attributes have changed since, with the same number of
	 * invalidations after its begin in both: its get_pfn goes by it
	 */
	assert_false(form_of("vm.create a type=sw_protected\n"
			     "gmem.create g vm=a size=8K\n" SLOT
			     "gmem.punch g offset=4K len=4K\n"
			     "spawn f guest.read a gpa=1M\nstep f\n"
			     "attr.set a gpa=1M size=4K private\n") ==
		     form_of("vm.create a type=sw_protected\n"
			     "gmem.create g vm=a size=8K\n" SLOT
			     "attr.set a gpa=1M size=4K private\n"
			     "spawn f guest.read a gpa=1M\nstep f\n"
			     "gmem.punch g offset=4K len=4K\n"));
	/* the file's flags: only one of the two can be mapped later */
	assert_false(form_of("vm.create a\ngmem.create g vm=a size=8K\n") ==
		     form_of("vm.create a\ngmem.create g vm=a size=8K "
			     "flags=mmap\n"));
	/* which part of the file a mapping of the same size shows */
	assert_false(form_of(VM_G "gmem.mmap m gmem=g len=4K\n") ==
		     form_of(VM_G "gmem.mmap m gmem=g offset=4K len=4K\n"));
	/* where a slot sits in guest physical memory, and how big it is */
	assert_false(
		form_of(VM_G SLOT) ==
		form_of(VM_G "memslot.set a slot=0 gpa=2M size=8K gmem=g\n"));
	assert_false(
		form_of(VM_G SLOT) ==
		form_of(VM_G "memslot.set a slot=0 gpa=1M size=4K gmem=g\n"));
	/* an init_shared file converted to private is not one never converted */
	assert_false(form_of("policy convert=in-place-zero\n" VM_G) ==
		     form_of("policy convert=in-place-zero\n" VM_G
			     "gmem.convert g offset=0 len=8K to=private\n"));
	/*
	 * what a task in flight was asked: KVM_SET_MEMORY_ATTRIBUTES with
	 * flags is EINVAL when it runs (kvm_vm_ioctl_set_mem_attributes())
	 */
	assert_false(
		form_of(VM_G SLOT
			"spawn t attr.set a gpa=1M size=4K private\n") ==
		form_of(VM_G SLOT
			"spawn t attr.set a gpa=1M size=4K private flags=1\n"));
	/* how much a task in flight will change: 4K or 8K made private */
	assert_false(form_of(VM_G SLOT
			     "spawn t attr.set a gpa=1M size=4K private\n") ==
		     form_of(VM_G SLOT
			     "spawn t attr.set a gpa=1M size=8K private\n"));
	/* which page a punch in flight will free: the first or the second */
	assert_false(
		form_of(VM_G SLOT "spawn t gmem.punch g offset=0 len=4K\n") ==
		form_of(VM_G SLOT "spawn t gmem.punch g offset=4K len=4K\n"));
	/* a task in flight, and how far it got */
	assert_false(
		form_of(VM_G SLOT "spawn t gmem.punch g offset=0 len=4K\n") ==
		form_of(VM_G SLOT "spawn t gmem.punch g offset=0 len=4K\n"
				  "step t\n"));
}

/*
 * A finished task is its result until `finish` reports it (task_result()):
 * two worlds alike but for what a finished task returned, or read, are two
 * states, since a later `finish` tells them apart.
 */
static void test_finished_task_result_is_state(void **state)
{
	(void)state;
	/* the errno: a punch that ran against one refused at its alignment */
	assert_false(form_of(VM_G "gmem.punch g offset=0 len=4K\n"
				  "spawn t gmem.punch g offset=0 len=4K\n"
				  "step t 3\n") ==
		     form_of(VM_G "gmem.punch g offset=0 len=4K\n"
				  "spawn t gmem.punch g offset=4K len=1\n"
				  "step t\n"));
	/* the value read: zero before the write, the write's tag after it */
	assert_false(form_of(VM_G SLOT "guest.read a gpa=1M\n"
				       "spawn r guest.read a gpa=1M\n"
				       "step r 4\n"
				       "guest.write a gpa=1M tag=x\n") ==
		     form_of(VM_G SLOT "guest.read a gpa=1M\n"
				       "guest.write a gpa=1M tag=x\n"
				       "spawn r guest.read a gpa=1M\n"
				       "step r 4\n"));
	/* the same result by either path is one state */
	assert_true(form_of(VM_G SLOT "spawn r guest.read a gpa=1M\n"
				      "step r 4\n"
				      "guest.write a gpa=0x101000 tag=x\n") ==
		    form_of(VM_G SLOT "guest.write a gpa=0x101000 tag=x\n"
				      "spawn r guest.read a gpa=1M\n"
				      "step r 4\n"));
}

/* The form of @w as it is now; how many values it has in @n, if asked. */
static u64 form_now(struct gms_world *w, u64 *n)
{
	struct gms_fp *fp = gms_fp_new();
	u64 h;

	gms_fp_begin(fp, w);
	h = gms_fp_finish(fp);
	if (n)
		*n = fp->n;
	gms_fp_free(fp);
	return h;
}

static gboolean first_spte(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	*(struct gms_spte **)data = value;
	return TRUE;
}

/* The first SPTE of the first VM of @run's world: a mapped page to edit. */
static struct gms_spte *first_spte_of(struct gms_run *run)
{
	struct gms_kvm *kvm = run->w->vms->data;
	struct gms_spte *s = NULL;

	g_tree_foreach(kvm->sptes, first_spte, &s);
	assert_non_null(s);
	return s;
}

/*
 * An SPTE's target is state of its own: a stale SPTE (what the stale-mapping
 * mutants leave) keeps pointing where its slot no longer says, so a form
 * that derived it from the gfn would merge a world whose guest still reads
 * the old page with one where it does not.
 */
static void test_spte_target_is_state(void **state)
{
	const char *text = VM_G SLOT "guest.read a gpa=1M\n"
				     "host.mmap_anon h size=8K\n"
				     "memslot.set a slot=1 gpa=2M size=8K "
				     "uaddr=h\n"
				     "guest.read a gpa=2M\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_kvm *kvm;
	struct gms_spte *s = NULL, *h = NULL;
	u64 before;
	u64 gfn = (2 << 20) >> GMS_PAGE_SHIFT;

	(void)state;
	run = run_passing(text, &sc);
	kvm = run->w->vms->data;
	s = first_spte_of(run);
	assert_int_equal(s->source, GMS_SPTE_GMEM);
	h = g_tree_lookup(kvm->sptes, &gfn);
	assert_non_null(h);
	assert_int_not_equal(h->source, GMS_SPTE_GMEM);
	before = form_now(run->w, NULL);
	/* a guest_memfd SPTE: which index of its file it maps */
	s->index++;
	assert_true(form_now(run->w, NULL) != before);
	s->index--;
	assert_true(form_now(run->w, NULL) == before);
	/* a host-memory SPTE: which address of the host mapping */
	h->hva += GMS_PAGE_SIZE;
	assert_true(form_now(run->w, NULL) != before);
	h->hva -= GMS_PAGE_SIZE;
	run_free(run, sc);
}

/*
 * Each part of what `finish` reports is state of its own: a read with no
 * memslot behind it exits to userspace as MMIO, and another exit, address,
 * flag, size, errno or value read would be another outcome.
 */
static void test_finished_task_exit_is_state(void **state)
{
	const char *text = VM_G SLOT "spawn r guest.read a gpa=4M\n"
				     "finish r => exit:mmio\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_task *t;
	u64 before;

	(void)state;
	run = run_passing(text, &sc);
	t = run->w->tasks->pdata[0];
	assert_true(t->done);
	assert_int_equal(t->exit.reason, GMS_EXIT_MMIO);
	before = form_now(run->w, NULL);
	t->exit.reason = GMS_EXIT_EXCEPTION;
	assert_true(form_now(run->w, NULL) != before);
	t->exit.reason = GMS_EXIT_MMIO;
	t->exit.flags = KVM_MEMORY_EXIT_FLAG_PRIVATE;
	assert_true(form_now(run->w, NULL) != before);
	t->exit.flags = 0;
	t->exit.gpa += GMS_PAGE_SIZE;
	assert_true(form_now(run->w, NULL) != before);
	t->exit.gpa -= GMS_PAGE_SIZE;
	t->exit.size = GMS_PAGE_SIZE;
	assert_true(form_now(run->w, NULL) != before);
	t->exit.size = sizeof(u64);
	t->ret = -EFAULT;
	assert_true(form_now(run->w, NULL) != before);
	t->ret = 0;
	t->has_offset = true;
	assert_true(form_now(run->w, NULL) != before);
	t->has_offset = false;
	assert_true(form_now(run->w, NULL) == before);
	run_free(run, sc);
}

/*
 * A page no object reaches (what a missing put leaves) is still allocated:
 * the leak check once every fd is closed reads the count, and so does the
 * next allocation's ENOMEM at the memory limit. A form without it would
 * merge a world that leaked a page with one that did not, and the search
 * could drop the only path to the leak.
 */
static void test_unreached_page_is_state(void **state)
{
	const char *text = VM_G SLOT "guest.write a gpa=1M tag=x\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	u64 before, pfn;

	(void)state;
	run = run_passing(text, &sc);
	before = form_now(run->w, NULL);
	assert_int_equal(
		gms_physmem_alloc(&run->w->physmem, GMS_PAGE_ANON, &pfn), 0);
	assert_true(form_now(run->w, NULL) != before);
	run_free(run, sc);
}

/*
 * A reference count is state even where no object the form reaches holds
 * the reference (what a missing fput() or iput() leaves): the last close
 * then frees nothing, and the leak check at the end reports the file or
 * inode still alive. A form without the counts would merge a world that
 * leaked a reference with one that did not. A freed inode something still
 * names (a stale SPTE) is not a live one either: use-after-free reads it.
 */
static void test_reference_counts_are_state(void **state)
{
	const char *text = VM_G SLOT "guest.write a gpa=1M tag=x\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_spte *s = NULL;
	struct gms_gmem_inode *inode;
	struct gms_gmem_file *f;
	u64 before;

	(void)state;
	run = run_passing(text, &sc);
	s = first_spte_of(run);
	assert_int_equal(s->source, GMS_SPTE_GMEM);
	inode = s->inode;
	assert_int_equal(g_list_length(inode->files), 1);
	f = inode->files->data;
	before = form_now(run->w, NULL);
	f->f_count++;
	assert_true(form_now(run->w, NULL) != before);
	f->f_count--;
	inode->i_count++;
	assert_true(form_now(run->w, NULL) != before);
	inode->i_count--;
	inode->freed = true;
	assert_true(form_now(run->w, NULL) != before);
	inode->freed = false;
	assert_true(form_now(run->w, NULL) == before);
	run_free(run, sc);
}

static gboolean first_vma(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	*(struct gms_vma **)data = value;
	return TRUE;
}

/*
 * An object's own fields are state: a file's size decides which offsets
 * fallocate() and a fault accept, a mapping's length which addresses fault
 * at all and its protection whether a write does, and an RMP entry's
 * Validated and VMSA bits are two answers (PVALIDATE's, VMRUN's), not one.
 */
static void test_object_fields_are_state(void **state)
{
	const char *text = VM_G SLOT "gmem.mmap m gmem=g len=4K\n"
				     "guest.write a gpa=1M tag=x\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_spte *s = NULL;
	struct gms_gmem_inode *inode;
	struct gms_vma *vma = NULL;
	struct gms_rmp_entry e = { .assigned = true };
	u64 before, validated;

	(void)state;
	run = run_passing(text, &sc);
	s = first_spte_of(run);
	inode = s->inode;
	before = form_now(run->w, NULL);
	inode->size += GMS_PAGE_SIZE;
	assert_true(form_now(run->w, NULL) != before);
	inode->size -= GMS_PAGE_SIZE;
	g_tree_foreach(run->w->mm.vmas, first_vma, &vma);
	assert_non_null(vma);
	vma->end += GMS_PAGE_SIZE;
	assert_true(form_now(run->w, NULL) != before);
	vma->end -= GMS_PAGE_SIZE;
	vma->prot ^= GMS_PROT_WRITE;
	assert_true(form_now(run->w, NULL) != before);
	vma->prot ^= GMS_PROT_WRITE;
	assert_true(form_now(run->w, NULL) == before);
	/* one bit each: validated and not a VMSA, or a VMSA not validated */
	e.validated = true;
	g_hash_table_insert(gms_hw_table(&run->w->hw.rmp.entries, g_free),
			    GSIZE_TO_POINTER(s->pfn), g_memdup2(&e, sizeof(e)));
	validated = form_now(run->w, NULL);
	e.validated = false;
	e.vmsa = true;
	g_hash_table_insert(run->w->hw.rmp.entries, GSIZE_TO_POINTER(s->pfn),
			    g_memdup2(&e, sizeof(e)));
	assert_true(form_now(run->w, NULL) != validated);
	g_hash_table_remove(run->w->hw.rmp.entries, GSIZE_TO_POINTER(s->pfn));
	assert_true(form_now(run->w, NULL) == before);
	run_free(run, sc);
}

/*
 * Which lock a task holds across its steps is state: slots_lock and mmu_lock
 * of one VM block different operations (a fault waits for mmu_lock, a second
 * memslot change for slots_lock), so a task that held one is not a task that
 * held the other, even on the same object.
 */
static void test_held_lock_class_is_state(void **state)
{
	const char *text = VM_G SLOT "spawn d memslot.delete a slot=0\n"
				     "step d\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_task *t;
	struct gms_lock_held *h;
	struct gms_lock *l;
	struct gms_kvm *kvm;
	u64 before;

	(void)state;
	run = run_passing(text, &sc);
	t = run->w->tasks->pdata[0];
	assert_int_equal(t->lock.held->len, 1);
	assert_int_equal(run->w->lockdep.locks->len, 1);
	h = &g_array_index(t->lock.held, struct gms_lock_held, 0);
	l = &g_array_index(run->w->lockdep.locks, struct gms_lock, 0);
	assert_int_equal(h->class, GMS_LOCK_SLOTS);
	before = form_now(run->w, NULL);
	h->class = l->class = GMS_LOCK_MMU;
	assert_true(form_now(run->w, NULL) != before);
	h->class = l->class = GMS_LOCK_SLOTS;
	/* an invalidation in progress makes a fault retry: state too */
	kvm = run->w->vms->data;
	kvm->mmu_invalidate_in_progress++;
	assert_true(form_now(run->w, NULL) != before);
	kvm->mmu_invalidate_in_progress--;
	assert_true(form_now(run->w, NULL) == before);
	run_free(run, sc);
}

/*
 * Who wrote a page is state (the confidentiality check asks whether a VM
 * wrote a tagged page), and it is one value whoever it was: the host is the
 * value 0 where a VM is its rank. A field that emitted nothing for the host
 * would let the next field's values slide into its place, and the form would
 * no longer be a sequence of fields that equal hashes prove equal.
 */
static void test_principal_is_one_value(void **state)
{
	const char *text = VM_G SLOT "guest.write a gpa=1M tag=x\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_kvm *kvm;
	struct gms_spte *s = NULL;
	struct gms_page *p;
	u64 guest, host, n_guest, n_host;

	(void)state;
	run = run_passing(text, &sc);
	kvm = run->w->vms->data;
	s = first_spte_of(run);
	p = gms_physmem_page(&run->w->physmem, s->pfn);
	assert_int_equal(p->writer, kvm->id);
	guest = form_now(run->w, &n_guest);
	p->writer = GMS_PRINCIPAL_HOST;
	host = form_now(run->w, &n_host);
	assert_true(host != guest);
	assert_int_equal(n_host, n_guest);
	p->writer = kvm->id;
	/* a page's flags are each their own: private data is not measured */
	assert_false(p->private_data || p->measured);
	p->private_data = true;
	host = form_now(run->w, NULL);
	p->private_data = false;
	p->measured = true;
	assert_true(form_now(run->w, NULL) != host);
	p->measured = false;
	assert_true(form_now(run->w, NULL) == guest);
	run_free(run, sc);
}

/*
 * A page the TDX module left to flush or clear (TDH.PHYMEM.PAGE.WBINVD,
 * MOVDIR64B before reuse) is not a clean page: the next TD that takes it
 * reads the old key's lines, so the marks are state.
 */
static void test_tdx_page_marks_are_state(void **state)
{
	const char *text = VM_G SLOT "guest.write a gpa=1M tag=x\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_spte *s = NULL;
	u64 before, clean;

	(void)state;
	run = run_passing(text, &sc);
	s = first_spte_of(run);
	clean = form_now(run->w, NULL);
	g_hash_table_insert(gms_hw_table(&run->w->hw.tdx.dirty, NULL),
			    GSIZE_TO_POINTER(s->pfn),
			    GUINT_TO_POINTER(GMS_TDX_NEEDS_WBINVD |
					     GMS_TDX_NEEDS_CLEAR));
	before = form_now(run->w, NULL);
	assert_true(before != clean);
	/* flushed, not yet cleared: another state again */
	g_hash_table_insert(run->w->hw.tdx.dirty, GSIZE_TO_POINTER(s->pfn),
			    GUINT_TO_POINTER(GMS_TDX_NEEDS_CLEAR));
	assert_true(form_now(run->w, NULL) != before);
	g_hash_table_remove(run->w->hw.tdx.dirty, GSIZE_TO_POINTER(s->pfn));
	assert_true(form_now(run->w, NULL) == clean);
	/*
	 * a key flushed by TDH.MNG.VPFLUSHDONE and still waiting for
	 * TDH.PHYMEM.CACHE.WB is not one already written back: the next
	 * CACHE.WB succeeds on the first, finds no HKID ready on the second
	 */
	run->w->hw.tdx.kot[1] = KOT_FLUSHED;
	before = form_now(run->w, NULL);
	run->w->hw.tdx.wbinvd_pending[1] = true;
	assert_true(form_now(run->w, NULL) != before);
	assert_int_equal(tdh_phymem_cache_wb(&run->w->hw.tdx), TDX_SUCCESS);
	assert_true(form_now(run->w, NULL) == before);
	run->w->hw.tdx.kot[1] = KOT_FREE;
	assert_true(form_now(run->w, NULL) == clean);
	run_free(run, sc);
}

/*
 * The last HKID is a key like the first: its KOT state and its pending
 * write-back decide TDH.MNG.KEY.FREEID's and TDH.PHYMEM.CACHE.WB's answers
 * as any other's do (the arrays' last entries end off a word's boundary).
 */
static void test_last_hkid_is_state(void **state)
{
	struct gms_scenario *sc;
	struct gms_run *run = run_passing(VM_G, &sc);
	struct gms_tdx *tdx = &run->w->hw.tdx;
	u64 clean, flushed;

	(void)state;
	clean = form_now(run->w, NULL);
	tdx->kot[GMS_TDX_MAX_HKID] = KOT_FLUSHED;
	flushed = form_now(run->w, NULL);
	assert_true(flushed != clean);
	tdx->wbinvd_pending[GMS_TDX_MAX_HKID] = true;
	assert_true(form_now(run->w, NULL) != flushed);
	assert_int_equal(tdh_phymem_cache_wb(tdx), TDX_SUCCESS);
	assert_true(form_now(run->w, NULL) == flushed);
	tdx->kot[GMS_TDX_MAX_HKID] = KOT_FREE;
	assert_true(form_now(run->w, NULL) == clean);
	run_free(run, sc);
}

static gboolean any_value(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	(void)value;
	(void)data;
	return TRUE;
}

/*
 * Where the hypervisor's stage-2 of a pKVM guest points is state: the hyp
 * keeps a guest's entries after KVM's own mapping is zapped (the pages stay
 * donated until reclaimed), so two guests whose stage-2 maps two pages the
 * other way round read each other's data, and must be two forms.
 */
static void test_pkvm_stage2_target_is_state(void **state)
{
	const char *text = "vm.create p type=pkvm\n"
			   "gmem.create g vm=p size=8K flags=mmap,init_shared\n"
			   "memslot.set p slot=0 gpa=0 size=8K gmem=g\n"
			   "attr.set p gpa=0 size=8K private\n"
			   "guest.write p gpa=0 tag=a\n"
			   "guest.write p gpa=4K tag=b\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_pkvm_vm *vm;
	struct gms_guest_pte *e0, *e1;
	struct gms_hyp_page *hyp;
	u64 before, pfn;

	(void)state;
	run = run_passing(text, &sc);
	assert_int_equal(g_hash_table_size(run->w->hw.pkvm.vms), 1);
	vm = g_hash_table_find(run->w->hw.pkvm.vms, any_value, NULL);
	e0 = g_hash_table_lookup(vm->s2, GSIZE_TO_POINTER(0));
	e1 = g_hash_table_lookup(vm->s2, GSIZE_TO_POINTER(1));
	assert_non_null(e0);
	assert_non_null(e1);
	assert_int_not_equal(e0->pfn, e1->pfn);
	before = form_now(run->w, NULL);
	pfn = e0->pfn;
	e0->pfn = e1->pfn;
	e1->pfn = pfn;
	assert_true(form_now(run->w, NULL) != before);
	e1->pfn = e0->pfn;
	e0->pfn = pfn;
	assert_true(form_now(run->w, NULL) == before);
	/*
	 * and how the guest holds it: a page it shares back with the host
	 * (SHARED_OWNED) is one the host may map, an owned one is not
	 */
	assert_int_equal(e0->state, PKVM_PAGE_OWNED);
	e0->state = PKVM_PAGE_SHARED_OWNED;
	assert_true(form_now(run->w, NULL) != before);
	e0->state = PKVM_PAGE_OWNED;
	/* and which VM the host stage-2 says a donated page went to */
	hyp = g_hash_table_lookup(run->w->hw.pkvm.pages,
				  GSIZE_TO_POINTER(e0->pfn));
	assert_non_null(hyp);
	assert_int_equal(hyp->handle, vm->handle);
	hyp->handle++;
	assert_true(form_now(run->w, NULL) != before);
	hyp->handle--;
	/* and the hyp's own view of it, and whom the host says it went to */
	hyp->hyp_state ^= 1;
	assert_true(form_now(run->w, NULL) != before);
	hyp->hyp_state ^= 1;
	hyp->owner ^= 1;
	assert_true(form_now(run->w, NULL) != before);
	hyp->owner ^= 1;
	assert_true(form_now(run->w, NULL) == before);
	run_free(run, sc);
}

/*
 * Where a TD's S-EPT maps a page is state: after a failed zap the module
 * keeps leaves KVM no longer mirrors, so the gpa of a leaf is not fixed by
 * KVM's SPTEs, and two TDs whose leaves sit at different gpas differ.
 */
static void test_tdx_sept_gpa_is_state(void **state)
{
	const char *text = "vm.create td type=tdx\n"
			   "gmem.create g vm=td size=16K\n"
			   "memslot.set td slot=0 gpa=0 size=16K gmem=g\n"
			   "attr.set td gpa=0 size=16K private\n"
			   "gmem.populate g offset=0 tag=fw\n";
	struct gms_scenario *sc;
	struct gms_run *run;
	struct gms_td *td;
	struct gms_sept_entry *e;
	struct gms_pamt_entry *pamt;
	u64 before;

	(void)state;
	run = run_passing(text, &sc);
	assert_int_equal(g_hash_table_size(run->w->hw.tdx.tds), 1);
	td = g_hash_table_find(run->w->hw.tdx.tds, any_value, NULL);
	assert_int_equal(g_hash_table_size(td->sept), 1);
	before = form_now(run->w, NULL);
	assert_true(g_hash_table_steal_extended(td->sept, GSIZE_TO_POINTER(0),
						NULL, (gpointer *)&e));
	g_hash_table_insert(td->sept, GSIZE_TO_POINTER(2), e);
	assert_true(form_now(run->w, NULL) != before);
	assert_true(g_hash_table_steal_extended(td->sept, GSIZE_TO_POINTER(2),
						NULL, (gpointer *)&e));
	g_hash_table_insert(td->sept, GSIZE_TO_POINTER(0), e);
	assert_true(form_now(run->w, NULL) == before);
	/*
	 * and what the leaf is: a blocked leaf (TDH.MEM.RANGE.BLOCK) faults
	 * the guest until it is unblocked or removed, a mapped one does not
	 */
	assert_int_equal(e->state, SEPT_MAPPED);
	e->state = SEPT_BLOCKED;
	assert_true(form_now(run->w, NULL) != before);
	e->state = SEPT_MAPPED;
	/* and which TD the PAMT gives the page to */
	pamt = g_hash_table_lookup(run->w->hw.tdx.pamt,
				   GSIZE_TO_POINTER(e->hpa_pfn));
	assert_non_null(pamt);
	assert_int_equal(pamt->pt, PT_REG);
	pamt->owner++;
	assert_true(form_now(run->w, NULL) != before);
	pamt->owner--;
	run_free(run, sc);
}

/* The hash of @n values emitted before the rest of an empty world. */
static u64 hash_of(struct gms_world *w, const u64 *v, int n)
{
	struct gms_fp *fp = gms_fp_new();
	u64 h;

	gms_fp_begin(fp, w);
	for (int i = 0; i < n; i++)
		gms_fp_u64(fp, v[i]);
	h = gms_fp_finish(fp);
	gms_fp_free(fp);
	return h;
}

static void test_form_is_a_sequence(void **state)
{
	struct gms_world *w = gms_world_new();
	const u64 a[] = { 1, 2 }, b[] = { 2, 1 }, zeros[] = { 0, 0 };
	const u64 big[] = { 1ULL << 63 }, small[] = { 1 };

	(void)state;
	/* the same values give the same hash: forms are compared by it */
	assert_true(hash_of(w, a, 2) == hash_of(w, a, 2));
	/* order counts: a name's rank is where it sits in the form */
	assert_true(hash_of(w, a, 2) != hash_of(w, b, 2));
	/* so does length: no value is padding */
	assert_true(hash_of(w, zeros, 1) != hash_of(w, zeros, 2));
	assert_true(hash_of(w, zeros, 0) != hash_of(w, zeros, 1));
	/* and every bit of a value */
	assert_true(hash_of(w, big, 1) != hash_of(w, small, 1));
	gms_world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocation_order_is_not_state),
		cmocka_unit_test(test_observable_state_is_state),
		cmocka_unit_test(test_form_is_a_sequence),
		cmocka_unit_test(test_spte_target_is_state),
		cmocka_unit_test(test_finished_task_result_is_state),
		cmocka_unit_test(test_finished_task_exit_is_state),
		cmocka_unit_test(test_principal_is_one_value),
		cmocka_unit_test(test_pkvm_stage2_target_is_state),
		cmocka_unit_test(test_tdx_page_marks_are_state),
		cmocka_unit_test(test_last_hkid_is_state),
		cmocka_unit_test(test_tdx_sept_gpa_is_state),
		cmocka_unit_test(test_unreached_page_is_state),
		cmocka_unit_test(test_held_lock_class_is_state),
		cmocka_unit_test(test_reference_counts_are_state),
		cmocka_unit_test(test_object_fields_are_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
