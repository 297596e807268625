// SPDX-License-Identifier: GPL-2.0
/* mmap() of guest_memfd and host accesses: gmem_uapi.md 2.5, selftests 3.A.5-12. */
#include "helpers.h"

#define TOTAL (4 * PAGE)
#define RW (GMS_PROT_READ | GMS_PROT_WRITE)
#define SHARED_FLAGS (GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED)

static int map(struct fx *fx, int fd, u64 len, u32 prot, u32 flags, u64 off,
	       u64 *addr)
{
	return gms_sys_mmap(fx->w, len, prot, flags, fd, off, addr);
}

/* selftest 12 and the ENODEV / EINVAL / EPERM rows */
static void test_mmap_errors(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int plain = gmem_new(fx, vm, TOTAL, 0);
	int g = gmem_new(fx, vm, TOTAL, GUEST_MEMFD_FLAG_MMAP);
	u64 a;

	assert_int_equal(map(fx, plain, PAGE, RW, GMS_MAP_SHARED, 0, &a),
			 -ENODEV);
	assert_int_equal(map(fx, plain, TOTAL, RW, GMS_MAP_PRIVATE, 0, &a),
			 -ENODEV);
	/* selftest 10: test_mmap_cow */
	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_PRIVATE, 0, &a),
			 -EINVAL);
	assert_int_equal(map(fx, g, TOTAL, RW | GMS_PROT_EXEC, GMS_MAP_SHARED,
			     0, &a),
			 -EPERM);
	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 1, &a), -EINVAL);
	assert_int_equal(map(fx, g, 0, RW, GMS_MAP_SHARED, 0, &a), -EINVAL);
	/* do_mmap(): pgoff + pages wraps, before ->mmap (private would be EINVAL) */
	assert_int_equal(map(fx, g, 2 * PAGE, RW, GMS_MAP_PRIVATE, -PAGE, &a),
			 -EOVERFLOW);
	assert_int_equal(map(fx, 77, TOTAL, RW, GMS_MAP_SHARED, 0, &a), -EBADF);
	assert_int_equal(map(fx, vm, TOTAL, RW, GMS_MAP_SHARED, 0, &a),
			 -ENODEV);
	assert_int_equal(g_tree_nnodes(fx->w->mm.vmas), 0);
}

/* selftest 5: test_mmap_supported */
static void test_mmap_supported(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	u64 a, tag;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	for (u64 off = 0; off < TOTAL; off += PAGE)
		assert_int_equal(gms_host_write(fx->w, a + off, 0xaa), 0);
	assert_int_equal(gms_sys_fallocate(fx->w, g, PUNCH, 0, PAGE), 0);
	assert_int_equal(gms_host_read(fx->w, a, &tag), 0);
	assert_int_equal(tag, 0);
	for (u64 off = PAGE; off < TOTAL; off += PAGE) {
		assert_int_equal(gms_host_read(fx->w, a + off, &tag), 0);
		assert_int_equal(tag, 0xaa);
	}
	assert_int_equal(all_violations(fx), 0);
	/* data lives in the inode: it survives munmap + mmap */
	assert_int_equal(gms_sys_munmap(fx->w, a, TOTAL), 0);
	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_host_read(fx->w, a + PAGE, &tag), 0);
	assert_int_equal(tag, 0xaa);
}

/* selftest 6: test_fault_overflow */
static void test_fault_overflow(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	u64 a, tag;

	assert_int_equal(map(fx, g, 4 * TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	for (u64 off = 0; off < TOTAL; off += PAGE)
		assert_int_equal(gms_host_write(fx->w, a + off, 0xaa), 0);
	assert_int_equal(gms_host_write(fx->w, a + TOTAL, 0xaa), -GMS_ESIGBUS);
	assert_int_equal(gms_host_read(fx->w, a + TOTAL, &tag), -GMS_ESIGBUS);
	/* beyond the vma itself: no mapping at all */
	assert_int_equal(gms_host_read(fx->w, a + 4 * TOTAL, &tag), -EFAULT);
}

/* selftest 9: test_fault_private */
static void test_fault_private(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_SW_PROTECTED);
	int g = gmem_new(fx, vm, TOTAL, GUEST_MEMFD_FLAG_MMAP);
	u64 a, tag;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_host_write(fx->w, a, 0xaa), -GMS_ESIGBUS);
	assert_int_equal(gms_host_read(fx->w, a, &tag), -GMS_ESIGBUS);
	assert_int_equal(gms_host_pin(fx->w, a), -EFAULT);
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
}

/* the mapping pins the file; munmap of part of it splits the vma */
static void test_mapping_holds_file_and_split(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	struct gms_gmem_file *f = file_of(fx, g);
	u64 a, tag;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_host_write(fx->w, a + 3 * PAGE, 0x33), 0);
	assert_int_equal(gms_sys_close(fx->w, g), 0);
	assert_false(f->freed);
	assert_int_equal(f->f_count, 1);
	assert_int_equal(gms_sys_munmap(fx->w, a + PAGE, PAGE), 0);
	assert_int_equal(g_tree_nnodes(fx->w->mm.vmas), 2);
	/* two vmas, each its own object: reports name them apart */
	assert_int_not_equal(gms_mm_find_vma(fx->w, a)->id,
			     gms_mm_find_vma(fx->w, a + 2 * PAGE)->id);
	assert_int_equal(f->f_count, 2);
	assert_int_equal(gms_host_read(fx->w, a + PAGE, &tag), -EFAULT);
	assert_int_equal(gms_host_read(fx->w, a + 3 * PAGE, &tag), 0);
	assert_int_equal(tag, 0x33);
	assert_int_equal(gms_sys_munmap(fx->w, a, TOTAL), 0);
	assert_true(f->freed);
	/* the VM fd still holds the VM; the inode and its pages are gone */
	assert_null(fx->w->inodes);
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
	assert_int_equal(gms_sys_munmap(fx->w, a + 1, PAGE), -EINVAL);
	/* do_vmi_munmap(): an empty range is EINVAL, not a no-op */
	assert_int_equal(gms_sys_munmap(fx->w, a, 0), -EINVAL);
}

/* a pinned page outlives the punch that removed it from the file */
static void test_pin_outlives_truncate(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	u64 a;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_host_pin(fx->w, a), 0);
	assert_int_equal(gms_sys_fallocate(fx->w, g, PUNCH, 0, TOTAL), 0);
	assert_int_equal(fx->w->physmem.nr_allocated, 1);
	assert_int_equal(gms_host_unpin(fx->w, a), 0);
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
	assert_int_equal(gms_host_unpin(fx->w, a), -EINVAL);
}

/*
 * get_unmapped_area(): a mapping that fills the rest of the user address
 * space exactly fits; a page more does not
 */
static void test_mapping_fills_address_space(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	u64 left = GMS_TASK_SIZE_MAX - fx->w->mm.mmap_base, a;
	int g = gmem_new(fx, vm, left + PAGE, SHARED_FLAGS);

	assert_int_equal(map(fx, g, left + PAGE, RW, GMS_MAP_SHARED, 0, &a),
			 -ENOMEM);
	assert_int_equal(map(fx, g, left, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(a + left, GMS_TASK_SIZE_MAX);
}

/*
 * __vm_enough_memory() in the heuristic overcommit mode refuses a charge of
 * more pages than all of RAM (pages > totalram_pages(); swap is not
 * modelled): a mapping of exactly RAM is charged, one page more is ENOMEM.
 * A private writable file mapping is charged in mmap_region() before the
 * file's ->mmap, so at exactly RAM guest_memfd's own refusal of a private
 * mapping (EINVAL) is what the caller sees; a read-only one is not charged.
 */
static void test_mmap_charge_is_ram(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	u64 ram = fx->w->physmem.max_pages * PAGE, a;
	int g = gmem_new(fx, vm, ram + PAGE, GUEST_MEMFD_FLAG_MMAP);

	assert_int_equal(map(fx, g, ram + PAGE, RW, GMS_MAP_PRIVATE, 0, &a),
			 -ENOMEM);
	assert_int_equal(map(fx, g, ram, RW, GMS_MAP_PRIVATE, 0, &a), -EINVAL);
	assert_int_equal(map(fx, g, ram + PAGE, GMS_PROT_READ, GMS_MAP_PRIVATE,
			     0, &a),
			 -EINVAL);
	assert_int_equal(gms_sys_mmap_anon(fx->w, ram + PAGE, &a), -ENOMEM);
	assert_int_equal(gms_sys_mmap_anon(fx->w, ram, &a), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a, ram), 0);
	assert_int_equal(g_tree_nnodes(fx->w->mm.vmas), 0);
}

/* anonymous host memory: zero-filled, private to the process */
static void test_anon(void **state)
{
	struct fx *fx = *state;
	u64 a, tag;

	assert_int_equal(gms_sys_mmap_anon(fx->w, 0, &a), -EINVAL);
	/* __vm_enough_memory(): more than all of RAM is refused at mmap time */
	assert_int_equal(gms_sys_mmap_anon(fx->w, 1ULL << 40, &a), -ENOMEM);
	/* a large mapping fits in the user address space and unmaps whole */
	assert_int_equal(gms_sys_mmap_anon(fx->w, 1ULL << 29, &a), 0);
	assert_true(a + (1ULL << 29) <= GMS_TASK_SIZE_MAX);
	assert_int_equal(gms_sys_munmap(fx->w, a, 1ULL << 29), 0);
	assert_int_equal(gms_sys_mmap_anon(fx->w, 3 * PAGE, &a), 0);
	assert_int_equal(gms_host_read(fx->w, a + PAGE, &tag), 0);
	assert_int_equal(tag, 0);
	assert_int_equal(gms_host_write(fx->w, a + PAGE, 0x77), 0);
	assert_int_equal(gms_host_read(fx->w, a + PAGE, &tag), 0);
	assert_int_equal(tag, 0x77);
	assert_int_equal(gms_sys_munmap(fx->w, a, 3 * PAGE), 0);
	assert_int_equal(fx->w->physmem.nr_allocated, 0);
}

/*
 * madvise() over a mapping and the hole after it: the mapped part gets the
 * advice (DONTNEED zaps its ptes), and the call still says ENOMEM.
 */
static void test_madvise_hole(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	struct gms_vma *vma;
	u64 a, tag;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_host_write(fx->w, a, 0xaa), 0);
	vma = gms_mm_find_vma(fx->w, a);
	assert_int_equal(g_tree_nnodes(vma->ptes), 1);
	assert_int_equal(gms_sys_madvise(fx->w, a, 2 * TOTAL,
					 GMS_MADV_DONTNEED),
			 -ENOMEM);
	assert_int_equal(g_tree_nnodes(vma->ptes), 0);
	/* the page stayed in the file */
	assert_int_equal(gms_host_read(fx->w, a, &tag), 0);
	assert_int_equal(tag, 0xaa);
	assert_int_equal(gms_sys_madvise(fx->w, a, TOTAL, 8), -EINVAL);
	/* mlock() of the same range fails on the hole, before populating */
	assert_int_equal(gms_sys_mlock(fx->w, a, 2 * TOTAL, true), -ENOMEM);
	assert_int_equal(gms_sys_madvise(fx->w, a, PAGE, GMS_MADV_DONTNEED), 0);
	/* a len that rounds up to nothing wraps: EINVAL */
	assert_int_equal(gms_sys_madvise(fx->w, a, -1ULL, GMS_MADV_HUGEPAGE),
			 -EINVAL);
}

/*
 * mlock() populates through GUP: out of memory in the fault (the folio
 * allocation fails, VM_FAULT_OOM, GUP's -ENOMEM) is EAGAIN to the caller,
 * as __mlock_posix_error_return() maps it; the pages before it stay.
 */
static void test_mlock_oom(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	u64 a, tag;

	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	/* room for one page more than is allocated now: the second fails */
	fx->w->physmem.max_pages = fx->w->physmem.nr_allocated + 1;
	assert_int_equal(gms_sys_mlock(fx->w, a, 2 * PAGE, true), -EAGAIN);
	assert_int_equal(fx->w->physmem.nr_allocated, fx->w->physmem.max_pages);
	/* the page it got is locked and present: mlock() of it alone is 0 */
	assert_int_equal(gms_sys_mlock(fx->w, a, PAGE, true), 0);
	/* a host fault with no page to give: VM_FAULT_OOM, -ENOMEM */
	assert_int_equal(gms_host_read(fx->w, a + 2 * PAGE, &tag), -ENOMEM);
	/* and the in-place series' fault, under the invalidate lock, too */
	fx->w->policy.convert = GMS_CONVERT_IN_PLACE;
	assert_int_equal(gms_host_read(fx->w, a + 2 * PAGE, &tag), -ENOMEM);
	fx->w->policy.convert = GMS_CONVERT_ATTRIBUTES;
}

/*
 * UFFDIO_REGISTER's range (validate_range() in fs/userfaultfd.c): empty,
 * unaligned or wrapping is EINVAL before any VMA is looked at; then every
 * page of it must be a VMA that can userfault, a hole is EINVAL too.
 */
static void test_uffd_register_range(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	int g;
	u64 a;

	fx->w->policy.uffd = GMS_UFFD_POLICY_MINOR;
	g = gmem_new(fx, vm, TOTAL, SHARED_FLAGS);
	assert_int_equal(map(fx, g, TOTAL, RW, GMS_MAP_SHARED, 0, &a), 0);
	assert_int_equal(gms_sys_uffd_register(fx->w, a, 0, GMS_UFFD_MINOR),
			 -EINVAL);
	assert_int_equal(gms_sys_uffd_register(fx->w, a + 1, PAGE,
					       GMS_UFFD_MINOR),
			 -EINVAL);
	assert_int_equal(gms_sys_uffd_register(fx->w, a, PAGE + 1,
					       GMS_UFFD_MINOR),
			 -EINVAL);
	assert_int_equal(gms_sys_uffd_register(fx->w, a, -PAGE, GMS_UFFD_MINOR),
			 -EINVAL);
	/* the mapping and a page past its end: the hole */
	assert_int_equal(gms_sys_uffd_register(fx->w, a, TOTAL + PAGE,
					       GMS_UFFD_MINOR),
			 -EINVAL);
	assert_int_equal(gms_sys_uffd_register(fx->w, a, TOTAL, GMS_UFFD_MINOR),
			 0);
}

/*
 * The MMU notifier moves a VM's mmu_invalidate_seq only for a range that
 * overlaps a memslot's userspace range, both half-open
 * (kvm_handle_hva_range()): zapping the page that ends where the slot starts
 * or the one that starts where it ends is none of the VM's business; a page
 * inside is. (The model notifies per zapped pte, not once per munmap: a
 * simplification, mm.c's zap_pte(); so each page is mapped first.)
 */
static void test_notifier_overlap_is_half_open(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_DEFAULT);
	struct gms_kvm *kvm = vm_of(fx, vm);
	u64 a, seq, tag;

	assert_int_equal(gms_sys_mmap_anon(fx->w, 4 * PAGE, &a), 0);
	assert_int_equal(region(fx, vm, 0, 0, 0, 2 * PAGE, a + PAGE, -1, 0), 0);
	for (u64 off = 0; off < 4 * PAGE; off += PAGE)
		assert_int_equal(gms_host_write(fx->w, a + off, 0xaa), 0);
	seq = kvm->mmu_invalidate_seq;
	assert_int_equal(gms_sys_munmap(fx->w, a, PAGE), 0);
	assert_int_equal(gms_sys_munmap(fx->w, a + 3 * PAGE, PAGE), 0);
	assert_int_equal(kvm->mmu_invalidate_seq, seq);
	assert_int_equal(gms_sys_munmap(fx->w, a + 2 * PAGE, PAGE), 0);
	assert_true(kvm->mmu_invalidate_seq > seq);
	/* munmap() rounds its length up to a page: one byte takes the page */
	seq = kvm->mmu_invalidate_seq;
	assert_int_equal(gms_sys_munmap(fx->w, a + PAGE, 1), 0);
	assert_true(kvm->mmu_invalidate_seq > seq);
	assert_int_equal(gms_host_read(fx->w, a + PAGE, &tag), -EFAULT);
}

/*
 * pKVM: a page the host still maps when the guest converts and takes it
 * (pkvm/convert_while_mapped.gms, where mmap-exclusion reports it) is the
 * guest's in the hypervisor's stage-2: the host's write through its old
 * pte takes the injected abort (SIGSEGV) and the guest's data stays.
 */
static void test_pkvm_stale_pte_write_aborts(void **state)
{
	struct fx *fx = *state;
	int vm = vm_new(fx, GMS_VM_PKVM);
	int g = gmem_new(fx, vm, 2 * PAGE,
			 GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED);
	struct gms_vcpu_exit e;
	u64 a, tag;

	assert_int_equal(gmem_slot(fx, vm, 0, 0, 2 * PAGE, g, 0), 0);
	assert_int_equal(gms_sys_mmap(fx->w, 2 * PAGE,
				      GMS_PROT_READ | GMS_PROT_WRITE,
				      GMS_MAP_SHARED, g, 0, &a),
			 0);
	assert_int_equal(gms_host_write(fx->w, a, 0x5a), 0);
	assert_int_equal(
		set_attr(fx, vm, 0, PAGE, KVM_MEMORY_ATTRIBUTE_PRIVATE), 0);
	assert_int_equal(guest_write(fx, vm, 0, 0x5ec, &e), 0);
	assert_int_equal(violations(fx, "mmap-exclusion"), 1);
	assert_int_equal(gms_host_write(fx->w, a, 0xbad), -EFAULT);
	assert_int_equal(guest_read(fx, vm, 0, &tag, &e), 0);
	assert_int_equal(tag, 0x5ec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_mmap_errors),
		FX_TEST(test_mmap_supported),
		FX_TEST(test_fault_overflow),
		FX_TEST(test_fault_private),
		FX_TEST(test_mapping_holds_file_and_split),
		FX_TEST(test_pin_outlives_truncate),
		FX_TEST(test_mapping_fills_address_space),
		FX_TEST(test_mmap_charge_is_ram),
		FX_TEST(test_anon),
		FX_TEST(test_madvise_hole),
		FX_TEST(test_mlock_oom),
		FX_TEST(test_uffd_register_range),
		FX_TEST(test_notifier_overlap_is_half_open),
		FX_TEST(test_pkvm_stale_pte_write_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
