// SPDX-License-Identifier: GPL-2.0
/* The op table of the scenario language: spellings, arguments, summaries. */
#include <stdlib.h>
#include <string.h>

#include "../run/exec.h"

static const struct gms_flag_name vm_types[] = {
	{ "default", GMS_VM_DEFAULT }, { "sw_protected", GMS_VM_SW_PROTECTED },
	{ "snp", GMS_VM_SNP },	       { "tdx", GMS_VM_TDX },
	{ "pkvm", GMS_VM_PKVM },       { NULL, 0 },
};

static const struct gms_flag_name gmem_flags[] = {
	{ "mmap", GUEST_MEMFD_FLAG_MMAP },
	{ "init_shared", GUEST_MEMFD_FLAG_INIT_SHARED },
	/* write=populate (the write() series) */
	{ "write", GUEST_MEMFD_FLAG_WRITE },
	{ "no_direct_map", GUEST_MEMFD_FLAG_NO_DIRECT_MAP },
	/* hugetlb=allowed (the HugeTLB guest_memfd series) */
	{ "hugetlb", GUEST_MEMFD_FLAG_HUGETLB },
	{ NULL, 0 },
};

static const struct gms_flag_name slot_flags[] = {
	{ "log_dirty_pages", KVM_MEM_LOG_DIRTY_PAGES },
	{ "readonly", KVM_MEM_READONLY },
	{ "guest_memfd", KVM_MEM_GUEST_MEMFD },
	{ NULL, 0 },
};

static const struct gms_flag_name falloc_modes[] = {
	{ "keep_size", FALLOC_FL_KEEP_SIZE },
	{ "punch_hole", FALLOC_FL_PUNCH_HOLE },
	{ "no_hide_stale", FALLOC_FL_NO_HIDE_STALE },
	{ "collapse_range", FALLOC_FL_COLLAPSE_RANGE },
	{ "zero_range", FALLOC_FL_ZERO_RANGE },
	{ "insert_range", FALLOC_FL_INSERT_RANGE },
	{ "unshare_range", FALLOC_FL_UNSHARE_RANGE },
	{ NULL, 0 },
};

#define NUM(k)                              \
	{                                   \
		k, GMS_VAL_NUM, false, NULL \
	}
#define NUM_REQ(k)                         \
	{                                  \
		k, GMS_VAL_NUM, true, NULL \
	}
#define NAME_REQ(k)                         \
	{                                   \
		k, GMS_VAL_NAME, true, NULL \
	}
#define BOOL(k)                              \
	{                                    \
		k, GMS_VAL_BOOL, false, NULL \
	}
#define END                          \
	{                            \
		NULL, 0, false, NULL \
	}

static const struct gms_key_spec k_vm_create[] = { { "type", GMS_VAL_ENUM,
						     false, vm_types },
						   END };
static const struct gms_key_spec k_none[] = { END };
static const struct gms_key_spec k_gmem_create[] = { NAME_REQ("vm"),
						     NUM_REQ("size"),
						     { "flags", GMS_VAL_FLAGS,
						       false, gmem_flags },
						     NUM("page_order"),
						     END };
static const struct gms_key_spec k_range[] = { NUM_REQ("offset"),
					       NUM_REQ("len"), END };
static const struct gms_key_spec k_fallocate[] = { { "mode", GMS_VAL_FLAGS,
						     true, falloc_modes },
						   NUM_REQ("offset"),
						   NUM_REQ("len"),
						   END };
static const struct gms_key_spec k_truncate[] = { NUM_REQ("size"), END };
static const struct gms_key_spec k_mmap[] = { NAME_REQ("gmem"), NUM("offset"),
					      NUM("len"), END };
static const struct gms_key_spec k_munmap[] = { NUM("offset"), NUM("len"),
						END };
/* read/write/pread/pwrite/lseek: offset= is pos (pread/pwrite, lseek) */
static const struct gms_key_spec k_rw[] = { NUM("offset"), NUM("len"), END };
static const struct gms_key_spec k_anon[] = { NUM_REQ("size"), END };
static const struct gms_key_spec k_host[] = { NUM_REQ("offset"), END };
static const struct gms_key_spec k_host_write[] = { NUM_REQ("offset"),
						    { "tag", GMS_VAL_TAG, true,
						      NULL },
						    END };
/* memslot.set ioctl=: KVM_SET_USER_MEMORY_REGION or ..._REGION2 (default) */
static const struct gms_flag_name region_ioctls[] = {
	{ "v1", 0 },
	{ "v2", 1 },
	{ NULL, 0 },
};
static const struct gms_key_spec k_memslot_set[] = {
	NUM_REQ("slot"),
	NUM_REQ("gpa"),
	NUM_REQ("size"),
	{ "gmem", GMS_VAL_NAME, false, NULL },
	NUM("offset"),
	{ "uaddr", GMS_VAL_ADDR, false, NULL },
	{ "flags", GMS_VAL_FLAGS, false, slot_flags },
	NUM("as"),
	{ "ioctl", GMS_VAL_ENUM, false, region_ioctls },
	END
};
static const struct gms_key_spec k_memslot_delete[] = { NUM_REQ("slot"),
							NUM("as"), END };
static const struct gms_key_spec k_memslot_move[] = { NUM_REQ("slot"),
						      NUM_REQ("gpa"), NUM("as"),
						      END };
static const struct gms_key_spec k_attr[] = { NUM_REQ("gpa"), NUM_REQ("size"),
					      NUM("attributes"), NUM("flags"),
					      END };
static const struct gms_key_spec k_guest_read[] = { NUM_REQ("gpa"), END };
static const struct gms_key_spec k_guest_write[] = { NUM_REQ("gpa"),
						     { "tag", GMS_VAL_TAG, true,
						       NULL },
						     END };
static const struct gms_key_spec k_expect_folio[] = { NUM_REQ("offset"),
						      NUM("order"), NUM("refs"),
						      END };
static const struct gms_key_spec k_expect_page[] = { NUM_REQ("offset"),
						     BOOL("present"),
						     BOOL("private"),
						     BOOL("shared"),
						     { "tag", GMS_VAL_TAG,
						       false, NULL },
						     NUM("node"),
						     NUM("interleave_node"),
						     NUM("order"),
						     NUM("pool_free"),
						     END };
/* NUMA: mbind()'s modes and mode flags (a number passes as it is) */
static const struct gms_flag_name mpol_modes[] = {
	{ "default", GMS_MPOL_DEFAULT },
	{ "preferred", GMS_MPOL_PREFERRED },
	{ "bind", GMS_MPOL_BIND },
	{ "interleave", GMS_MPOL_INTERLEAVE },
	{ "local", GMS_MPOL_LOCAL },
	{ "static_nodes", GMS_MPOL_F_STATIC_NODES },
	{ "relative_nodes", GMS_MPOL_F_RELATIVE_NODES },
	{ NULL, 0 },
};
/* node numbers; the executor reads the words, not the parser's bits */
static const struct gms_flag_name numa_node_names[] = {
	{ "none", 0 }, { "0", 0 }, { "1", 0 }, { "2", 0 }, { "3", 0 },
	{ "4", 0 },    { "5", 0 }, { "6", 0 }, { "7", 0 }, { NULL, 0 },
};
static const struct gms_key_spec k_mbind[] = {
	{ "mode", GMS_VAL_FLAGS, true, mpol_modes },
	{ "nodes", GMS_VAL_FLAGS, false, numa_node_names },
	NUM("offset"),
	NUM("len"),
	END
};
/* uffd=: UFFDIO_REGISTER's modes */
static const struct gms_flag_name uffd_modes[] = {
	{ "missing", GMS_UFFD_MISSING },
	{ "minor", GMS_UFFD_MINOR },
	{ NULL, 0 },
};
static const struct gms_key_spec k_uffd_register[] = { { "mode", GMS_VAL_FLAGS,
							 true, uffd_modes },
						       NUM("offset"),
						       NUM("len"),
						       END };
static const struct gms_key_spec k_uffd_copy[] = { NUM_REQ("offset"),
						   { "tag", GMS_VAL_TAG, true,
						     NULL },
						   END };
static const struct gms_key_spec k_expect_mempolicy[] = {
	NUM("offset"),
	{ "mode", GMS_VAL_FLAGS, false, mpol_modes },
	{ "nodes", GMS_VAL_FLAGS, false, numa_node_names },
	END
};
static const struct gms_key_spec k_expect_vm[] = { BOOL("alive"), NUM("refs"),
						   NUM("asid"),	  NUM("hkid"),
						   NUM("handle"), END };
static const struct gms_key_spec k_expect_gmem[] = { BOOL("alive"),
						     NUM("bindings"), END };
static const struct gms_key_spec k_gpa[] = { NUM_REQ("gpa"), END };
static const struct gms_key_spec k_offset[] = { NUM_REQ("offset"), END };
static const struct gms_key_spec k_populate[] = { NUM_REQ("offset"),
						  { "tag", GMS_VAL_TAG, true,
						    NULL },
						  END };
/* gmem.populate: no tag= is no source (convert=in-place, the series) */
static const struct gms_key_spec k_populate_src[] = { NUM_REQ("offset"),
						      { "tag", GMS_VAL_TAG,
							false, NULL },
						      END };
static const struct gms_flag_name convert_to[] = {
	{ "shared", 0 },
	{ "private", 1 },
	{ NULL, 0 },
};
static const struct gms_key_spec k_convert[] = { NUM_REQ("offset"),
						 NUM_REQ("len"),
						 { "to", GMS_VAL_ENUM, true,
						   convert_to },
						 END };
static const struct gms_key_spec k_link[] = { NAME_REQ("from"), NAME_REQ("vm"),
					      END };
static const struct gms_key_spec k_move_enc[] = { NAME_REQ("from"), END };
static const struct gms_flag_name sept_state_values[] = {
	{ "free", 0 },	  { "mapped", 1 },	    { "blocked", 2 },
	{ "pending", 3 }, { "pending_blocked", 4 }, { NULL, 0 },
};
/* leaf levels in enum gms_pg_level order (TDX_PS_*, RMP pagesize) */
static const struct gms_flag_name level_values[] = { { "4k", 0 },
						     { "2m", 1 },
						     { "1g", 2 },
						     { NULL, 0 } };
static const struct gms_key_spec k_expect_sept[] = {
	NUM_REQ("gpa"),
	{ "state", GMS_VAL_ENUM, false, sept_state_values },
	{ "level", GMS_VAL_ENUM, false, level_values },
	END
};
static const struct gms_key_spec k_accept[] = { NUM_REQ("gpa"),
						{ "level", GMS_VAL_ENUM, false,
						  level_values },
						END };
static const struct gms_key_spec k_expect_mapping[] = { NUM_REQ("gpa"),
							NUM("present"),
							{ "level", GMS_VAL_ENUM,
							  false, level_values },
							END };
static const struct gms_flag_name pkvm_state_values[] = {
	{ "owned", 0 },	 { "shared_owned", 1 }, { "shared_borrowed", 2 },
	{ "nopage", 3 }, { NULL, 0 },
};
static const struct gms_key_spec k_expect_pkvm[] = {
	NUM_REQ("offset"),
	{ "owner", GMS_VAL_NAME_OR_WORD, false, NULL },
	{ "state", GMS_VAL_ENUM, false, pkvm_state_values },
	END
};
static const struct gms_key_spec k_expect_hw[] = { NUM("offset"),
						   NUM("gpa"),
						   NUM("assigned"),
						   NUM("asid"),
						   NUM("validated"),
						   NUM("immutable"),
						   { "pagesize", GMS_VAL_ENUM,
						     false, level_values },
						   END };

/* issue 18: the uAPI of the upstream selftests (exec_uapi.c) */
static const struct gms_key_spec k_fstat[] = { NUM("size"), NUM("blksize"),
					       NUM("blocks"), END };
/* the order of exec_uapi.c's caps[] */
static const struct gms_flag_name cap_names[] = {
	{ "guest_memfd", 0 },	    { "guest_memfd_flags", 1 },
	{ "memory_attributes", 2 }, { "vm_types", 3 },
	{ "user_memory2", 4 },	    { "pre_fault_memory", 5 },
	{ "memory_fault_info", 6 }, { NULL, 0 },
};
static const struct gms_key_spec k_check_extension[] = {
	{ "cap", GMS_VAL_ENUM, true, cap_names },
	{ "vm", GMS_VAL_NAME, false, NULL },
	END
};
static const struct gms_key_spec k_pre_fault[] = {
	NUM_REQ("gpa"), NUM_REQ("size"), NUM("flags"), NUM("left"), END
};
/* the order of exec_uapi.c's advice[] */
static const struct gms_flag_name advice_names[] = {
	{ "dontneed", 0 }, { "remove", 1 }, { "collapse", 2 },
	{ "hugepage", 3 }, { NULL, 0 },
};
static const struct gms_key_spec k_madvise[] = { { "advice", GMS_VAL_ENUM, true,
						   advice_names },
						 NUM("offset"),
						 NUM("len"),
						 END };

static const char *const w_private_shared[] = { "private", "shared", NULL };
static const char *const w_mmap[] = { "private", "exec", NULL };

#define HW "the hardware models (SNP, TDX, pKVM) arrive with their own work"

static const struct gms_op_spec ops[] = {
	{ "attr.set",
	  "attr.set VM gpa=A size=S private|shared [attributes=N] [flags=N]",
	  "KVM_SET_MEMORY_ATTRIBUTES", GMS_H_NONE, 1, k_attr, w_private_shared,
	  NULL, gms_exec_attr_set, gms_spawn_attr_set },
	{ "check", "check", "run every invariant now", GMS_H_NONE, 0, k_none,
	  NULL, NULL, gms_exec_check },
	{ "expect.folio", "expect.folio G offset=O [order=N] [refs=N]",
	  "the folio that holds that index (model only): its order and "
	  "folio_ref_count()",
	  GMS_H_NONE, 1, k_expect_folio, NULL, NULL, gms_exec_expect_folio },
	{ "expect.gmem", "expect.gmem G [alive=0|1] [bindings=N]",
	  "the guest_memfd file behind G", GMS_H_NONE, 1, k_expect_gmem, NULL,
	  NULL, gms_exec_expect_gmem },
	{ "expect.mapping",
	  "expect.mapping VM gpa=A [present=0|1] [level=4k|2m|1g]",
	  "the stage-2 / NPT / S-EPT mirror leaf for that gpa", GMS_H_NONE, 1,
	  k_expect_mapping, NULL, NULL, gms_exec_expect_mapping },
	{ "expect.mempolicy",
	  "expect.mempolicy M [offset=O] [mode=M] [nodes=N,...]",
	  "get_mempolicy(MPOL_F_ADDR): the policy at a mapping's page",
	  GMS_H_NONE, 1, k_expect_mempolicy, NULL, NULL,
	  gms_exec_expect_mempolicy },
	{ "expect.page",
	  "expect.page G offset=O [present=0|1] [private=0|1] [shared=0|1] "
	  "[tag=T|zero] [node=N] [interleave_node=N] [order=N] [pool_free=0|1]",
	  "the page at O of G's inode", GMS_H_NONE, 1, k_expect_page, NULL,
	  NULL, gms_exec_expect_page },
	{ "expect.pkvm", "expect.pkvm G offset=O [owner=] [state=]",
	  "pKVM page ownership", GMS_H_NONE, 1, k_expect_pkvm, NULL, NULL,
	  gms_exec_expect_pkvm },
	{ "expect.rmp",
	  "expect.rmp G offset=O [assigned=] [asid=] [validated=] [immutable=] "
	  "[pagesize=4k|2m]",
	  "an RMP entry", GMS_H_NONE, 1, k_expect_hw, NULL, NULL,
	  gms_exec_expect_rmp },
	{ "expect.sept", "expect.sept VM gpa=A [state=...] [level=4k|2m]",
	  "a TDX S-EPT entry", GMS_H_NONE, 1, k_expect_sept, NULL, NULL,
	  gms_exec_expect_sept },
	{ "expect.vm", "expect.vm VM [alive=0|1] [refs=N]",
	  "the struct kvm behind VM", GMS_H_NONE, 1, k_expect_vm, NULL, NULL,
	  gms_exec_expect_vm },
	{ "gmem.allocate", "gmem.allocate G offset=O len=L",
	  "fallocate(KEEP_SIZE)", GMS_H_NONE, 1, k_range, NULL, NULL,
	  gms_exec_gmem_allocate },
	{ "gmem.close", "gmem.close G", "close the guest_memfd fd", GMS_H_NONE,
	  1, k_none, NULL, NULL, gms_exec_gmem_close, gms_spawn_gmem_close },
	{ "gmem.convert", "gmem.convert G offset=O len=L to=private|shared",
	  "in-place conversion (convert=in-place*; else ENOTTY)", GMS_H_NONE, 1,
	  k_convert, NULL, NULL, gms_exec_gmem_convert,
	  gms_spawn_gmem_convert },
	{ "gmem.create",
	  "gmem.create NAME vm=VM size=N [flags=mmap,init_shared,no_direct_map,hugetlb|N] [page_order=N]",
	  "KVM_CREATE_GUEST_MEMFD", GMS_H_GMEM, 1, k_gmem_create, NULL, NULL,
	  gms_exec_gmem_create },
	{ "gmem.fallocate", "gmem.fallocate G mode=M offset=O len=L",
	  "raw fallocate()", GMS_H_NONE, 1, k_fallocate, NULL, NULL,
	  gms_exec_gmem_fallocate },
	{ "gmem.fstat", "gmem.fstat G [size=N] [blksize=N] [blocks=N]",
	  "fstat(); a field given that differs fails the step", GMS_H_NONE, 1,
	  k_fstat, NULL, NULL, gms_exec_gmem_fstat },
	{ "gmem.link", "gmem.link NAME from=G vm=VM",
	  "a second file on G's inode for another VM (link=allowed; else ENOTTY)",
	  GMS_H_GMEM, 1, k_link, NULL, NULL, gms_exec_gmem_link },
	{ "gmem.lseek", "gmem.lseek G [offset=O]", "lseek()", GMS_H_NONE, 1,
	  k_rw, NULL, NULL, gms_exec_gmem_fileop },
	{ "gmem.mmap",
	  "gmem.mmap NAME gmem=G [offset=O] [len=L] [private] [exec]",
	  "mmap() of a guest_memfd; names the mapping", GMS_H_MAPPING, 1,
	  k_mmap, w_mmap, NULL, gms_exec_gmem_mmap },
	{ "gmem.munmap", "gmem.munmap M [offset=O len=L]",
	  "munmap() of a mapping, whole or in part", GMS_H_NONE, 1, k_munmap,
	  NULL, NULL, gms_exec_munmap },
	{ "gmem.populate", "gmem.populate G offset=O [tag=T]",
	  "pre-finalize population (kvm_gmem_populate); no tag: no source",
	  GMS_H_NONE, 1, k_populate_src, NULL, NULL, gms_exec_populate },
	{ "gmem.pread", "gmem.pread G [offset=O] [len=L]", "pread()",
	  GMS_H_NONE, 1, k_rw, NULL, NULL, gms_exec_gmem_fileop },
	{ "gmem.punch", "gmem.punch G offset=O len=L",
	  "fallocate(KEEP_SIZE|PUNCH_HOLE)", GMS_H_NONE, 1, k_range, NULL, NULL,
	  gms_exec_gmem_punch, gms_spawn_gmem_punch },
	{ "gmem.pwrite", "gmem.pwrite G [offset=O] [len=L]", "pwrite()",
	  GMS_H_NONE, 1, k_rw, NULL, NULL, gms_exec_gmem_fileop },
	{ "gmem.read", "gmem.read G [len=L]", "read()", GMS_H_NONE, 1, k_rw,
	  NULL, NULL, gms_exec_gmem_fileop },
	{ "gmem.truncate", "gmem.truncate G size=N", "ftruncate()", GMS_H_NONE,
	  1, k_truncate, NULL, NULL, gms_exec_gmem_fileop },
	{ "gmem.write", "gmem.write G [len=L]", "write()", GMS_H_NONE, 1, k_rw,
	  NULL, NULL, gms_exec_gmem_fileop },
	{ "guest.accept", "guest.accept VM gpa=A [level=4k|2m]",
	  "TDG.MEM.PAGE.ACCEPT / PVALIDATE at a level", GMS_H_NONE, 1, k_accept,
	  NULL, NULL, gms_exec_accept },
	{ "guest.read", "guest.read VM gpa=A [private|shared]",
	  "a vCPU load through the fault path", GMS_H_NONE, 1, k_guest_read,
	  w_private_shared, NULL, gms_exec_guest_access,
	  gms_spawn_guest_access },
	{ "guest.write", "guest.write VM gpa=A tag=T [private|shared]",
	  "a vCPU store through the fault path", GMS_H_NONE, 1, k_guest_write,
	  w_private_shared, NULL, gms_exec_guest_access,
	  gms_spawn_guest_access },
	{ "host.direct_read", "host.direct_read G offset=O",
	  "host kernel access through the direct map", GMS_H_NONE, 1, k_offset,
	  NULL, NULL, gms_exec_host_kernel },
	{ "host.direct_write", "host.direct_write G offset=O tag=T",
	  "host kernel store through the direct map", GMS_H_NONE, 1, k_populate,
	  NULL, NULL, gms_exec_host_kernel },
	{ "host.kernel_read", "host.kernel_read VM gpa=A",
	  "host kernel access to guest memory", GMS_H_NONE, 1, k_gpa, NULL,
	  NULL, gms_exec_host_kernel },
	{ "host.kvm_map", "host.kvm_map VM gpa=A",
	  "KVM's own access through a kernel mapping (kvm_vcpu_map)",
	  GMS_H_NONE, 1, k_gpa, NULL, NULL, gms_exec_host_kernel },
	{ "host.madvise",
	  "host.madvise M advice=dontneed|remove|collapse|hugepage [offset=O len=L]",
	  "madvise() on a mapping", GMS_H_NONE, 1, k_madvise, NULL, NULL,
	  gms_exec_madvise },
	{ "host.mbind",
	  "host.mbind M mode=default|bind|interleave|preferred|local [nodes=N,...] [offset=O len=L]",
	  "mbind() on a mapping (NUMA mempolicy; guest_memfd: 6.19)",
	  GMS_H_NONE, 1, k_mbind, NULL, NULL, gms_exec_host_mbind },
	{ "host.memfd", "host.memfd NAME size=S",
	  "memfd_create() + ftruncate(); the name passes as any fd", GMS_H_FD,
	  1, k_anon, NULL, NULL, gms_exec_host_memfd },
	{ "host.migrate", "host.migrate G offset=O",
	  "mm migrates or compacts the folio", GMS_H_NONE, 1, k_offset, NULL,
	  NULL, gms_exec_host_kernel },
	{ "host.mlock", "host.mlock M [offset=O len=L]",
	  "mlock(): VM_LOCKED, and the pages faulted in", GMS_H_NONE, 1,
	  k_munmap, NULL, NULL, gms_exec_mlock },
	{ "host.mmap_anon", "host.mmap_anon NAME size=S",
	  "anonymous host memory, usable as a memslot's uaddr", GMS_H_MAPPING,
	  1, k_anon, NULL, NULL, gms_exec_mmap_anon },
	{ "host.munlock", "host.munlock M [offset=O len=L]", "munlock()",
	  GMS_H_NONE, 1, k_munmap, NULL, NULL, gms_exec_mlock },
	{ "host.pin", "host.pin M offset=O", "pin_user_pages() of one page",
	  GMS_H_NONE, 1, k_host, NULL, NULL, gms_exec_host_access },
	{ "host.read", "host.read M offset=O",
	  "host userspace load through a mapping", GMS_H_NONE, 1, k_host, NULL,
	  NULL, gms_exec_host_access },
	{ "host.uffd_continue", "host.uffd_continue M offset=O",
	  "UFFDIO_CONTINUE of one page (uffd=, a posted series)", GMS_H_NONE, 1,
	  k_host, NULL, NULL, gms_exec_host_uffd },
	{ "host.uffd_copy", "host.uffd_copy M offset=O tag=T",
	  "UFFDIO_COPY of one page (uffd=missing, a posted series)", GMS_H_NONE,
	  1, k_uffd_copy, NULL, NULL, gms_exec_host_uffd },
	{ "host.uffd_register",
	  "host.uffd_register M mode=missing|minor [offset=O len=L]",
	  "UFFDIO_REGISTER of a mapping (uffd=, a posted series)", GMS_H_NONE,
	  1, k_uffd_register, NULL, NULL, gms_exec_host_uffd },
	{ "host.unpin", "host.unpin M offset=O", "unpin_user_page()",
	  GMS_H_NONE, 1, k_host, NULL, NULL, gms_exec_host_access },
	{ "host.write", "host.write M offset=O tag=T",
	  "host userspace store through a mapping", GMS_H_NONE, 1, k_host_write,
	  NULL, NULL, gms_exec_host_access },
	{ "kvm.check_extension", "kvm.check_extension cap=NAME [vm=VM]",
	  "KVM_CHECK_EXTENSION on /dev/kvm or the VM; outcome value:N",
	  GMS_H_NONE, 0, k_check_extension, NULL, NULL,
	  gms_exec_check_extension },
	{ "memslot.delete", "memslot.delete VM slot=N [as=N]",
	  "KVM_SET_USER_MEMORY_REGION2 with size 0", GMS_H_NONE, 1,
	  k_memslot_delete, NULL, NULL, gms_exec_memslot_delete,
	  gms_spawn_memslot_delete },
	{ "memslot.move", "memslot.move VM slot=N gpa=A [as=N]",
	  "KVM_SET_USER_MEMORY_REGION2 with a new gpa", GMS_H_NONE, 1,
	  k_memslot_move, NULL, NULL, gms_exec_memslot_move },
	{ "memslot.set",
	  "memslot.set VM slot=N gpa=A size=S [gmem=G offset=O] [uaddr=M|0] [flags=...] [as=N] [ioctl=v1|v2]",
	  "KVM_SET_USER_MEMORY_REGION2 (size=0 deletes); ioctl=v1: ..._REGION",
	  GMS_H_NONE, 1, k_memslot_set, NULL, NULL, gms_exec_memslot_set },
	{ "vm.close", "vm.close VM", "close the VM fd", GMS_H_NONE, 1, k_none,
	  NULL, NULL, gms_exec_vm_close },
	{ "vm.create",
	  "vm.create NAME [type=default|sw_protected|snp|tdx|pkvm]",
	  "KVM_CREATE_VM (+ arch init)", GMS_H_VM, 1, k_vm_create, NULL, NULL,
	  gms_exec_vm_create },
	{ "vm.finalize", "vm.finalize VM", "end of launch", GMS_H_NONE, 1,
	  k_none, NULL, NULL, gms_exec_finalize },
	{ "vm.move_enc_context", "vm.move_enc_context DST from=SRC",
	  "intra-host migration of the encryption context", GMS_H_NONE, 1,
	  k_move_enc, NULL, NULL, gms_exec_move_enc_context },
	{ "vm.pre_fault", "vm.pre_fault VM gpa=A size=S [flags=N] [left=N]",
	  "KVM_PRE_FAULT_MEMORY on the vCPU; left=: the size it leaves",
	  GMS_H_NONE, 1, k_pre_fault, NULL, NULL, gms_exec_pre_fault },
};

const struct gms_op_spec *gms_ops(size_t *n)
{
	*n = G_N_ELEMENTS(ops);
	return ops;
}

static int op_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct gms_op_spec *)elem)->verb);
}

/* The table is sorted by verb (a unit test keeps it so). */
const struct gms_op_spec *gms_op_lookup(const char *verb)
{
	return bsearch(verb, ops, G_N_ELEMENTS(ops), sizeof(ops[0]), op_cmp);
}
