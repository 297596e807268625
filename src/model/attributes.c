// SPDX-License-Identifier: GPL-2.0
/* Memory attributes: KVM_SET_MEMORY_ATTRIBUTES (virt/kvm/kvm_main.c). */
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
	return gms_range_map_load(&kvm->mem_attr, gfn) &
	       KVM_MEMORY_ATTRIBUTE_PRIVATE;
}

/*
 * mirrors: kvm_vm_set_mem_attributes(). The kernel's xa_reserve() pass can
 * fail with -ENOMEM; a range map cannot, so that error is not modelled.
 */
static int kvm_vm_set_mem_attributes(struct gms_kvm *kvm, u64 start, u64 end,
				     u64 attributes)
{
	if (gms_range_map_all(&kvm->mem_attr, start, end, attributes))
		return 0;
	gms_kvm_mmu_invalidate_begin(kvm);
	/* kvm_arch_pre_set_memory_attributes(): x86 zaps private-capable VMs */
	if (kvm->arch->has_private_mem)
		gms_kvm_unmap_gfn_range(kvm, start, end,
					GMS_FILTER_SHARED | GMS_FILTER_PRIVATE);
	gms_range_map_store(&kvm->mem_attr, start, end, attributes);
	gms_kvm_mmu_invalidate_end(kvm);
	return 0;
}

/* mirrors: kvm_vm_ioctl_set_mem_attributes() */
int gms_kvm_set_mem_attributes(struct gms_world *w, struct gms_kvm *kvm,
			       const struct gms_memory_attributes *attrs)
{
	u64 start, end;

	(void)w;
	if (attrs->flags)
		return -EINVAL;
	if (attrs->attributes & ~gms_kvm_supported_mem_attributes(kvm))
		return -EINVAL;
	if (attrs->size == 0 || attrs->address + attrs->size < attrs->address)
		return -EINVAL;
	if (!GMS_PAGE_ALIGNED(attrs->address) || !GMS_PAGE_ALIGNED(attrs->size))
		return -EINVAL;
	start = attrs->address >> GMS_PAGE_SHIFT;
	end = (attrs->address + attrs->size) >> GMS_PAGE_SHIFT;
	return kvm_vm_set_mem_attributes(kvm, start, end, attrs->attributes);
}

u32 gms_kvm_key(const struct gms_kvm *kvm)
{
	return kvm->arch->key ? kvm->arch->key(kvm) : 0;
}
