/* SPDX-License-Identifier: GPL-2.0 */
/* Design knobs (DESIGN.md section 5). The zero value of each is upstream Linux. */
#ifndef GMEMSIM_POLICY_H
#define GMEMSIM_POLICY_H

#include <glib.h>
#include <gmemsim/types.h>

enum gms_abi {
	GMS_ABI_7_2, /* -EEXIST for overlapping bindings, unsigned offset+size */
	GMS_ABI_6_18, /* -EINVAL for overlapping bindings, signed offset+size */
	/*
	 * 6.18's bind checks and errno, plus the NUMA shared policy of 6.19
	 * with its double-counted interleave index (7.2 fixed it)
	 */
	GMS_ABI_6_19,
};

/*
 * write(): none is upstream (no .write_iter); populate is Nikita Kalyazin's
 * "KVM: guest_memfd: add generic population via write" (v7, 2025-11-14,
 * 20251114151828.98165-1-kalyazin@amazon.com; posted, not merged)
 */
enum gms_write_policy { GMS_WRITE_NONE, GMS_WRITE_POPULATE };

/*
 * userfaultfd on guest_memfd (src/model/gmem_uffd.c): off is upstream;
 * minor is "KVM: guest_memfd: implement userfaultfd minor mode" and
 * missing adds "... missing mode" (Mike Rapoport, RFC 14/17 and 15/17,
 * 2026-01-27, 20260127192936.1250096-1-rppt@kernel.org; mm-new, not merged)
 */
enum gms_uffd_policy {
	GMS_UFFD_OFF,
	GMS_UFFD_POLICY_MINOR,
	GMS_UFFD_POLICY_MISSING
};

/* host NUMA nodes (src/hw/physmem.c): the knob's value is the count */
enum gms_numa_nodes_policy {
	GMS_NUMA_NODES_1,
	GMS_NUMA_NODES_2,
	GMS_NUMA_NODES_4,
};

enum gms_bind_policy {
	GMS_BIND_SINGLE_VM, /* option (a) of seed 004 */
	GMS_BIND_ZERO_ON_UNBIND, /* (b) */
	GMS_BIND_ZERO_ON_REBIND, /* (c) */
	GMS_BIND_UNRESTRICTED, /* no f->kvm check: the vulnerable baseline */
};

enum gms_pin_policy { GMS_PIN_FILE_PINS_VM, GMS_PIN_SLOT_PINS_FILE };
enum gms_mmap_policy {
	GMS_MMAP_SHARED_PAGES,
	GMS_MMAP_NONE,
	GMS_MMAP_ALL_OR_NOTHING
};
enum gms_convert_policy {
	GMS_CONVERT_ATTRIBUTES,
	GMS_CONVERT_IN_PLACE, /* the in-place conversion series (v13) */
	GMS_CONVERT_IN_PLACE_ZERO,
	GMS_CONVERT_IN_PLACE_PRESERVE
};
enum gms_direct_map_policy {
	GMS_DIRECT_MAP_KEEP,
	GMS_DIRECT_MAP_REMOVE,
	GMS_DIRECT_MAP_PKRU
};
enum gms_snp_zap_policy { GMS_SNP_ZAP, GMS_SNP_PRESERVE };
enum gms_link_policy { GMS_LINK_REFUSED, GMS_LINK_ALLOWED };
/*
 * HugeTLB guest_memfd (DESIGN.md 3.2.2): refused is mainline (the flag and
 * a non-zero page_order are EINVAL); allowed is the HugeTLB guest_memfd
 * series (Ackerley Tng et al.; intel/tdx virt/kvm/guest_memfd_hugetlb.c
 * @a9e7a72f3eca, the HT code of upstream-2026-11.md 2.2; posted, not merged)
 */
enum gms_hugetlb_policy { GMS_HUGETLB_REFUSED, GMS_HUGETLB_ALLOWED };
/* in the order of DESIGN.md's table (and of the knob's value list) */
enum gms_mutant {
	GMS_MUTANT_NONE,
	GMS_MUTANT_RELEASE_UAF,
	GMS_MUTANT_TOGGLE_GMEM_FLAG,
	GMS_MUTANT_NO_INVALIDATE_RETRY,
	GMS_MUTANT_SHARED_NOT_ZAPPED,
	GMS_MUTANT_SIGNED_OFFSET,
	GMS_MUTANT_TRUNCATE_ZEROES,
	GMS_MUTANT_SNP_INVALIDATE_CONTINUE,
	GMS_MUTANT_ASID_NO_FLUSH,
	GMS_MUTANT_TDX_NO_TRACK,
	GMS_MUTANT_PKVM_NO_POISON,
	GMS_MUTANT_RELEASE_LOCK_ORDER,
	GMS_MUTANT_NO_SCRUB,
	GMS_MUTANT_CONVERT_NO_REFCOUNT,
	GMS_MUTANT_CONVERT_NO_ZAP,
	GMS_MUTANT_SPLIT_REFERENCED,
	GMS_MUTANT_HUGE_MAP_MIXED, /* the huge-hw branch's */
	GMS_MUTANT_MERGE_EARLY,
	GMS_MUTANT_NO_PSMASH, /* the huge-hw branch's */
	GMS_MUTANT_TDX_DEMOTE_NO_TRACK, /* the huge-hw branch's */
};

struct gms_policy {
	enum gms_abi abi;
	enum gms_bind_policy bind;
	enum gms_pin_policy pin;
	enum gms_mmap_policy mmap;
	enum gms_convert_policy convert;
	enum gms_direct_map_policy direct_map;
	enum gms_snp_zap_policy snp_zap;
	enum gms_link_policy link;
	enum gms_mutant mutant;
	enum gms_numa_nodes_policy numa_nodes;
	enum gms_write_policy write;
	enum gms_uffd_policy uffd;
	enum gms_hugetlb_policy hugetlb;
};

struct gms_policy_knob {
	const char *name;
	const char *const *values; /* NULL-terminated; the first is the default */
	const bool *
		modelled; /* per value: false = named in DESIGN.md, not modelled yet */
	const char *source;
	size_t offset; /* of the enum field in struct gms_policy */
};

const struct gms_policy_knob *gms_policy_knobs(size_t *n);
const struct gms_policy_knob *gms_policy_knob_lookup(const char *name);
/*
 * Set @name to @value. 0 on success; -ENOENT for an unknown knob, -EINVAL
 * for an unknown value, -EOPNOTSUPP for a value not modelled yet.
 */
int gms_policy_set(struct gms_policy *p, const char *name, const char *value);
/*
 * Apply "name=value[,name=value...]" (the fuzzers' GMEMSIM_POLICY). 0, or
 * the first gms_policy_set() error with the offending item in @bad.
 */
int gms_policy_parse_list(struct gms_policy *p, const char *list, char **bad);

/* The hooks the upstream path asks (src/model/mutants.c, src/model/abi.c) */
struct gms_world;
/* is @bug re-injected? */
bool gms_mutant(const struct gms_world *w, enum gms_mutant bug);
/* kvm_gmem_bind()'s offset checks, per abi= */
bool gms_abi_bind_range_ok(const struct gms_world *w, s64 offset, u64 size,
			   u64 i_size);
/* kvm_gmem_bind()'s errno for an overlapping binding, per abi= */
int gms_abi_bind_overlap_errno(const struct gms_world *w);
/* guest_memfd has vm_ops->set_policy/get_policy (6.19 and later) */
bool gms_abi_gmem_has_mempolicy(const struct gms_world *w);
/* kvm_gmem_get_policy()'s *ilx for the page at @pgoff of inode @ino, per abi= */
u64 gms_abi_gmem_ilx(const struct gms_world *w, u64 ino, u64 pgoff);
/* the numa_nodes= knob as a node count */
unsigned int gms_policy_numa_nodes(const struct gms_policy *p);

#endif
