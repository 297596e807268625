// SPDX-License-Identifier: GPL-2.0
/*
 * Who a guest_memfd file belongs to: seed 004's alternatives to "one VM per
 * file" (bind=) and to "the file pins the VM" (pin=), DESIGN.md section 5.
 * Upstream is bind=single-vm, pin=file-pins-vm; everything else here is a
 * proposal the kernel never merged, modelled so its consequences replay.
 */
#include "gmem_internal.h"

/* pin=slot-pins-file: Ackerley Tng's refcount flip (seed 004's POC) */
static bool slot_pins_file(const struct gms_world *w)
{
	return w->policy.pin == GMS_PIN_SLOT_PINS_FILE;
}

/*
 * mirrors: __kvm_gmem_create()'s kvm_get_kvm() under pin=file-pins-vm.
 * Under slot-pins-file the file starts without a VM: "if a kvm pointer
 * exists, it must be the same kvm as the one in this binding" (seed 004).
 */
void gms_gmem_owner_init(struct gms_world *w, struct gms_gmem_file *f,
			 struct gms_kvm *kvm)
{
	f->owner_id = kvm->id;
	if (slot_pins_file(w))
		return;
	gms_kvm_get(kvm);
	f->kvm = kvm;
	gms_dirty_file_kvm(w, f);
}

/* the kvm_put_kvm() that ends kvm_gmem_release() (file-pins-vm only) */
void gms_gmem_owner_release(struct gms_world *w, struct gms_gmem_file *f)
{
	struct gms_kvm *kvm = f->kvm;

	if (slot_pins_file(w) || !kvm)
		return;
	gms_kvm_put(w, kvm);
}

/*
 * kvm_gmem_bind()'s `if (f->kvm != kvm) goto err;`, which is bind=single-vm
 * (upstream); the other bind= values decide in gms_gmem_owner_bind(),
 * after the offset checks, as the kernel's order would put them.
 */
int gms_gmem_owner_check(struct gms_world *w, struct gms_gmem_file *f,
			 struct gms_kvm *kvm)
{
	if (f->kvm != kvm && f->kvm && w->policy.bind == GMS_BIND_SINGLE_VM)
		return -EINVAL;
	return 0;
}

/* Zero the file's memory: truncate every folio (the hardware reclaims it). */
static void gmem_owner_zero(struct gms_world *w, struct gms_gmem_file *f)
{
	gms_gmem_invalidate_begin(w, f->inode, 0, G_MAXUINT64);
	gms_gmem_truncate_range(w, f->inode, 0, G_MAXUINT64);
	gms_gmem_invalidate_end(f->inode, 0, G_MAXUINT64);
}

/* The file changes hands: the counted reference moves with it. */
static void gmem_owner_switch(struct gms_world *w, struct gms_gmem_file *f,
			      struct gms_kvm *kvm)
{
	struct gms_kvm *old = f->kvm;

	f->kvm = kvm;
	f->owner_id = kvm->id;
	gms_dirty_file_kvm(w, f);
	if (slot_pins_file(w))
		return;
	gms_kvm_get(kvm);
	if (old)
		gms_kvm_put(w, old);
}

/* Who the file belongs to once @kvm binds it; 0 or -EINVAL. */
static int gmem_owner_take(struct gms_world *w, struct gms_gmem_file *f,
			   struct gms_kvm *kvm)
{
	if (f->kvm == kvm || w->policy.bind == GMS_BIND_UNRESTRICTED)
		return 0;
	/* a VM still binding the file keeps it (single-vm failed earlier) */
	if (f->kvm && gms_range_map_next(&f->bindings, NULL))
		return -EINVAL;
	/* (c) zeroes for any VM but the last owner, even one taking a VM-less file */
	if (w->policy.bind == GMS_BIND_ZERO_ON_REBIND && f->owner_id != kvm->id)
		gmem_owner_zero(w, f);
	gmem_owner_switch(w, f, kvm);
	return 0;
}

/*
 * The rest of kvm_gmem_bind()'s f->kvm check, per bind= (single-vm's
 * -EINVAL comes first, in the kernel's order, in gms_gmem_owner_check()):
 *  unrestricted: f->kvm stays the creator, so the file's invalidations
 *    miss the binder (seed 004's "wrong VM" badness);
 *  zero-on-unbind (b), zero-on-rebind (c): a VM may take over a file that
 *    no memslot binds any more; (c) zeroes it then, (b) did at the unbind.
 * Under pin=slot-pins-file a file whose last binding went has no VM, and
 * the first binder takes it, whatever bind= says (the POC's rule); the
 * memslot then holds a reference on the file.
 */
int gms_gmem_owner_bind(struct gms_world *w, struct gms_gmem_file *f,
			struct gms_kvm *kvm)
{
	int r = gmem_owner_take(w, f, kvm);

	if (!r && slot_pins_file(w))
		gms_gmem_file_get(f);
	return r;
}

/*
 * After __kvm_gmem_unbind(): what the proposals do when a binding goes.
 * (b) frees the memory when the last binding goes; slot-pins-file NULLs
 * f->kvm then ("When the binding to the last memslot is removed from a
 * file, NULL the kvm pointer") and drops the memslot's reference. That
 * fput is deferred to task_work, as fput() from a syscall is: the caller
 * holds locks that kvm_gmem_release() would take.
 */
void gms_gmem_owner_unbound(struct gms_world *w, struct gms_gmem_file *f)
{
	bool last = !gms_range_map_next(&f->bindings, NULL);

	if (last && w->policy.bind == GMS_BIND_ZERO_ON_UNBIND)
		gmem_owner_zero(w, f);
	if (!slot_pins_file(w))
		return;
	if (last)
		f->kvm = NULL;
	gms_world_defer_fput(w, f);
}
