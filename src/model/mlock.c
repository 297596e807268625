// SPDX-License-Identifier: GPL-2.0
/*
 * mirrors: mm/mlock.c: mlock() marks the range VM_LOCKED and populates it
 * through GUP (__mm_populate()), which is a host fault per page; munlock()
 * clears the flag. Not modelled: RLIMIT_MEMLOCK (the scenarios lock a few
 * pages) and VM_LOCKONFAULT.
 */
#include <gmemsim/mm.h>
#include <gmemsim/target.h>
#include <gmemsim/world.h>

/* mirrors: apply_vma_lock_flags(): -ENOMEM if part of the range is unmapped */
static int apply_vma_lock_flags(struct gms_world *w, u64 start, u64 end,
				bool lock)
{
	for (u64 addr = start; addr < end; addr += GMS_PAGE_SIZE)
		if (!gms_mm_find_vma(w, addr))
			return -ENOMEM;
	gms_range_map_store(&w->mm.mlocked, start >> GMS_PAGE_SHIFT,
			    end >> GMS_PAGE_SHIFT, lock);
	return 0;
}

/*
 * mirrors: __mm_populate() -> populate_vma_page_range(): GUP faults each
 * page in; a fault that fails (VM_FAULT_SIGBUS: a private guest_memfd
 * page) is -EFAULT there.
 */
static int mm_populate(struct gms_world *w, u64 start, u64 end)
{
	u64 pfn;
	int r;

	for (u64 addr = start; addr < end; addr += GMS_PAGE_SIZE) {
		r = gms_mm_fault(w, addr, &pfn);
		if (r == -GMS_ESIGBUS)
			return -EFAULT;
		if (r)
			return r;
	}
	return 0;
}

/* mirrors: __mlock_posix_error_return() */
static int mlock_posix_error_return(int r)
{
	if (r == -EFAULT)
		return -ENOMEM;
	if (r == -ENOMEM)
		return -EAGAIN;
	return r;
}

/* mirrors: do_mlock() (@lock) and munlock() */
int gms_mm_mlock(struct gms_world *w, u64 start, u64 len, bool lock)
{
	u64 end;
	int r;

	len += start & (GMS_PAGE_SIZE - 1);
	start &= ~(GMS_PAGE_SIZE - 1);
	end = start + ((len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1));
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	r = apply_vma_lock_flags(w, start, end, lock);
	if (r || !lock)
		return r;
	r = mm_populate(w, start, end);
	return r ? mlock_posix_error_return(r) : 0;
}
