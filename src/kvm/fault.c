// SPDX-License-Identifier: GPL-2.0
/*
 * The vCPU fault path for a guest load or store (arch/x86/kvm/mmu/mmu.c:
 * kvm_mmu_page_fault -> kvm_tdp_page_fault -> kvm_mmu_faultin_pfn -> map).
 */
#include <gmemsim/fingerprint.h>
#include <gmemsim/task.h>
#include <gmemsim/uapi.h>

struct kvm_page_fault {
	u64 addr; /* the access's gpa */
	u64 gfn;
	bool is_private;
	struct gms_memslot *slot;
	u64 mmu_seq;
	int max_order; /* kvm_gmem_get_pfn()'s: the folio's order */
	struct gms_spte spte; /* what the fault will install (at its gfn) */
};

/* mirrors: kvm_mmu_prepare_memory_fault_exit() */
static int memory_fault_exit(struct kvm_page_fault *fault,
			     struct gms_vcpu_exit *exit, int r)
{
	exit->reason = GMS_EXIT_MEMORY_FAULT;
	exit->flags = fault->is_private ? KVM_MEMORY_EXIT_FLAG_PRIVATE : 0;
	exit->gpa = fault->gfn << GMS_PAGE_SHIFT;
	exit->size = GMS_PAGE_SIZE;
	return r;
}

/* mirrors: kvm_mmu_faultin_pfn_gmem() */
static int faultin_pfn_gmem(struct gms_world *w, struct gms_lock_ctx *ctx,
			    struct gms_kvm *kvm, struct kvm_page_fault *fault,
			    struct gms_vcpu_exit *exit)
{
	struct gms_memslot *slot = fault->slot;
	int r;

	if (!gms_kvm_slot_has_gmem(slot))
		return memory_fault_exit(fault, exit, -EFAULT);
	r = gms_gmem_get_pfn_order(w, ctx, kvm, slot, fault->gfn,
				   &fault->spte.pfn, &fault->max_order);
	if (r == -GMS_EBLOCKED)
		return r; /* waits for the invalidate lock: no exit */
	if (r)
		return memory_fault_exit(fault, exit, r);
	fault->spte.source = GMS_SPTE_GMEM;
	fault->spte.inode = slot->gmem.file->inode;
	fault->spte.index = gms_gmem_get_index(slot, fault->gfn);
	return 0;
}

/*
 * mirrors: __kvm_faultin_pfn() for a shared fault on a slot backed by host
 * memory: GUP of userspace_addr. A bad hva ends in kvm_handle_error_pfn():
 * a bare -EFAULT without KVM_EXIT_MEMORY_FAULT (the series annotating it was
 * not merged in the sources we read; UNVERIFIED for 7.x).
 */
static int faultin_pfn_hva(struct gms_world *w, struct kvm_page_fault *fault)
{
	struct gms_memslot *slot = fault->slot;
	u64 hva = slot->userspace_addr +
		  ((fault->gfn - slot->base_gfn) << GMS_PAGE_SHIFT);

	if (!slot->userspace_addr || gms_mm_fault(w, hva, &fault->spte.pfn))
		return -EFAULT;
	fault->spte.source = GMS_SPTE_HVA;
	fault->spte.hva = hva;
	return 0;
}

/* mirrors: kvm_mmu_faultin_pfn() up to the pfn lookup */
static int faultin_begin(struct gms_kvm *kvm, struct kvm_page_fault *fault,
			 struct gms_vcpu_exit *exit)
{
	fault->mmu_seq = kvm->mmu_invalidate_seq;
	if (fault->is_private != gms_kvm_mem_is_private(kvm, fault->gfn))
		return memory_fault_exit(fault, exit, -EFAULT);
	fault->slot = gms_kvm_gfn_to_memslot(kvm, 0, fault->gfn);
	if (fault->slot && fault->slot->invalid)
		fault->slot = NULL; /* RET_PF_RETRY until the delete commits */
	if (!fault->slot) {
		/* kvm_handle_noslot_fault(): private memory is never MMIO */
		if (fault->is_private)
			return memory_fault_exit(fault, exit, -EFAULT);
		exit->reason = GMS_EXIT_MMIO;
		exit->gpa = fault->addr;
		/*
		 * run->mmio.len is the instruction's operand size, which the
		 * emulator decodes; the model's guest only loads and stores
		 * one u64 (as the oracle's mov rax, [rdi]).
		 */
		exit->size = sizeof(u64);
		return 0;
	}
	return 0;
}

/* mirrors: the pfn lookup of kvm_mmu_faultin_pfn() */
static int faultin_get_pfn(struct gms_world *w, struct gms_lock_ctx *ctx,
			   struct gms_kvm *kvm, struct kvm_page_fault *fault,
			   struct gms_vcpu_exit *exit)
{
	if (fault->is_private || (fault->slot->flags & KVM_MEMSLOT_GMEM_ONLY))
		return faultin_pfn_gmem(w, ctx, kvm, fault, exit);
	return faultin_pfn_hva(w, fault);
}

/* mirrors: kvm_mmu_faultin_pfn() */
static int kvm_mmu_faultin_pfn(struct gms_world *w, struct gms_kvm *kvm,
			       struct kvm_page_fault *fault,
			       struct gms_vcpu_exit *exit)
{
	int r = faultin_begin(kvm, fault, exit);

	if (r || exit->reason == GMS_EXIT_MMIO)
		return r;
	return faultin_get_pfn(w, &w->sync, kvm, fault, exit);
}

/*
 * the lpage_info tests of kvm_mmu_max_mapping_level(): the leaf of @level
 * around the fault stays inside the memslot, its file indices are aligned
 * like its gfns, its gfns share the fault's attributes (hugepage_has_attrs();
 * mutant huge-map-mixed skips it), and no smaller leaf is there already
 * (the model does not promote: "Prevent hugepage promotion for mirror
 * roots in fault path", and no collapse elsewhere)
 */
static bool level_fits(struct gms_kvm *kvm, const struct kvm_page_fault *fault,
		       int level)
{
	u64 n = GMS_LEVEL_PAGES(level), base = fault->gfn & ~(n - 1);
	const struct gms_memslot *slot = fault->slot;

	if (base < slot->base_gfn || base + n > slot->base_gfn + slot->npages)
		return false;
	if (gms_gmem_get_index(slot, base) & (n - 1))
		return false;
	for (u64 g = base; g < base + n; g++)
		if (!gms_mutant(kvm->w, GMS_MUTANT_HUGE_MAP_MIXED) &&
		    gms_kvm_mem_is_private(kvm, g) != fault->is_private)
			return false;
	return !gms_kvm_range_has_spte(kvm, base, base + n);
}

/*
 * mirrors: kvm_mmu_max_mapping_level() for a private fault: the smaller of
 * kvm_gmem_mapping_order() (the folio's order when every index of it is
 * private; mutant huge-map-mixed takes the folio's order alone) and the
 * arch's gmem_max_mapping_level(), then what the memslot allows. Shared
 * faults map 4K: shared pages are order 0 and host THP is not modelled.
 */
static int fault_level(struct gms_world *w, struct gms_kvm *kvm,
		       const struct kvm_page_fault *fault)
{
	u64 pfn = fault->spte.pfn;
	int order, level;

	if (!fault->is_private || fault->spte.source != GMS_SPTE_GMEM)
		return GMS_PG_4K;
	order = gms_mutant(w, GMS_MUTANT_HUGE_MAP_MIXED) ?
			fault->max_order :
			MIN(fault->max_order,
			    gms_gmem_mapping_order(fault->slot, fault->gfn,
						   &pfn));
	level = order >= 18 ? GMS_PG_1G : order >= 9 ? GMS_PG_2M : GMS_PG_4K;
	if (kvm->arch->private_max_level)
		level = MIN(level,
			    kvm->arch->private_max_level(w, kvm, fault->gfn,
							 fault->spte.pfn));
	while (level > GMS_PG_4K && !level_fits(kvm, fault, level))
		level--;
	return level;
}

/* mirrors: kvm_tdp_mmu_map() under mmu_lock, after the retry check */
static int kvm_mmu_map(struct gms_kvm *kvm, struct kvm_page_fault *fault)
{
	int level = fault_level(kvm->w, kvm, fault);
	u64 off = fault->gfn & (GMS_LEVEL_PAGES(level) - 1);
	struct gms_spte leaf;
	int r = 0;

	/* mutant no-invalidate-retry: the check that a racing zap needs */
	if (!gms_mutant(kvm->w, GMS_MUTANT_NO_INVALIDATE_RETRY) &&
	    gms_kvm_mmu_invalidate_retry(kvm, fault->mmu_seq))
		return -EAGAIN; /* RET_PF_RETRY */
	/* set_external_spte() and friends: the hardware side of the mapping */
	if (fault->is_private && kvm->arch->map_private)
		r = kvm->arch->map_private(kvm->w, kvm, fault->gfn - off,
					   fault->spte.pfn - off, level);
	else if (!fault->is_private && kvm->arch->map_shared)
		r = kvm->arch->map_shared(kvm->w, kvm, fault->gfn,
					  fault->spte.pfn);
	if (r)
		return r;
	fault->spte.gfn = fault->gfn;
	fault->spte.private = fault->is_private;
	fault->spte.slot_uid = fault->slot->uid;
	leaf = fault->spte;
	leaf.level = level;
	leaf.gfn -= off;
	leaf.pfn -= off;
	leaf.index -= off;
	gms_kvm_install_spte(kvm, &leaf);
	return 0;
}

/* Resolve @gpa to a pfn the vCPU may access, faulting it in if needed. */
static int vcpu_translate(struct gms_world *w, struct gms_kvm *kvm, u64 gpa,
			  enum gms_access_kind kind, u64 *pfn, bool *is_private,
			  struct gms_vcpu_exit *exit)
{
	struct kvm_page_fault fault = { .addr = gpa,
					.gfn = gpa >> GMS_PAGE_SHIFT };
	struct gms_spte *spte;
	int r;

	if (kind == GMS_ACCESS_DEFAULT)
		fault.is_private = gms_kvm_mem_is_private(kvm, fault.gfn);
	else
		fault.is_private = kind == GMS_ACCESS_PRIVATE;
	*is_private = fault.is_private;
	spte = gms_kvm_lookup_spte(kvm, fault.gfn);
	if (spte && spte->private == fault.is_private) {
		*pfn = gms_spte_pfn(spte, fault.gfn);
		return 0;
	}
	/* Outside a task nothing can race, so one retry always suffices. */
	for (int tries = 0; tries < 2; tries++) {
		r = kvm_mmu_faultin_pfn(w, kvm, &fault, exit);
		if (r || exit->reason == GMS_EXIT_MMIO)
			return r;
		r = kvm_mmu_map(kvm, &fault);
		if (r != -EAGAIN)
			break;
	}
	if (r)
		return r;
	*pfn = fault.spte.pfn;
	return 0;
}

/*
 * The checks every vCPU ioctl of the model's one implicit vCPU starts with
 * (kvm_vcpu_ioctl() on a VM fd): the VM, or -errno.
 */
static int vcpu_ioctl_kvm(struct gms_world *w, int vm_fd, struct gms_kvm **kvmp)
{
	struct gms_fd *e = gms_fd_get(w, vm_fd);

	if (!e)
		return -EBADF;
	if (e->kind != GMS_FD_VM)
		return -ENOTTY;
	*kvmp = e->obj;
	if ((*kvmp)->state >= GMS_KVM_DYING)
		return -EIO; /* kvm->vm_dead */
	return 0;
}

/* KVM_RUN until the access at @gpa completes or exits to userspace. */
static int vcpu_access(struct gms_world *w, int vm_fd, u64 gpa,
		       enum gms_access_kind kind, bool write, u64 *tag,
		       struct gms_vcpu_exit *exit)
{
	struct gms_kvm *kvm;
	bool is_private = false;
	u64 pfn = 0;
	u32 key;
	int r;

	*exit = (struct gms_vcpu_exit){ 0 };
	r = vcpu_ioctl_kvm(w, vm_fd, &kvm);
	if (r)
		return r;
	/* pKVM: the first run creates the hyp VM (pkvm_create_hyp_vm()) */
	kvm->has_run = true;
	r = vcpu_translate(w, kvm, gpa, kind, &pfn, &is_private, exit);
	if (r || exit->reason == GMS_EXIT_MMIO)
		return r;
	/* the hardware's own check (RMP, S-EPT state, pKVM stage-2) */
	if (kvm->arch->guest_access &&
	    kvm->arch->guest_access(w, kvm, gpa >> GMS_PAGE_SHIFT, pfn,
				    is_private)) {
		/* #VC (SNP), #VE (TDX), an abort (pKVM): the access's gpa, no size */
		exit->reason = GMS_EXIT_EXCEPTION;
		exit->gpa = gpa;
		return 0;
	}
	key = is_private ? gms_kvm_key(kvm) : 0;
	if (write) {
		gms_physmem_write_key(&w->physmem, pfn, *tag, kvm->guest,
				      is_private, key);
		return 0;
	}
	gms_world_observe(w, kvm->guest, key, pfn,
			  is_private ? "guest private" : "guest shared");
	*tag = gms_physmem_read(&w->physmem, pfn, key);
	return 0;
}

int gms_vcpu_read(struct gms_world *w, int vm_fd, u64 gpa,
		  enum gms_access_kind kind, u64 *tag,
		  struct gms_vcpu_exit *exit)
{
	*tag = 0;
	return vcpu_access(w, vm_fd, gpa, kind, false, tag, exit);
}

int gms_vcpu_write(struct gms_world *w, int vm_fd, u64 gpa,
		   enum gms_access_kind kind, u64 tag,
		   struct gms_vcpu_exit *exit)
{
	return vcpu_access(w, vm_fd, gpa, kind, true, &tag, exit);
}

/*
 * kvm->arch.pre_fault_allowed: set at VM creation for the default and
 * software-protected types, at SNP_LAUNCH_FINISH (snp_launch_finish()) and
 * at TDX finalization (tdx_td_finalize()); arm64 pKVM has no pre-fault.
 */
static bool pre_fault_allowed(const struct gms_kvm *kvm)
{
	switch (kvm->arch->type) {
	case GMS_VM_DEFAULT:
	case GMS_VM_SW_PROTECTED:
		return true;
	case GMS_VM_SNP:
	case GMS_VM_TDX:
		return kvm->state == GMS_KVM_FINALIZED;
	default:
		return false;
	}
}

/*
 * mirrors: kvm_arch_vcpu_pre_fault_memory() and kvm_tdp_map_page(): fault
 * @gpa in as the guest would, without running it; the bytes done (one
 * page: the model's leaves are 4K), or -errno. A gpa with no memslot is
 * RET_PF_EMULATE there: -ENOENT. A private/shared mismatch or a guest_memfd
 * error fills run->memory_fault as KVM_RUN would (the exit is not
 * reported: the ioctl returns the errno).
 */
static s64 kvm_arch_vcpu_pre_fault_memory(struct gms_world *w,
					  struct gms_kvm *kvm,
					  const struct gms_pre_fault *range)
{
	struct gms_vcpu_exit exit = { 0 };
	bool is_private;
	u64 pfn;
	int r;

	if (!pre_fault_allowed(kvm))
		return -EOPNOTSUPP;
	/* error_code has PFERR_PRIVATE_ACCESS iff the gfn is private */
	r = vcpu_translate(w, kvm, range->gpa, GMS_ACCESS_DEFAULT, &pfn,
			   &is_private, &exit);
	if (r)
		return r;
	if (exit.reason == GMS_EXIT_MMIO)
		return -ENOENT;
	return (s64)MIN(range->size, GMS_PAGE_SIZE);
}

/*
 * mirrors: kvm_vcpu_ioctl(KVM_PRE_FAULT_MEMORY) -> kvm_vcpu_pre_fault_memory()
 * (virt/kvm/kvm_main.c): the range shrinks page by page until an error; the
 * ioctl succeeds if at least one page was mapped, and @range tells what is
 * left. The model's VM has one implicit vCPU, the one KVM_RUN uses.
 */
int gms_vcpu_pre_fault(struct gms_world *w, int vm_fd,
		       struct gms_pre_fault *range)
{
	struct gms_kvm *kvm;
	u64 full_size = range->size;
	s64 r = vcpu_ioctl_kvm(w, vm_fd, &kvm);

	if (r)
		return r;
	if (range->flags)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(range->gpa) || !GMS_PAGE_ALIGNED(range->size) ||
	    range->gpa + range->size <= range->gpa)
		return -EINVAL;
	do {
		r = kvm_arch_vcpu_pre_fault_memory(w, kvm, range);
		if (r < 0)
			break;
		range->size -= (u64)r;
		range->gpa += (u64)r;
	} while (range->size);
	/* Return success if at least one page was mapped successfully. */
	return full_size == range->size ? (int)r : 0;
}

/*
 * The fault as a task: begin, get_pfn, map (RET_PF_RETRY goes back to
 * begin), then the access itself. The task holds a VM reference, as a vCPU
 * does, and a page reference from get_pfn to map, as the kernel's fault
 * holds the folio until kvm_release_faultin_page().
 */
struct fault_task {
	int vm_fd;
	u64 gpa;
	enum gms_access_kind kind;
	bool write;
	u64 tag;
	struct gms_kvm *kvm;
	struct kvm_page_fault fault;
	bool holds_page;
	bool srcu; /* in the kvm->srcu read side, as KVM_RUN is */
};

enum { F_BEGIN, F_GET_PFN, F_MAP, F_ACCESS };

static const char *const fault_steps[] = { "begin", "get_pfn", "map", "access",
					   NULL };

static enum gms_task_status fault_done(struct gms_world *w, struct gms_task *t,
				       int r)
{
	struct fault_task *ft = t->ctx;

	/* no page held here: map drops get_pfn's reference, whatever it returns */
	if (ft->srcu)
		gms_lock_release(w, &t->lock, GMS_LOCK_SRCU, ft->kvm);
	ft->srcu = false;
	if (ft->kvm)
		gms_kvm_put(w, ft->kvm);
	ft->kvm = NULL;
	t->ret = r;
	return GMS_TASK_DONE;
}

/* mirrors: kvm_mmu_page_fault() entry: the memslot and the seq snapshot */
static enum gms_task_status fault_begin(struct gms_world *w, struct gms_task *t)
{
	struct fault_task *ft = t->ctx;
	struct kvm_page_fault *fault = &ft->fault;
	struct gms_spte *spte;
	int r;

	if (!ft->kvm) {
		struct gms_fd *e = gms_fd_get(w, ft->vm_fd);

		if (!e)
			return fault_done(w, t, -EBADF);
		if (e->kind != GMS_FD_VM)
			return fault_done(w, t, -ENOTTY);
		if (((struct gms_kvm *)e->obj)->state >= GMS_KVM_DYING)
			return fault_done(w, t, -EIO);
		ft->kvm = e->obj;
		gms_kvm_get(ft->kvm);
	}
	if (!ft->srcu) {
		/* srcu_read_lock(&kvm->srcu): never waits, a writer never stays */
		ft->srcu = gms_lock_try(w, &t->lock, GMS_LOCK_SRCU, ft->kvm,
					GMS_LOCK_SHARED);
		if (!ft->srcu)
			gms_world_model_bug(w, "kvm->srcu held by a writer");
	}
	*fault = (struct kvm_page_fault){ .addr = ft->gpa,
					  .gfn = ft->gpa >> GMS_PAGE_SHIFT };
	if (ft->kind == GMS_ACCESS_DEFAULT)
		fault->is_private = gms_kvm_mem_is_private(ft->kvm, fault->gfn);
	else
		fault->is_private = ft->kind == GMS_ACCESS_PRIVATE;
	spte = gms_kvm_lookup_spte(ft->kvm, fault->gfn);
	if (spte && spte->private == fault->is_private) {
		t->ran = "begin: mapped already";
		t->step = F_ACCESS;
		return GMS_TASK_RAN;
	}
	/*
	 * mmu_invalidate_retry_gfn_unsafe() in kvm_mmu_faultin_pfn(): the vCPU
	 * re-enters with RET_PF_RETRY until the invalidation ends. The model
	 * keeps no invalidation range: any one in progress holds the fault.
	 */
	if (ft->kvm->mmu_invalidate_in_progress) {
		t->waits =
			"an invalidation in progress (RET_PF_RETRY until kvm_mmu_invalidate_end())";
		return GMS_TASK_BLOCKED;
	}
	t->exit = (struct gms_vcpu_exit){ 0 };
	r = faultin_begin(ft->kvm, fault, &t->exit);
	if (r || t->exit.reason == GMS_EXIT_MMIO)
		return fault_done(w, t, r);
	t->step = F_GET_PFN;
	return GMS_TASK_RAN;
}

static enum gms_task_status fault_get_pfn(struct gms_world *w,
					  struct gms_task *t)
{
	struct fault_task *ft = t->ctx;
	int r = faultin_get_pfn(w, &t->lock, ft->kvm, &ft->fault, &t->exit);

	if (r == -GMS_EBLOCKED)
		return GMS_TASK_BLOCKED; /* convert=in-place: the invalidate lock */
	if (r)
		return fault_done(w, t, r);
	/*
	 * The series' kvm_gmem_get_pfn() puts the folio before it returns
	 * (89fbe3de01cc "Stop returning struct page from PFN lookup"): the
	 * fault holds no reference for a conversion's check to trip on, and
	 * relies on mmu_invalidate_retry alone.
	 */
	if (!(gms_gmem_in_place_conversion(w) &&
	      ft->fault.spte.source == GMS_SPTE_GMEM)) {
		gms_physmem_get(&w->physmem, ft->fault.spte.pfn);
		ft->holds_page = true;
	}
	t->step = F_MAP;
	return GMS_TASK_RAN;
}

/* mirrors: the mmu_lock section of kvm_tdp_page_fault() */
static enum gms_task_status fault_map(struct gms_world *w, struct gms_task *t)
{
	struct fault_task *ft = t->ctx;
	int r;

	if (!gms_lock_try(w, &t->lock, GMS_LOCK_MMU, ft->kvm, GMS_LOCK_SHARED))
		return GMS_TASK_BLOCKED;
	r = kvm_mmu_map(ft->kvm, &ft->fault);
	gms_lock_release(w, &t->lock, GMS_LOCK_MMU, ft->kvm);
	/* kvm_release_faultin_page(): the reference get_pfn took, if any */
	if (ft->holds_page)
		gms_physmem_put(&w->physmem, ft->fault.spte.pfn);
	ft->holds_page = false; /* put */
	if (r == -EAGAIN) {
		t->ran = "map: mmu_invalidate_retry, RET_PF_RETRY";
		t->step = F_BEGIN;
		return GMS_TASK_RAN;
	}
	if (r)
		return fault_done(w, t, r);
	t->step = F_ACCESS;
	return GMS_TASK_RAN;
}

/* The vCPU re-executes the access; a zap since the fault faults again. */
static enum gms_task_status fault_access(struct gms_world *w,
					 struct gms_task *t)
{
	struct fault_task *ft = t->ctx;
	u64 tag = ft->write ? ft->tag : 0;
	int r = vcpu_access(w, ft->vm_fd, ft->gpa, ft->kind, ft->write, &tag,
			    &t->exit);

	if (!r && !ft->write && !t->exit.reason) {
		t->value = tag;
		t->has_value = true;
	}
	return fault_done(w, t, r);
}

static enum gms_task_status fault_step(struct gms_world *w, struct gms_task *t)
{
	switch (t->step) {
	case F_BEGIN:
		return fault_begin(w, t);
	case F_GET_PFN:
		return fault_get_pfn(w, t);
	case F_MAP:
		return fault_map(w, t);
	default:
		return fault_access(w, t);
	}
}

static void fault_fingerprint(struct gms_fp *fp, const struct gms_task *t)
{
	const struct fault_task *ft = t->ctx;
	const struct kvm_page_fault *f = &ft->fault;

	gms_fp_fd(fp, ft->vm_fd);
	gms_fp_u64(fp, ft->gpa);
	gms_fp_u64(fp, ft->kind | ft->write << 4 | ft->holds_page << 5 |
			       ft->srcu << 6 | f->is_private << 7);
	/* the tag it will write: a name, like the pages' (VMs are symmetric) */
	gms_fp_tag(fp, ft->tag);
	gms_fp_obj(fp, GMS_OBJ_KVM, ft->kvm);
	/*
	 * Nothing sampled yet, or only the access is left: it reads none of it
	 * (the page is no longer held). A "mapped already" begin leaves spte
	 * zero, and pfn 0 is a page like any: emitting it would name a page by
	 * its frame number, splitting states by allocation order.
	 */
	if (t->step == F_BEGIN || t->step == F_ACCESS)
		return;
	gms_fp_u64(fp, f->gfn);
	gms_fp_obj(fp, GMS_OBJ_SLOT, f->slot);
	/*
	 * The sequence only grows: what matters is whether it moved since.
	 * Past begin, the task holds its VM until fault_done() ends it.
	 */
	gms_fp_u64(fp, ft->kvm->mmu_invalidate_seq - f->mmu_seq);
	/* begin zeroed the spte, and get_pfn has not filled it in yet */
	if (t->step == F_GET_PFN)
		return;
	gms_fp_u64(fp, f->spte.gfn);
	gms_fp_pfn(fp, f->spte.pfn);
	gms_fp_u64(fp, f->spte.private | f->spte.source << 1);
	gms_fp_obj(fp, GMS_OBJ_INODE, f->spte.inode);
	gms_fp_u64(fp, f->spte.index);
	gms_fp_addr(fp, f->spte.hva);
}

static const struct gms_task_ops fault_task_ops = {
	.what = "guest fault",
	.steps = fault_steps,
	.step = fault_step,
	.fingerprint = fault_fingerprint,
};

struct gms_task *gms_task_guest_access(struct gms_world *w, int vm_fd, u64 gpa,
				       enum gms_access_kind kind, bool write,
				       u64 tag)
{
	struct fault_task *ft = g_new0(struct fault_task, 1);

	ft->vm_fd = vm_fd;
	ft->gpa = gpa;
	ft->kind = kind;
	ft->write = write;
	ft->tag = tag;
	return gms_task_new(w, &fault_task_ops, ft);
}
