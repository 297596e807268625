// SPDX-License-Identifier: GPL-2.0
/* confidentiality: hw_models.md G5 (and G3 for host mappings). */
#include "check_internal.h"

static void report(struct gms_world *w, GPtrArray *out, const char *rule,
		   u32 reader, const struct gms_page *p, u64 pfn,
		   const char *how)
{
	char *who = gms_describe_principal(w, reader);
	char *owner = gms_describe_principal(w, p->writer);
	char *tag = gms_describe(w, GMS_OBJ_TAG, p->tag);
	struct gms_violation *v;

	v = gms_violation_add(out, "confidentiality",
			      "(%s) %s %s pfn %" G_GUINT64_FORMAT
			      " holding %s's private data %s",
			      rule, who, how, pfn, owner, tag);
	gms_violation_object(v, "%s", who);
	gms_violation_object(v, "%s", owner);
	gms_violation_object(v, "pfn %" G_GUINT64_FORMAT, pfn);
	g_free(who);
	g_free(owner);
	g_free(tag);
}

static void check_spte(struct gms_world *w, struct gms_kvm *kvm,
		       struct gms_spte *spte, GPtrArray *out)
{
	const struct gms_page *p = gms_physmem_page(&w->physmem, spte->pfn);
	u32 key = spte->private ? gms_kvm_key(kvm) : 0;

	/* under another key the mapping shows ciphertext, not the data */
	if (p && p->private_data && p->writer != kvm->guest && p->key == key)
		report(w, out, "G5", kvm->id, p, spte->pfn, "maps");
}

static void check_pte(struct gms_world *w, struct gms_vma *vma,
		      struct gms_pte *pte, GPtrArray *out)
{
	const struct gms_page *p = gms_physmem_page(&w->physmem, pte->pfn);

	(void)vma;
	if (p && p->private_data && !p->key)
		report(w, out, "G3", GMS_PRINCIPAL_HOST, p, pte->pfn,
		       "maps into userspace");
}

void gms_check_confidentiality_in(struct gms_world *w,
				  const struct gms_scope *sc, GPtrArray *out)
{
	for (guint i = 0; i < gms_array_len(w->observations); i++) {
		struct gms_observation *o = &g_array_index(
			w->observations, struct gms_observation, i);
		struct gms_page seen = { .tag = o->tag,
					 .writer = o->writer,
					 .private_data = o->private_data };
		char how[64];

		if (!o->private_data || o->writer == o->reader ||
		    o->key != o->reader_key)
			continue;
		g_snprintf(how, sizeof(how), "read (%s)", o->via);
		report(w, out, "G5", o->reader, &seen, o->pfn, how);
	}
	gms_for_each_spte(w, sc, check_spte, out);
	gms_for_each_pte(w, sc, check_pte, out);
}

void gms_check_confidentiality(struct gms_world *w, GPtrArray *out)
{
	gms_check_confidentiality_in(w, NULL, out);
}
