// SPDX-License-Identifier: GPL-2.0
/* Host userspace VMAs, page faults and GUP pins (mm/mmap.c, mm/memory.c, much reduced). */
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mempolicy.h>
#include <gmemsim/mm.h>
#include <gmemsim/world.h>

/* bottom-up from 16 TiB: far from 0 and with room for TiB-sized mappings */
#define GMS_MMAP_BASE 0x100000000000ULL
#define GMS_PMD_SIZE (2ULL << 20)

void gms_mm_init(struct gms_mm *mm)
{
	mm->vmas = g_tree_new_full(gms_u64_cmp, NULL, NULL, NULL);
	mm->pins = g_array_new(FALSE, FALSE, sizeof(struct gms_pin));
	mm->mmap_base = GMS_MMAP_BASE;
	gms_range_map_init(&mm->vm_policy);
	/* as do_set_mempolicy() leaves it: the first interleave takes the first node */
	mm->il_prev = GMS_MAX_NUMNODES - 1;
	gms_range_map_init(&mm->mlocked);
}

static void free_vma_shell(struct gms_vma *vma)
{
	g_tree_destroy(vma->ptes);
	g_free(vma);
}

static gboolean free_vma_cb(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	(void)data;
	free_vma_shell(value);
	return FALSE;
}

void gms_mm_destroy(struct gms_world *w)
{
	g_tree_foreach(w->mm.vmas, free_vma_cb, NULL);
	g_tree_destroy(w->mm.vmas);
	g_array_unref(w->mm.pins);
	gms_range_map_destroy(&w->mm.vm_policy);
	gms_range_map_destroy(&w->mm.mlocked);
}

struct gms_vma *gms_mm_find_vma(struct gms_world *w, u64 addr)
{
	GTreeNode *n = g_tree_upper_bound(w->mm.vmas, &addr);
	struct gms_vma *vma;

	n = n ? g_tree_node_previous(n) : g_tree_node_last(w->mm.vmas);
	if (!n)
		return NULL;
	vma = g_tree_node_value(n);
	return addr >= vma->start && addr < vma->end ? vma : NULL;
}

/* mirrors: get_unmapped_area() + vm_area_alloc(); NULL when there is no room */
static struct gms_vma *vma_new(struct gms_world *w, enum gms_vma_kind kind,
			       u64 len, u32 prot)
{
	struct gms_vma *vma;

	if (len > GMS_TASK_SIZE_MAX - w->mm.mmap_base)
		return NULL;
	vma = g_new0(struct gms_vma, 1);
	vma->id = gms_world_next_id(w);
	vma->kind = kind;
	vma->prot = prot;
	vma->start = w->mm.mmap_base;
	vma->end = vma->start + len;
	vma->ptes = g_tree_new_full(gms_u64_cmp, NULL, NULL, g_free);
	/* Leave a guard gap; addresses are never reused, like fds. */
	w->mm.mmap_base = (vma->end + 2 * GMS_PMD_SIZE - 1) &
			  ~(GMS_PMD_SIZE - 1);
	g_tree_insert(w->mm.vmas, &vma->start, vma);
	return vma;
}

static u64 round_up_page(u64 len)
{
	return (len + GMS_PAGE_SIZE - 1) & ~(GMS_PAGE_SIZE - 1);
}

u64 gms_mm_map_anon(struct gms_world *w, u64 len)
{
	struct gms_vma *vma = vma_new(w, GMS_VMA_ANON, round_up_page(len),
				      GMS_PROT_READ | GMS_PROT_WRITE);

	return vma ? vma->start : 0;
}

u64 gms_mm_map_file(struct gms_world *w, struct gms_gmem_file *f, u64 len,
		    u64 pgoff, u32 prot)
{
	struct gms_vma *vma =
		vma_new(w, GMS_VMA_GMEM, round_up_page(len), prot);

	if (!vma)
		return 0;
	vma->file = f;
	vma->pgoff = pgoff;
	gms_gmem_file_get(f);
	return vma->start;
}

/* The pte key of @addr: the file page for gmem, the virtual page for anon. */
static u64 vma_page(const struct gms_vma *vma, u64 addr)
{
	if (vma->kind == GMS_VMA_GMEM)
		return vma->pgoff + ((addr - vma->start) >> GMS_PAGE_SHIFT);
	return addr >> GMS_PAGE_SHIFT;
}

/* The host address of pte key @page in @vma. */
static u64 vma_addr(const struct gms_vma *vma, u64 page)
{
	if (vma->kind == GMS_VMA_GMEM)
		return vma->start + ((page - vma->pgoff) << GMS_PAGE_SHIFT);
	return page << GMS_PAGE_SHIFT;
}

static void install_pte(struct gms_world *w, struct gms_vma *vma, u64 page,
			u64 pfn);

void gms_mm_install_pte(struct gms_world *w, struct gms_vma *vma, u64 addr,
			u64 pfn)
{
	install_pte(w, vma, vma_page(vma, addr), pfn);
}

bool gms_mm_pte_present(const struct gms_vma *vma, u64 addr)
{
	u64 page = vma_page(vma, addr);

	return g_tree_lookup(vma->ptes, &page) != NULL;
}

/* mirrors: zap_pte_range() for one pte, with the mmu notifier */
static void zap_pte(struct gms_world *w, struct gms_vma *vma,
		    struct gms_pte *pte)
{
	struct gms_page *p = gms_physmem_page(&w->physmem, pte->pfn);
	u64 pfn = pte->pfn, addr = vma_addr(vma, pte->page);

	gms_kvm_mmu_notifier_invalidate(w, addr, addr + GMS_PAGE_SIZE);
	if (p->mapcount)
		p->mapcount--;
	gms_dirty_pte(w, vma, pfn, -1);
	g_tree_remove(vma->ptes, &pte->page);
	gms_physmem_put(&w->physmem, pfn);
}

/* Zap the ptes of @vma whose key lies in [first, last). */
static void zap_pages(struct gms_world *w, struct gms_vma *vma, u64 first,
		      u64 last)
{
	GTreeNode *n;

	while ((n = g_tree_lower_bound(vma->ptes, &first))) {
		struct gms_pte *pte = g_tree_node_value(n);

		if (pte->page >= last)
			break;
		zap_pte(w, vma, pte);
	}
}

static void install_pte(struct gms_world *w, struct gms_vma *vma, u64 page,
			u64 pfn)
{
	struct gms_pte *pte = g_new(struct gms_pte, 1);

	pte->page = page;
	pte->pfn = pfn;
	g_tree_insert(vma->ptes, &pte->page, pte);
	gms_dirty_pte(w, vma, pfn, 1);
	gms_physmem_page(&w->physmem, pfn)->mapcount++;
}

/* mirrors: zap_page_range_single() over [start, end) of @vma */
void gms_mm_zap_range(struct gms_world *w, struct gms_vma *vma, u64 start,
		      u64 end)
{
	zap_pages(w, vma, vma_page(vma, start), vma_page(vma, end - 1) + 1);
}

/* Remove @vma whole: zap it, drop its file reference, free it. */
static void vma_remove(struct gms_world *w, struct gms_vma *vma)
{
	zap_pages(w, vma, 0, G_MAXUINT64);
	g_tree_remove(w->mm.vmas, &vma->start);
	vma->freed = true;
	gms_world_bury(w, GMS_OBJ_VMA, vma);
	if (vma->file)
		gms_gmem_file_put(w, vma->file);
}

/* mirrors: __split_vma(); returns the part from @addr on */
static struct gms_vma *split_vma(struct gms_world *w, struct gms_vma *vma,
				 u64 addr)
{
	struct gms_vma *tail = g_new0(struct gms_vma, 1);
	u64 first;
	GTreeNode *n;

	*tail = *vma;
	tail->id = gms_world_next_id(w);
	tail->start = addr;
	tail->pgoff = vma_page(vma, addr);
	if (vma->kind == GMS_VMA_ANON)
		tail->pgoff = 0;
	tail->ptes = g_tree_new_full(gms_u64_cmp, NULL, NULL, g_free);
	first = vma_page(vma, addr);
	while ((n = g_tree_lower_bound(vma->ptes, &first))) {
		struct gms_pte *pte = g_tree_node_value(n);

		g_tree_steal(vma->ptes, &pte->page);
		g_tree_insert(tail->ptes, &pte->page, pte);
		gms_dirty_pte(w, vma, pte->pfn, -1);
		gms_dirty_pte(w, tail, pte->pfn, 1);
	}
	vma->end = addr;
	if (tail->file)
		gms_gmem_file_get(tail->file);
	g_tree_insert(w->mm.vmas, &tail->start, tail);
	return tail;
}

/* mirrors: do_munmap() */
struct release_wait {
	struct gms_world *w;
	u64 start, end;
	bool blocked;
};

static gboolean vma_release_would_block(gpointer key, gpointer value,
					gpointer data)
{
	struct gms_vma *vma = value;
	struct release_wait *rw = data;

	(void)key;
	if (vma->file && vma->start >= rw->start && vma->end <= rw->end &&
	    gms_gmem_put_would_block(rw->w, vma->file))
		rw->blocked = true;
	return rw->blocked;
}

/*
 * The last reference a munmap() drops runs __fput() on the way back to user
 * space; when kvm_gmem_release() would wait for a task's lock, the call is
 * blocked before it unmaps anything (see GMS_EBLOCKED).
 */
static bool munmap_would_block(struct gms_world *w, u64 start, u64 end)
{
	struct release_wait rw = { w, start, end, false };

	g_tree_foreach(w->mm.vmas, vma_release_would_block, &rw);
	return rw.blocked;
}

/* __split_vma()'s vm_ops->may_split(), for every vma @addr or @end cuts */
static int munmap_may_split(struct gms_world *w, u64 addr, u64 end)
{
	struct gms_vma *vma = gms_mm_find_vma(w, addr);

	if (vma && vma->start < addr && gms_gmem_restricted_may_split(w, vma))
		return -EINVAL;
	vma = gms_mm_find_vma(w, end);
	if (vma && vma->start < end && gms_gmem_restricted_may_split(w, vma))
		return -EINVAL;
	return 0;
}

int gms_mm_munmap(struct gms_world *w, u64 addr, u64 len)
{
	u64 end;

	if (!GMS_PAGE_ALIGNED(addr) || addr > GMS_TASK_SIZE_MAX ||
	    len > GMS_TASK_SIZE_MAX - addr)
		return -EINVAL;
	len = round_up_page(len);
	if (!len)
		return -EINVAL;
	end = addr + len;
	if (munmap_would_block(w, addr, end))
		return -GMS_EBLOCKED;
	if (munmap_may_split(w, addr, end))
		return -EINVAL;
	for (;;) {
		GTreeNode *n = g_tree_upper_bound(w->mm.vmas, &addr);
		struct gms_vma *vma;

		n = n ? g_tree_node_previous(n) : g_tree_node_last(w->mm.vmas);
		if (!n || ((struct gms_vma *)g_tree_node_value(n))->end <= addr)
			n = g_tree_upper_bound(w->mm.vmas, &addr);
		if (!n)
			break;
		vma = g_tree_node_value(n);
		if (vma->start >= end)
			break;
		if (vma->start < addr)
			vma = split_vma(w, vma, addr);
		if (vma->end > end)
			split_vma(w, vma, end);
		vma_remove(w, vma);
	}
	gms_mpol_vma_unmap(w, addr, end);
	/* the unmapped pages are no longer locked (munlock_vma_pages_range()) */
	gms_range_map_store(&w->mm.mlocked, addr >> GMS_PAGE_SHIFT,
			    end >> GMS_PAGE_SHIFT, 0);
	return 0;
}

/* mirrors: do_anonymous_page(): a fresh zeroed page */
static int anon_fault(struct gms_world *w, u64 *pfn)
{
	if (gms_physmem_alloc(&w->physmem, GMS_PAGE_ANON, pfn))
		return -ENOMEM;
	gms_physmem_clear(&w->physmem, *pfn);
	return 0;
}

int gms_mm_fault(struct gms_world *w, u64 addr, u64 *pfn)
{
	struct gms_vma *vma = gms_mm_find_vma(w, addr);
	struct gms_pte *pte;
	u64 page;
	int r;

	if (!vma)
		return -EFAULT;
	page = vma_page(vma, addr);
	pte = g_tree_lookup(vma->ptes, &page);
	if (pte) {
		*pfn = pte->pfn;
		return 0;
	}
	/* uffd=: the series' VM_FAULT_UFFD_* hand the fault to the handler */
	r = vma->kind == GMS_VMA_GMEM ? gms_gmem_uffd_fault(w, vma, page) : 0;
	if (r)
		return r;
	r = vma->kind == GMS_VMA_GMEM ?
		    gms_gmem_fault_user_mapping(w, vma->file->inode, page,
						pfn) :
		    anon_fault(w, pfn);
	if (r)
		return r;
	/*
	 * The hardware may refuse the host the page (pKVM: not in the host's
	 * stage-2; the abort is injected back as SIGSEGV): no pte then.
	 */
	r = gms_world_host_access(w, *pfn, GMS_HOST_USER_READ,
				  "host userspace fault");
	if (r) {
		gms_physmem_put(&w->physmem, *pfn);
		return r;
	}
	install_pte(w, vma, page, *pfn);
	return 0;
}

static gboolean vma_maps_inode(struct gms_vma *vma,
			       const struct gms_gmem_inode *inode)
{
	return vma->kind == GMS_VMA_GMEM && vma->file->inode == inode;
}

void gms_mm_unmap_mapping_range(struct gms_world *w,
				const struct gms_gmem_inode *inode, u64 start,
				u64 end)
{
	GTreeNode *n;

	for (n = g_tree_node_first(w->mm.vmas); n; n = g_tree_node_next(n)) {
		struct gms_vma *vma = g_tree_node_value(n);

		if (vma_maps_inode(vma, inode))
			zap_pages(w, vma, start, end);
	}
}

/* mapping_mapped(): does any vma map @inode? */
bool gms_mm_inode_mapped(struct gms_world *w,
			 const struct gms_gmem_inode *inode)
{
	GTreeNode *n;

	for (n = g_tree_node_first(w->mm.vmas); n; n = g_tree_node_next(n))
		if (vma_maps_inode(g_tree_node_value(n), inode))
			return true;
	return false;
}

int gms_mm_pin(struct gms_world *w, u64 addr)
{
	struct gms_pin pin = { .addr = addr & ~(GMS_PAGE_SIZE - 1) };
	struct gms_page *p;
	int r = gms_mm_fault(w, addr, &pin.pfn);

	if (r)
		return r == -GMS_ESIGBUS ? -EFAULT : r;
	p = gms_physmem_page(&w->physmem, pin.pfn);
	p->refcount++;
	p->pincount++;
	g_array_append_val(w->mm.pins, pin);
	return 0;
}

int gms_mm_unpin(struct gms_world *w, u64 addr)
{
	addr &= ~(GMS_PAGE_SIZE - 1);
	for (guint i = 0; i < w->mm.pins->len; i++) {
		struct gms_pin *pin =
			&g_array_index(w->mm.pins, struct gms_pin, i);
		u64 pfn = pin->pfn;

		if (pin->addr != addr)
			continue;
		g_array_remove_index(w->mm.pins, i);
		gms_physmem_page(&w->physmem, pfn)->pincount--;
		gms_physmem_put(&w->physmem, pfn);
		return 0;
	}
	return -EINVAL;
}
