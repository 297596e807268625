// SPDX-License-Identifier: GPL-2.0
/* The design knobs of DESIGN.md section 5, by name. */
#include <string.h>

#include <gmemsim/policy.h>

static const char *const abi_values[] = { "7.2", "6.18", "6.19", NULL };
static const bool abi_modelled[] = { true, true, true };
static const char *const bind_values[] = { "single-vm", "zero-on-unbind",
					   "zero-on-rebind", "unrestricted",
					   NULL };
static const bool bind_modelled[] = { true, true, true, true };
static const char *const pin_values[] = { "file-pins-vm", "slot-pins-file",
					  NULL };
static const bool pin_modelled[] = { true, true };
static const char *const mmap_values[] = { "shared-pages", "none",
					   "all-or-nothing", NULL };
static const bool mmap_modelled[] = { true, true, true };
static const char *const convert_values[] = { "attributes", "in-place",
					      "in-place-zero",
					      "in-place-preserve", NULL };
static const bool convert_modelled[] = { true, true, true, true };
static const char *const direct_map_values[] = { "keep", "remove", "pkru",
						 NULL };
static const bool direct_map_modelled[] = { true, true, true };
static const char *const snp_zap_values[] = { "zap", "preserve", NULL };
static const bool snp_zap_modelled[] = { true, true };
static const char *const link_values[] = { "refused", "allowed", NULL };
static const bool link_modelled[] = { true, true };
static const char *const hugetlb_values[] = { "refused", "allowed", NULL };
static const bool hugetlb_modelled[] = { true, true };
static const char *const mutant_values[] = { "none",
					     "release-uaf",
					     "toggle-gmem-flag",
					     "no-invalidate-retry",
					     "shared-not-zapped",
					     "signed-offset",
					     "truncate-zeroes",
					     "snp-invalidate-continue",
					     "asid-no-flush",
					     "tdx-no-track",
					     "pkvm-no-poison",
					     "release-lock-order",
					     "no-scrub",
					     "convert-no-refcount",
					     "convert-no-zap",
					     "split-referenced",
					     "huge-map-mixed",
					     "merge-early",
					     "no-psmash",
					     "tdx-demote-no-track",
					     NULL };
static const bool mutant_modelled[] = {
	true, true, true, true, true, true, true, true, true, true,
	true, true, true, true, true, true, true, true, true, true,
};

static const char *const numa_nodes_values[] = { "1", "2", "4", NULL };
static const bool numa_nodes_modelled[] = { true, true, true };
static const char *const write_values[] = { "none", "populate", NULL };
static const bool write_modelled[] = { true, true };
static const char *const uffd_values[] = { "off", "minor", "missing", NULL };
static const bool uffd_modelled[] = { true, true, true };

#define KNOB(n, v, src, field)                                               \
	{                                                                    \
		.name = n, .values = v##_values, .modelled = v##_modelled,   \
		.source = src, .offset = offsetof(struct gms_policy, field), \
	}

static const struct gms_policy_knob knobs[] = {
	KNOB("abi", abi, "gmem_uapi.md 0.1", abi),
	KNOB("bind", bind, "seed 004", bind),
	KNOB("pin", pin, "seed 004", pin),
	KNOB("mmap", mmap, "seed 002, gmem_uapi.md 2.5", mmap),
	KNOB("convert", convert,
	     "seeds 000, 002; upstream-2026-11.md 1.4 (series v13)", convert),
	KNOB("direct_map", direct_map, "seed 000", direct_map),
	KNOB("snp_zap", snp_zap, "seed 003", snp_zap),
	KNOB("link", link, "seeds 003, 004 (gmem.link)", link),
	KNOB("hugetlb", hugetlb,
	     "seeds 000, 002; upstream-2026-11.md 2.2 (HugeTLB guest_memfd; "
	     "intel/tdx guest_memfd_hugetlb.c @a9e7a72f3eca)",
	     hugetlb),
	KNOB("mutant", mutant, "gmem_uapi.md 5, hw_models.md", mutant),
	KNOB("numa_nodes", numa_nodes,
	     "issue 18: NUMA mempolicy on guest_memfd (6.19); host nodes",
	     numa_nodes),
	KNOB("write", write,
	     "upstream-2026-11.md 2 (write() population series, v7 2025-11-14)",
	     write),
	KNOB("uffd", uffd,
	     "upstream-2026-11.md 2 (userfaultfd on guest_memfd, RFC 2026-01-27)",
	     uffd),
};

unsigned int gms_policy_numa_nodes(const struct gms_policy *p)
{
	return 1U << p->numa_nodes;
}

const struct gms_policy_knob *gms_policy_knobs(size_t *n)
{
	*n = G_N_ELEMENTS(knobs);
	return knobs;
}

const struct gms_policy_knob *gms_policy_knob_lookup(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(knobs); i++)
		if (!strcmp(knobs[i].name, name))
			return &knobs[i];
	return NULL;
}

int gms_policy_set(struct gms_policy *p, const char *name, const char *value)
{
	const struct gms_policy_knob *k = gms_policy_knob_lookup(name);

	if (!k)
		return -ENOENT;
	for (int i = 0; k->values[i]; i++) {
		if (strcmp(k->values[i], value))
			continue;
		if (!k->modelled[i])
			return -EOPNOTSUPP;
		*(int *)((char *)p + k->offset) = i;
		return 0;
	}
	return -EINVAL;
}

int gms_policy_parse_list(struct gms_policy *p, const char *list, char **bad)
{
	char **items = g_strsplit_set(list ? list : "", ", ", -1);
	int r = 0;

	*bad = NULL;
	for (char **it = items; *it && !r; it++) {
		char *eq = strchr(*it, '=');

		if (!**it)
			continue;
		if (!eq) {
			r = -EINVAL;
		} else {
			*eq = '\0';
			r = gms_policy_set(p, *it, eq + 1);
			*eq = '=';
		}
		if (r)
			*bad = g_strdup(*it);
	}
	g_strfreev(items);
	return r;
}
