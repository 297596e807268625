// SPDX-License-Identifier: GPL-2.0
/*
 * A protected VM under arm64 pKVM (arch/arm64/kvm/pkvm.c, mmu.c; hw_models.md
 * 3.5). guest_memfd-backed pVMs are out of tree (UNVERIFIED): private memory
 * is donated on first use, shared memory shared, and both come back through
 * unshare or (force-)reclaim, which zero what the guest owned.
 */
#include <gmemsim/uapi.h>

#define PK(w) (&(w)->hw.pkvm)

/*
 * mirrors: the hyp VM's table entry, find_free_vm_table_entry(): -ENOMEM
 * when every handle is taken (the model reserves it at creation, where
 * upstream inserts it at the first run; GMS_PKVM_MAX_HANDLE, not
 * KVM_MAX_PVMS, handles)
 */
static int pkvm_vm_init(struct gms_world *w, struct gms_kvm *kvm)
{
	u16 handle = pkvm_init_vm(PK(w));

	if (!handle)
		return -ENOMEM;
	kvm->arch_id = handle;
	return 0;
}

static void pkvm_vm_destroy(struct gms_world *w, struct gms_kvm *kvm)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(PK(w), kvm->arch_id);

	if (vm && !vm->is_dying)
		__pkvm_start_teardown_vm(PK(w), kvm->arch_id);
	__pkvm_finalize_teardown_vm(PK(w), kvm->arch_id);
}

/*
 * __pkvm_host_donate_guest() donates one PAGE_SIZE page (upstream;
 * upstream-2026-11.md 2.3): pKVM maps private memory at 4K only, and the
 * HugeTLB series requires the huge folio split for it (pkvm_max_level()).
 */
static int pkvm_map_private(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			    u64 pfn, int level)
{
	if (GMS_WARN_ON(w, level != GMS_PG_4K))
		return -EIO;
	return __pkvm_host_donate_guest(PK(w), kvm->arch_id, pfn, gfn) ? -EIO :
									 0;
}

static int pkvm_map_shared(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			   u64 pfn)
{
	return __pkvm_host_share_guest(PK(w), kvm->arch_id, pfn, gfn) ? -EIO :
									0;
}

/* hyp_poison_page(): the content the host gets back is zero (not with the mutant) */
static void poisoned(struct gms_world *w, u64 pfn)
{
	if (!PK(w)->skip_poison)
		gms_physmem_clear(&w->physmem, pfn);
}

/*
 * The host takes a page back: unshare a shared one; a guest-owned one by
 * reclaim while the VM dies (pkvm_destroy_hyp_vm() starts the teardown first)
 * or by force-reclaim while it lives.
 */
static void pkvm_unmap(struct gms_world *w, struct gms_kvm *kvm,
		       const struct gms_spte *spte)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(PK(w), kvm->arch_id);
	u64 pfn;

	if (!vm)
		return;
	/* mutant pkvm-no-poison: reclaim without hyp_poison_page() */
	PK(w)->skip_poison = gms_mutant(w, GMS_MUTANT_PKVM_NO_POISON);
	if (!spte->private) {
		__pkvm_host_unshare_guest(PK(w), kvm->arch_id, spte->gfn);
		return;
	}
	if (kvm->state >= GMS_KVM_DYING) {
		if (!vm->is_dying)
			__pkvm_start_teardown_vm(PK(w), kvm->arch_id);
		if (!__pkvm_host_reclaim_page_guest(PK(w), kvm->arch_id,
						    spte->gfn, &pfn))
			poisoned(w, pfn);
		return;
	}
	if (!__pkvm_host_force_reclaim_page_guest(PK(w), spte->pfn))
		poisoned(w, spte->pfn);
}

/* the guest stage-2: a poisoned or missing entry faults in the guest */
static int pkvm_guest_access(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			     u64 pfn, bool is_private)
{
	struct gms_pkvm_vm *vm = gms_pkvm_vm(PK(w), kvm->arch_id);
	struct gms_guest_pte e =
		vm ? gms_pkvm_guest_pte(vm, gfn) :
		     (struct gms_guest_pte){ .state = PKVM_NOPAGE };
	u8 want = is_private ? PKVM_PAGE_OWNED : PKVM_PAGE_SHARED_BORROWED;

	return e.state == want && e.pfn == pfn ? 0 : GMS_GUEST_EXCEPTION;
}

/* no block donation upstream: every private leaf is a page */
static int pkvm_max_level(struct gms_world *w, struct gms_kvm *kvm, u64 gfn,
			  u64 pfn)
{
	(void)w;
	(void)kvm;
	(void)gfn;
	(void)pfn;
	return GMS_PG_4K;
}

const struct gms_arch_ops gms_pkvm_ops = {
	.private_max_level = pkvm_max_level,
	.name = "pkvm",
	.type = GMS_VM_PKVM,
	.has_private_mem = true,
	.has_mirrored_tdp = false,
	.has_readonly_mem = true,
	.gmem_needs_mmap = true,
	/* pkvm.rst: memslots are fixed once the VM has run (EPERM) */
	.memslots_fixed_after_run = true,
	.vm_init = pkvm_vm_init,
	.vm_destroy = pkvm_vm_destroy,
	.map_private = pkvm_map_private,
	.map_shared = pkvm_map_shared,
	.unmap = pkvm_unmap,
	.guest_access = pkvm_guest_access,
};
