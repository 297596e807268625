// SPDX-License-Identifier: GPL-2.0
/*
 * mmap=none and mmap=all-or-nothing (DESIGN.md section 5): the "restricted
 * memfd" mapping rules Sean Christopherson sketched for pKVM in seed 002,
 * applied to guest_memfd. Nothing here is upstream; mmap=shared-pages is
 * 6.18's kvm_gmem_mmap() and these functions then do nothing.
 */
#include "gmem_internal.h"

static bool restricted(const struct gms_world *w)
{
	return w->policy.mmap == GMS_MMAP_ALL_OR_NOTHING;
}

/* mmap=none: kvm_gmem_get_supported_flags() before 6.18 had no FLAG_MMAP */
u64 gms_gmem_mmap_flag_supported(const struct gms_world *w)
{
	return w->policy.mmap == GMS_MMAP_NONE ? 0 : GUEST_MEMFD_FLAG_MMAP;
}

/* "allowed if and only if the entire gfn range of the associated memslot is shared" */
static bool bound_range_shared(struct gms_gmem_inode *inode)
{
	for (GList *l = inode->files; l; l = l->next) {
		struct gms_gmem_file *f = l->data;
		const struct gms_range *r;

		for (r = gms_range_map_next(&f->bindings, NULL); r;
		     r = gms_range_map_next(&f->bindings, r)) {
			struct gms_memslot *slot = (struct gms_memslot *)r->val;
			u64 start =
				slot->base_gfn + r->start - slot->gmem.pgoff;

			if (!gms_range_map_all(&slot->kvm->mem_attr, start,
					       start + (r->end - r->start), 0))
				return false;
		}
	}
	return true;
}

/*
 * mirrors: memfd_restricted_mmap() of seed 002 plus KVM's mmap_start()
 * notifier: pgoff 0, the whole file, one mapping; not for TDX or SEV-SNP
 * ("they don't allow adding non-zero memory into the guest"); only while
 * everything bound is shared. -EINVAL throughout, as in the seed's sketch.
 */
int gms_gmem_restricted_mmap(struct gms_world *w, struct gms_gmem_file *f,
			     u64 pgoff, u64 len)
{
	struct gms_gmem_inode *inode = f->inode;

	if (!restricted(w))
		return 0;
	if (pgoff || len != inode->size)
		return -EINVAL;
	if (gms_mm_inode_mapped(w, inode))
		return -EINVAL;
	if (inode->arch->type == GMS_VM_SNP || inode->arch->type == GMS_VM_TDX)
		return -EINVAL;
	if (!bound_range_shared(inode))
		return -EINVAL;
	return 0;
}

/*
 * mirrors: memfd_restricted_may_split(): munmap() everything in one shot.
 * (The seed's memfd_restricted_mapping_mremap() is not modelled: the
 * scenario language has no mremap.)
 */
int gms_gmem_restricted_may_split(const struct gms_world *w,
				  const struct gms_vma *vma)
{
	return restricted(w) && vma->kind == GMS_VMA_GMEM ? -EINVAL : 0;
}

/*
 * "Acquiring a reference via get_pfn() is disallowed if there's a mapping
 * for the restricted memfd." The seed names no errno; -EBUSY here.
 */
int gms_gmem_restricted_get_pfn(struct gms_world *w,
				struct gms_gmem_inode *inode)
{
	return restricted(w) && gms_mm_inode_mapped(w, inode) ? -EBUSY : 0;
}

/*
 * KVM_SET_MEMORY_ATTRIBUTES to private on gfns backed by a restricted file:
 * "mutually exclusive with shared<=>private conversions" while it is
 * mapped, and "Require that there are no outstanding references at
 * munmap() ... or some way for userspace to wait until it's ok to convert
 * to private". -EBUSY for either (the seed names no errno).
 */
int gms_gmem_restricted_convert(struct gms_world *w, struct gms_kvm *kvm,
				u64 start, u64 end)
{
	if (!restricted(w))
		return 0;
	for (guint i = 0; i < kvm->memslots[0]->len; i++) {
		struct gms_memslot *s = g_ptr_array_index(kvm->memslots[0], i);
		struct gms_gmem_file *f = s->gmem.file;
		u64 first = MAX(start, s->base_gfn);
		u64 last = MIN(end, s->base_gfn + s->npages);

		if (!f || f->freed || first >= last)
			continue;
		if (gms_mm_inode_mapped(w, f->inode) ||
		    gms_gmem_first_pinned(w, f->inode,
					  gms_gmem_get_index(s, first),
					  gms_gmem_get_index(s, last), NULL))
			return -EBUSY;
	}
	return 0;
}
