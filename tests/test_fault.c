// SPDX-License-Identifier: GPL-2.0
/*
 * vCPU accesses through the fault path: gmem_uapi.md 2.7-2.8, selftests
 * 3.A.16, 3.C.20-21 and the punch-hole part of 3.D.24-25.
 */
#include "helpers.h"

#define P KVM_MEMORY_ATTRIBUTE_PRIVATE
#define GPA 0xc0000000ULL

static void assert_memory_fault(const struct gms_vcpu_exit *e, u64 gpa,
				bool private)
{
	assert_int_equal(e->reason, GMS_EXIT_MEMORY_FAULT);
	assert_int_equal(e->gpa, gpa);
	assert_int_equal(e->size, PAGE);
	assert_int_equal(e->flags, private ? KVM_MEMORY_EXIT_FLAG_PRIVATE : 0);
}

/* selftest 20: test_private_access_memslot_deleted */
static void test_private_access_memslot_deleted(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;
	u64 tag;

	assert_int_equal(gmem_slot(fx, vm, 10, GPA, PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_int_equal(e.reason, GMS_EXIT_NONE);
	assert_int_equal(region(fx, vm, 10, 0, GPA, 0, 0, -1, 0), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), -EFAULT);
	assert_memory_fault(&e, GPA, true);
	assert_int_equal(all_violations(fx), 0);
}

/* selftest 21: test_private_access_memslot_not_private */
static void test_private_access_memslot_not_private(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gms_sys_mmap_anon(fx->w, PAGE, &a), 0);
	assert_int_equal(region(fx, vm, 10, 0, GPA, PAGE, a, 0, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), -EFAULT);
	assert_memory_fault(&e, GPA, true);
}

/* the private/shared mismatch exit, both ways; no slot is MMIO */
static void test_mismatch_and_mmio(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;
	u64 tag;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(gms_vcpu_read(fx->w, vm, GPA, GMS_ACCESS_PRIVATE, &tag,
				       &e),
			 -EFAULT);
	assert_memory_fault(&e, GPA, true);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(gms_vcpu_read(fx->w, vm, GPA, GMS_ACCESS_SHARED, &tag,
				       &e),
			 -EFAULT);
	assert_memory_fault(&e, GPA, false);
	/* run->mmio: the access's own gpa and operand size (one u64) */
	assert_int_equal(guest_read(fx, vm, 8, &tag, &e), 0);
	assert_int_equal(e.reason, GMS_EXIT_MMIO);
	assert_int_equal(e.gpa, 8);
	assert_int_equal(e.size, sizeof(u64));
	assert_int_equal(guest_read(fx, 99, 0, &tag, &e), -EBADF);
}

/* get_pfn after the file was closed: -EFAULT with a memory fault exit */
static void test_get_pfn_after_close(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_write(fx, vm, GPA, 0x5, &e), 0);
	assert_int_equal(gms_kvm_lookup_spte(vm_of(fx, vm), GPA >> 12)->private,
			 true);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	/* release zapped the mapping */
	assert_null(gms_kvm_lookup_spte(vm_of(fx, vm), GPA >> 12));
	assert_int_equal(guest_write(fx, vm, GPA, 0x6, &e), -EFAULT);
	assert_memory_fault(&e, GPA, true);
	assert_int_equal(all_violations(fx), 0);
}

/* selftest 16: test_guest_memfd_guest (default VM, MMAP|INIT_SHARED) */
static void test_guest_memfd_guest(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, 4 * PAGE,
			 GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED);
	const u64 gpa = 1ULL << 32;
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gmem_slot(fx, vm, 1, gpa, 4 * PAGE, g, 0), 0);
	assert_int_equal(
		gms_sys_mmap(fx->w, 4 * PAGE, 3, GMS_MAP_SHARED, g, 0, &a), 0);
	for (u64 off = 0; off < 4 * PAGE; off += PAGE)
		assert_int_equal(gms_host_write(fx->w, a + off, 0xaa), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a, 4 * PAGE), 0);
	for (u64 off = 0; off < 4 * PAGE; off += PAGE) {
		assert_int_equal(guest_read(fx, vm, gpa + off, &tag, &e), 0);
		assert_int_equal(tag, 0xaa);
		assert_int_equal(guest_write(fx, vm, gpa + off, 0xff, &e), 0);
	}
	assert_int_equal(
		gms_sys_mmap(fx->w, 4 * PAGE, 3, GMS_MAP_SHARED, g, 0, &a), 0);
	assert_int_equal(gms_host_read(fx->w, a + 2 * PAGE, &tag), 0);
	assert_int_equal(tag, 0xff);
	assert_int_equal(all_violations(fx), 0);
}

/* 3.D.24/25: private memory reads zero after a hole punch; SPTEs zapped */
static void test_punch_hole_private(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, SZ_2M, 0);
	struct gms_vcpu_exit e;
	u64 tag;

	assert_int_equal(gmem_slot(fx, vm, 10, GPA, SZ_2M, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, SZ_2M, P), 0);
	assert_int_equal(guest_write(fx, vm, GPA + PAGE, 0xcc, &e), 0);
	assert_int_equal(guest_write(fx, vm, GPA + 2 * PAGE, 0xcc, &e), 0);
	assert_int_equal(gms_sys_fallocate(fx->w, g, PUNCH, PAGE, PAGE), 0);
	assert_null(gms_kvm_lookup_spte(vm_of(fx, vm), (GPA >> 12) + 1));
	assert_non_null(gms_kvm_lookup_spte(vm_of(fx, vm), (GPA >> 12) + 2));
	assert_int_equal(guest_read(fx, vm, GPA + PAGE, &tag, &e), 0);
	assert_int_equal(tag, 0);
	assert_int_equal(guest_read(fx, vm, GPA + 2 * PAGE, &tag, &e), 0);
	assert_int_equal(tag, 0xcc);
	assert_int_equal(vm_of(fx, vm)->mmu_invalidate_in_progress, 0);
	assert_int_equal(all_violations(fx), 0);
}

/* 3.D.22: shared accesses use userspace_addr, private ones guest_memfd */
static void test_explicit_conversion(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gms_sys_mmap_anon(fx->w, PAGE, &a), 0);
	assert_int_equal(
		region(fx, vm, 10, KVM_MEM_GUEST_MEMFD, GPA, PAGE, a, g, 0), 0);
	assert_int_equal(guest_write(fx, vm, GPA, 0xaa, &e), 0);
	assert_int_equal(gms_host_read(fx->w, a, &tag), 0);
	assert_int_equal(tag, 0xaa);
	assert_int_equal(gms_host_write(fx->w, a, 0xcc), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_write(fx, vm, GPA, 0x92, &e), 0);
	/* the host still sees the shared copy */
	assert_int_equal(gms_host_read(fx->w, a, &tag), 0);
	assert_int_equal(tag, 0xcc);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, 0), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_int_equal(tag, 0xcc);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_int_equal(tag, 0x92);
	/* munmap of the shared backing zaps its SPTE (mmu notifier) */
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, 0), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a, PAGE), 0);
	assert_null(gms_kvm_lookup_spte(vm_of(fx, vm), GPA >> 12));
	assert_int_equal(all_violations(fx), 0);
	/* kvm_handle_error_pfn(): a bare -EFAULT, no KVM_EXIT_MEMORY_FAULT */
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), -EFAULT);
	assert_int_equal(e.reason, GMS_EXIT_NONE);
}

/* a new folio is zeroed before the guest sees it */
static void test_new_folio_is_zeroed(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;
	u64 tag, pfn;

	assert_int_equal(gms_sys_fallocate(fx->w, g, KEEP, 0, PAGE), 0);
	pfn = gms_gmem_lookup_folio(file_of(fx, g)->inode, 0)->pfn;
	gms_physmem_write(&fx->w->physmem, pfn, 0xdead, GMS_PRINCIPAL_HOST,
			  false);
	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_int_equal(tag, 0);
}

/*
 * sev_gmem_prepare(): when RMPUPDATE refuses to make the page private the
 * fault fails with -EINVAL (the merged series' and mainline's errno) and a
 * private memory-fault exit (kvm_mmu_faultin_pfn_gmem()). The model's RMP
 * takes every update of an unassigned 4K entry, so the refusal is planted:
 * an entry RMPUPDATE refuses with FAIL_PERMISSION, taken out again after.
 */
static void test_snp_prepare_rmpupdate_fails(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SNP);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_rmp_entry refused = { .immutable = true };
	GHashTable *rmp;
	struct gms_vcpu_exit e;
	u64 tag, pfn;

	assert_int_equal(gms_sys_fallocate(fx->w, g, KEEP, 0, PAGE), 0);
	pfn = gms_gmem_lookup_folio(file_of(fx, g)->inode, 0)->pfn;
	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	rmp = gms_hw_table(&fx->w->hw.rmp.entries, g_free);
	g_hash_table_insert(rmp, GSIZE_TO_POINTER(pfn),
			    g_memdup2(&refused, sizeof(refused)));
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), -EINVAL);
	assert_memory_fault(&e, GPA, true);
	g_hash_table_remove(rmp, GSIZE_TO_POINTER(pfn));
	/* nothing was mapped: the next fault prepares the page and succeeds */
	assert_int_equal(guest_read(fx, vm, GPA, &tag, &e), 0);
	assert_true(gms_rmp_lookup(&fx->w->hw.rmp, pfn).assigned);
	assert_int_equal(all_violations(fx), 0);
}

/*
 * sev_guest_init() with no page left for the SNP context: -ENOMEM, and the
 * ASID it took is given back (its error path's sev_asid_free()): waiting
 * for the flush that makes it reusable, as any freed ASID, so the next SNP
 * VM gets the next one.
 */
static void test_snp_init_enomem_frees_asid(void **state)
{
	struct fx *fx = *state;
	struct gms_physmem *pm = &fx->w->physmem;
	u64 max = pm->max_pages;
	struct gms_kvm *kvm;

	pm->max_pages = pm->nr_allocated + pm->reserved;
	assert_int_equal(gms_sys_create_vm(fx->w, fx->kvm, GMS_VM_SNP),
			 -ENOMEM);
	pm->max_pages = max;
	assert_int_equal(fx->w->hw.snp.state[1], ASID_NEEDS_FLUSH);
	kvm = gms_fd_get(fx->w, vm_new(fx, GMS_VM_SNP))->obj;
	assert_int_equal(kvm->arch_id, 2);
}

/*
 * A private page faulted in after the launch is assigned to the guest but not
 * validated: the guest's access takes #VC (hw_models.md 1.3), an exception at
 * the access's gpa, no KVM exit; once validated the access completes.
 */
static void test_snp_unvalidated_is_exception(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SNP);
	int g = gmem_new(fx, vm, PAGE, 0);
	struct gms_vcpu_exit e;

	assert_int_equal(gmem_slot(fx, vm, 1, GPA, PAGE, g, 0), 0);
	assert_int_equal(set_attr(fx, vm, GPA, PAGE, P), 0);
	assert_int_equal(gms_sys_finalize(fx->w, vm), 0);
	assert_int_equal(guest_write(fx, vm, GPA + 8, 0x5e, &e), 0);
	assert_int_equal(e.reason, GMS_EXIT_EXCEPTION);
	assert_int_equal(e.gpa, GPA + 8);
	assert_int_equal(e.size, 0);
	assert_int_equal(gms_vcpu_accept(fx->w, vm, GPA, GMS_PG_4K, &e), 0);
	assert_int_equal(guest_write(fx, vm, GPA + 8, 0x5e, &e), 0);
	assert_int_equal(e.reason, GMS_EXIT_NONE);
	assert_int_equal(all_violations(fx), 0);
}

/*
 * tdx_sept_split_private_spte(): only a 2M leaf of a live TD splits; any
 * other request is KVM_BUG_ON(): -EIO and a warning, nothing touched
 */
static void test_tdx_split_non_2m_is_a_bug(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_TDX);
	struct gms_kvm *kvm = gms_fd_get(fx->w, vm)->obj;
	struct gms_spte leaf = { .gfn = 0x200,
				 .level = GMS_PG_4K,
				 .private = true };
	u32 warned = fx->w->warn_log.count;

	assert_int_equal(kvm->arch->split_private(fx->w, kvm, &leaf), -EIO);
	assert_int_equal(fx->w->warn_log.count, warned + 1);
	assert_non_null(strstr(fx->w->warn_log.last, "GMS_PG_2M"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_private_access_memslot_deleted),
		FX_TEST(test_private_access_memslot_not_private),
		FX_TEST(test_mismatch_and_mmio),
		FX_TEST(test_get_pfn_after_close),
		FX_TEST(test_guest_memfd_guest),
		FX_TEST(test_punch_hole_private),
		FX_TEST(test_explicit_conversion),
		FX_TEST(test_new_folio_is_zeroed),
		FX_TEST(test_snp_prepare_rmpupdate_fails),
		FX_TEST(test_snp_init_enomem_frees_asid),
		FX_TEST(test_snp_unvalidated_is_exception),
		FX_TEST(test_tdx_split_non_2m_is_a_bug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
