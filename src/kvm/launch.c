// SPDX-License-Identifier: GPL-2.0
/*
 * Launch and the host's other ways into guest memory: population before
 * finalize (kvm_gmem_populate), finalize, the guest's accept, host kernel
 * reads (kvm_read_guest, the direct map) and migration attempts.
 */
#include <gmemsim/uapi.h>

/*
 * TDX premaps the page through the mirror SPTE (kvm_tdp_map_page() in
 * tdx_vcpu_init_mem_region()). Simplification: after the population, where
 * the kernel maps first and PAGE.ADDs in tdx_gmem_post_populate().
 */
static void tdx_premap(struct gms_world *w, struct gms_gmem_file *f, u64 index)
{
	struct gms_memslot *slot =
		(struct gms_memslot *)gms_range_map_load(&f->bindings, index);
	u64 gfn = slot->base_gfn + index - slot->gmem.pgoff;
	struct gms_spte spte = {
		.gfn = gfn,
		.pfn = gms_folio_file_pfn(
			gms_gmem_lookup_folio(f->inode, index), index),
		.private = true,
		.source = GMS_SPTE_GMEM,
		.inode = f->inode,
		.index = index,
		.slot_uid = slot->uid,
	};

	(void)w;
	gms_kvm_install_spte(f->kvm, &spte);
}

/*
 * The launch ioctls that populate (SNP_LAUNCH_UPDATE, TDX INIT_MEM_REGION)
 * hold slots_lock around kvm_gmem_populate(), which takes the invalidate
 * lock: a punch hole in progress holds the population off.
 */
int gms_sys_populate(struct gms_world *w, int gmem_fd, u64 offset,
		     const u64 *src)
{
	u64 index = offset >> GMS_PAGE_SHIFT;
	struct gms_gmem_file *f;
	int r;

	f = gms_fdget_obj(w, gmem_fd, GMS_FD_GMEM, -EINVAL, &r);
	if (!f)
		return r;
	/* pin=slot-pins-file: an unbound file has no VM; no slot binds it */
	if (!f->kvm)
		return -EINVAL;
	if (!gms_lock_try(w, &w->sync, GMS_LOCK_SLOTS, f->kvm,
			  GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	if (!f->kvm->arch->post_populate)
		r = -ENOTTY; /* no such launch command for this VM type */
	else
		r = gms_gmem_populate(w, &w->sync, f, index, src);
	if (!r && f->kvm->arch->has_mirrored_tdp)
		tdx_premap(w, f, index);
	gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, f->kvm);
	return r;
}

int gms_sys_finalize(struct gms_world *w, int vm_fd)
{
	struct gms_kvm *kvm;
	int r;

	kvm = gms_fdget_obj(w, vm_fd, GMS_FD_VM, -ENOTTY, &r);
	if (!kvm)
		return r;
	if (!kvm->arch->finalize)
		return -ENOTTY;
	return kvm->arch->finalize(w, kvm);
}

/* The guest accepts the private page at @gpa: it is faulted in first. */
int gms_vcpu_accept(struct gms_world *w, int vm_fd, u64 gpa, int level,
		    struct gms_vcpu_exit *exit)
{
	struct gms_kvm *kvm;
	u64 tag;
	int r;

	kvm = gms_fdget_obj(w, vm_fd, GMS_FD_VM, -ENOTTY, &r);
	if (!kvm)
		return r;
	if (!kvm->arch->accept)
		return -EINVAL; /* no such instruction for this VM type */
	/* the TDCALL / PVALIDATE faults the page in like a private load */
	r = gms_vcpu_read(w, vm_fd, gpa, GMS_ACCESS_PRIVATE, &tag, exit);
	if (r || (exit->reason && exit->reason != GMS_EXIT_EXCEPTION))
		return r;
	*exit = (struct gms_vcpu_exit){ 0 };
	return kvm->arch->accept(
		w, kvm, gpa >> GMS_PAGE_SHIFT,
		gms_spte_pfn(gms_kvm_lookup_spte(kvm, gpa >> GMS_PAGE_SHIFT),
			     gpa >> GMS_PAGE_SHIFT),
		level);
}

/* The folio of the file behind @gmem_fd at @offset; no folio: -ENOENT. */
static int direct_map_folio(struct gms_world *w, int gmem_fd, u64 offset,
			    struct gms_folio **folio)
{
	struct gms_gmem_file *f;
	int r;

	f = gms_fdget_obj(w, gmem_fd, GMS_FD_GMEM, -EINVAL, &r);
	if (!f)
		return r;
	*folio = gms_gmem_lookup_folio(f->inode, offset >> GMS_PAGE_SHIFT);
	return *folio ? 0 : -ENOENT;
}

/*
 * The host kernel reads the folio at @offset through the direct map (as
 * /proc/kcore or a stray pointer would). No folio: nothing to read (-ENOENT).
 */
int gms_host_direct_read(struct gms_world *w, int gmem_fd, u64 offset, u64 *tag)
{
	struct gms_folio *folio = NULL;
	int r = direct_map_folio(w, gmem_fd, offset, &folio);
	u64 pfn;

	if (r)
		return r;
	pfn = gms_folio_file_pfn(folio, offset >> GMS_PAGE_SHIFT);
	/* direct_map=remove|pkru: read_kcore_iter()'s nofault copy fails */
	if (!gms_physmem_page(&w->physmem, pfn)->direct_map)
		return -EFAULT;
	gms_world_host_access(w, pfn, GMS_HOST_KERNEL_READ, "direct-map read");
	gms_world_observe(w, GMS_PRINCIPAL_HOST, 0, pfn,
			  "host kernel direct map");
	*tag = gms_physmem_read(&w->physmem, pfn, 0);
	return 0;
}

/*
 * A host kernel store through the direct map (a stray pointer, a partial
 * write by DMA or a UC alias): what the hardware does with it is the point.
 */
int gms_host_direct_write(struct gms_world *w, int gmem_fd, u64 offset, u64 tag)
{
	struct gms_folio *folio = NULL;
	int r = direct_map_folio(w, gmem_fd, offset, &folio);
	u64 pfn;

	if (r)
		return r;
	pfn = gms_folio_file_pfn(folio, offset >> GMS_PAGE_SHIFT);
	/* not in the direct map: modelled as a nofault store that fails */
	if (!gms_physmem_page(&w->physmem, pfn)->direct_map)
		return -EFAULT;
	gms_world_host_access(w, pfn, GMS_HOST_KERNEL_WRITE,
			      "direct-map write");
	gms_physmem_write(&w->physmem, pfn, tag, GMS_PRINCIPAL_HOST, false);
	return 0;
}

/*
 * mirrors: kvm_read_guest(): through the memslot's userspace_addr, as
 * emulation does; private memory is not reachable that way.
 */
int gms_host_kernel_read(struct gms_world *w, int vm_fd, u64 gpa, u64 *tag)
{
	struct gms_memslot *slot;
	struct gms_kvm *kvm;
	int r;

	kvm = gms_fdget_obj(w, vm_fd, GMS_FD_VM, -ENOTTY, &r);
	if (!kvm)
		return r;
	slot = gms_kvm_gfn_to_memslot(kvm, 0, gpa >> GMS_PAGE_SHIFT);
	if (!slot || slot->invalid || !slot->userspace_addr)
		return -EFAULT;
	r = gms_host_read_as(w,
			     slot->userspace_addr + gpa -
				     (slot->base_gfn << GMS_PAGE_SHIFT),
			     true, tag);
	return r == -GMS_ESIGBUS ? -EFAULT : r; /* copy_from_user() fixup */
}

/*
 * mirrors: kvm_vcpu_map() of a gfn (emulation, nested state, shadow paging
 * walking the guest's page tables): KVM reads guest memory through a
 * kernel mapping of its pfn. direct_map=remove leaves no such mapping and
 * the access oopses; direct_map=pkru goes through the userspace alias of a
 * mappable file with the protection key opened for the access (seed 000).
 */
int gms_host_kvm_map(struct gms_world *w, int vm_fd, u64 gpa, u64 *tag)
{
	u64 gfn = gpa >> GMS_PAGE_SHIFT;
	struct gms_memslot *slot;
	struct gms_kvm *kvm;
	u64 pfn;
	int r;

	kvm = gms_fdget_obj(w, vm_fd, GMS_FD_VM, -ENOTTY, &r);
	if (!kvm)
		return r;
	slot = gms_kvm_gfn_to_memslot(kvm, 0, gfn);
	if (!slot || slot->invalid)
		return -EFAULT;
	if (!gms_kvm_slot_has_gmem(slot))
		return gms_host_kernel_read(w, vm_fd, gpa, tag);
	r = gms_gmem_get_pfn(w, &w->sync, kvm, slot, gfn, &pfn);
	if (r)
		return r;
	/* direct_map=: is the page still reachable by the kernel? */
	if (!gms_gmem_direct_map_kernel_ok(w, pfn, slot->gmem.file->inode)) {
		gms_world_fatal(
			w, pfn,
			"kernel access to a page removed from the direct map (oops)",
			"kvm_vcpu_map()");
		return -EFAULT;
	}
	gms_world_host_access(w, pfn, GMS_HOST_KERNEL_READ, "kvm_vcpu_map()");
	gms_world_observe(w, kvm->guest, 0, pfn, "KVM's own access");
	*tag = gms_physmem_read(&w->physmem, pfn, 0);
	return 0;
}

/*
 * mirrors: kvm_gmem_migrate_folio(): guest_memfd folios are unmovable;
 * mm never gets that far (AS_UNMOVABLE), so this is -EINVAL, not a WARN.
 */
int gms_host_migrate(struct gms_world *w, int gmem_fd, u64 offset)
{
	struct gms_gmem_file *f;
	int r;

	(void)offset;
	f = gms_fdget_obj(w, gmem_fd, GMS_FD_GMEM, -EINVAL, &r);
	return f ? -EINVAL : r;
}

/*
 * mirrors: sev_vm_move_enc_context_from() for SNP: the destination takes the
 * source's ASID and firmware context (its own ASID goes back); the source
 * keeps none. Simplified: no vCPU state moves, and the source's guest_memfd
 * bindings stay with the source (sharing them needs gmem.link).
 */
int gms_sys_move_enc_context(struct gms_world *w, int dst_fd, int src_fd)
{
	struct gms_kvm *dst, *src;
	int r;

	dst = gms_fdget_obj(w, dst_fd, GMS_FD_VM, -ENOTTY, &r);
	if (!dst)
		return r;
	/* fd_empty() and !file_is_kvm() are both -EBADF */
	src = gms_fdget_obj(w, src_fd, GMS_FD_VM, -EBADF, &r);
	if (!src)
		return r;
	if (dst == src || dst->arch->type != GMS_VM_SNP ||
	    src->arch->type != GMS_VM_SNP || !src->arch_id)
		return -EINVAL;
	gms_snp_decommission(&w->hw.snp, dst->arch_id);
	gms_snp_wbinvd(&w->hw.snp);
	if (!gms_rmp_page_reclaim(&w->hw.rmp, dst->arch_page)) {
		struct gms_rmp_entry shared = { 0 };

		gms_rmp_update(&w->hw.rmp, dst->arch_page, &shared);
		gms_physmem_put(&w->physmem, dst->arch_page);
	}
	gms_snp_asid_free(&w->hw.snp, dst->arch_id);
	dst->arch_id = src->arch_id;
	dst->arch_page = src->arch_page;
	dst->guest = src->guest; /* the same guest, on another struct kvm */
	src->arch_id = 0;
	src->arch_page = 0;
	/* the source cannot run any more (kvm_vm_dead()): nothing maps for it */
	src->state = GMS_KVM_DYING;
	gms_kvm_unmap_gfn_range(src, 0, G_MAXUINT64,
				GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	return 0;
}
