// SPDX-License-Identifier: GPL-2.0
/* Memory attributes: KVM_SET_MEMORY_ATTRIBUTES (virt/kvm/kvm_main.c). */
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/world.h>

/* mirrors: kvm_supported_mem_attributes() */
u64 gms_kvm_supported_mem_attributes(const struct gms_kvm *kvm)
{
	return kvm->arch->has_private_mem ? KVM_MEMORY_ATTRIBUTE_PRIVATE : 0;
}

/* mirrors: kvm_mem_is_private() */
bool gms_kvm_mem_is_private(const struct gms_kvm *kvm, u64 gfn)
{
	bool is_private;

	/* convert=in-place-*: guest_memfd tracks the state of its own pages */
	if (gms_gmem_mem_is_private(kvm, gfn, &is_private))
		return is_private;
	return gms_range_map_load(&kvm->mem_attr, gfn) &
	       KVM_MEMORY_ATTRIBUTE_PRIVATE;
}

/*
 * kvm_vm_set_mem_attributes() in three steps, for tasks. begin: nothing to
 * do when the range has the attributes already (false); else
 * kvm_handle_gfn_range(kvm_mmu_invalidate_begin + pre_set: x86 zaps
 * private-capable VMs). The kernel's xa_reserve() pass can fail with
 * -ENOMEM; a range map cannot, so that error is not modelled.
 */
bool gms_kvm_set_mem_attributes_begin(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes)
{
	if (gms_range_map_all(&kvm->mem_attr, start, end, attributes))
		return false;
	gms_kvm_mmu_invalidate_begin(kvm);
	if (kvm->arch->has_private_mem)
		gms_kvm_unmap_gfn_range(kvm, start, end,
					GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	return true;
}

/* the xa_store() loop */
void gms_kvm_set_mem_attributes_store(struct gms_kvm *kvm, u64 start, u64 end,
				      u64 attributes)
{
	gms_range_map_store(&kvm->mem_attr, start, end, attributes);
}

/* kvm_handle_gfn_range(kvm_mmu_invalidate_end) */
void gms_kvm_set_mem_attributes_end(struct gms_kvm *kvm)
{
	gms_kvm_mmu_invalidate_end(kvm);
}

/* mirrors: kvm_vm_set_mem_attributes(), under slots_lock */
static int kvm_vm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
				     u64 start, u64 end, u64 attributes)
{
	int r;

	if (!gms_lock_try(w, &w->sync, GMS_LOCK_SLOTS, kvm, GMS_LOCK_EXCLUSIVE))
		return -GMS_EBLOCKED;
	/* mmap=all-or-nothing: no conversion to private while mapped or pinned */
	r = attributes & KVM_MEMORY_ATTRIBUTE_PRIVATE ?
		    gms_gmem_restricted_convert(w, kvm, start, end) :
		    0;
	if (r) {
		gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
		return r;
	}
	if (gms_kvm_set_mem_attributes_begin(kvm, start, end, attributes)) {
		gms_kvm_set_mem_attributes_store(kvm, start, end, attributes);
		gms_kvm_set_mem_attributes_end(kvm);
	}
	gms_lock_release(w, &w->sync, GMS_LOCK_SLOTS, kvm);
	return 0;
}

/* mirrors: the checks of kvm_vm_ioctl_set_mem_attributes(), in its order */
int gms_kvm_check_mem_attributes(const struct gms_kvm *kvm,
				 const struct gms_memory_attributes *attrs)
{
	if (attrs->flags)
		return -EINVAL;
	if (attrs->attributes & ~gms_kvm_supported_mem_attributes(kvm))
		return -EINVAL;
	if (attrs->size == 0 || attrs->address + attrs->size < attrs->address)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(attrs->address) || !GMS_PAGE_ALIGNED(attrs->size))
		return -EINVAL;
	return 0;
}

/* mirrors: kvm_vm_ioctl_set_mem_attributes() */
int gms_kvm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
			       const struct gms_memory_attributes *attrs)
{
	int r = gms_kvm_check_mem_attributes(kvm, attrs);

	if (r)
		return r;
	return kvm_vm_set_mem_attributes(
		w, kvm, attrs->address >> GMS_PAGE_SHIFT,
		(attrs->address + attrs->size) >> GMS_PAGE_SHIFT,
		attrs->attributes);
}

u32 gms_kvm_key(const struct gms_kvm *kvm)
{
	return kvm->arch->key ? kvm->arch->key(kvm) : 0;
}
