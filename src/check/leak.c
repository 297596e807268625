// SPDX-License-Identifier: GPL-2.0
/* leak: with every fd closed, nothing the scenario created may remain. */
#include "check_internal.h"

void gms_check_leak(struct gms_world *w, GPtrArray *out)
{
	struct gms_violation *v;

	for (GList *l = w->vms; l; l = l->next) {
		struct gms_kvm *kvm = l->data;
		char *vm = gms_describe(w, GMS_OBJ_KVM, kvm->id);

		v = gms_violation_add(out, "leak",
				      "%s is alive with %u references", vm,
				      kvm->users_count);
		gms_violation_object(v, "%s", vm);
		g_free(vm);
	}
	for (GList *l = w->inodes; l; l = l->next) {
		struct gms_gmem_inode *inode = l->data;

		v = gms_violation_add(
			out, "leak",
			"guest_memfd inode #%u is alive with %u files",
			inode->id, inode->i_count);
		gms_violation_object(v, "inode #%u", inode->id);
	}
	if (g_tree_nnodes(w->mm.vmas))
		gms_violation_add(out, "leak", "%d host mappings remain",
				  g_tree_nnodes(w->mm.vmas));
	if (w->mm.pins->len)
		gms_violation_add(out, "leak", "%u pins remain",
				  w->mm.pins->len);
	if (gms_hw_table_size(w->hw.rmp.entries))
		gms_violation_add(out, "leak",
				  "%u RMP entries are not hypervisor-owned",
				  gms_hw_table_size(w->hw.rmp.entries));
	if (gms_hw_table_size(w->hw.tdx.tds))
		gms_violation_add(out, "leak", "%u TDs were never reclaimed",
				  gms_hw_table_size(w->hw.tdx.tds));
	if (gms_hw_table_size(w->hw.pkvm.vms))
		gms_violation_add(out, "leak",
				  "%u pKVM VMs were never torn down",
				  gms_hw_table_size(w->hw.pkvm.vms));
	if (gms_hw_table_size(w->hw.pkvm.pages))
		gms_violation_add(
			out, "leak",
			"%u pages are not exclusively the host's again",
			gms_hw_table_size(w->hw.pkvm.pages));
	for (u16 h = 1; h <= GMS_TDX_MAX_HKID; h++)
		if (w->hw.tdx.kot[h] != KOT_FREE)
			gms_violation_add(out, "leak", "HKID %u is not free",
					  h);
	for (u16 a = 1; a <= GMS_SNP_MAX_ASID; a++)
		if (w->hw.snp.state[a] == ASID_INUSE)
			gms_violation_add(out, "leak",
					  "ASID %u is still in use", a);
	if (w->physmem.nr_allocated)
		gms_violation_add(out, "leak",
				  "%" G_GUINT64_FORMAT
				  " pages are still allocated",
				  w->physmem.nr_allocated);
}
