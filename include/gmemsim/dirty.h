/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What changed since the invariants last ran, so that they can judge only
 * that (check=incremental). The model records it at a few leaf points: an
 * SPTE or host pte installed or zapped, a memslot's file, a VM's memslots or
 * attributes, a file's owner, a freed object, an fd; physmem records the
 * pfns it handed out by itself. The reverse maps say who depends on what: a
 * page maps to the VMs and host mappings that map it, so a change to the
 * page reaches every mapping an invariant judges through it.
 */
#ifndef GMEMSIM_DIRTY_H
#define GMEMSIM_DIRTY_H

#include <glib.h>
#include <gmemsim/types.h>

struct gms_dirty {
	/* judge everything next time: a new world, a policy change */
	bool all;
	/* the last check found no violation and ran with idle hardware */
	bool quiet;
	/* nothing recorded: every check walks everything (gms_dirty_disable) */
	bool off;
	/* touched since the last check: sets of pointers (or fd + 1) */
	GHashTable *kvms, *files, *vmas, *inodes, *fds;
	/* reverse maps, kept for the world's life: key -> set of dependents */
	GHashTable *pfn_kvms; /* pfn -> kvm -> number of its SPTEs on it */
	GHashTable *pfn_vmas; /* pfn -> vma -> number of its ptes on it */
	GHashTable *inode_kvms; /* inode -> kvm -> SPTEs from that inode */
	GHashTable *file_slots; /* file -> memslots whose gmem.file it is */
	GHashTable *kvm_files; /* kvm -> files it ever owned */
	GHashTable
		*obj_fds; /* kvm or file -> the fds (+ 1) it was installed in */
};

struct gms_world;
struct gms_kvm;
struct gms_spte;
struct gms_vma;
struct gms_memslot;
struct gms_gmem_file;
struct gms_gmem_inode;

void gms_dirty_init(struct gms_dirty *d);
void gms_dirty_destroy(struct gms_dirty *d);
/*
 * Record nothing for @w, whose checks then all walk everything: for worlds
 * checked a few times each (the explorer makes one per path).
 */
void gms_dirty_disable(struct gms_world *w);
/* the invariants ran: forget what they saw change */
void gms_dirty_clear(struct gms_world *w, bool quiet);

void gms_dirty_kvm(struct gms_world *w, struct gms_kvm *kvm);
void gms_dirty_inode(struct gms_world *w, struct gms_gmem_inode *inode);
/* an SPTE of @kvm appears (@delta 1) or goes (-1) */
void gms_dirty_spte(struct gms_world *w, struct gms_kvm *kvm,
		    const struct gms_spte *spte, int delta);
/* a host pte of @vma on @pfn appears (@delta 1) or goes (-1) */
void gms_dirty_pte(struct gms_world *w, struct gms_vma *vma, u64 pfn,
		   int delta);
/* mirrors: rcu_assign_pointer(slot->gmem.file, @f) / WRITE_ONCE(..., NULL) */
void gms_memslot_set_gmem_file(struct gms_memslot *slot,
			       struct gms_gmem_file *f);
/* @slot is a copy of a memslot: it points at the same file */
void gms_dirty_slot_copy(struct gms_memslot *slot);
/* @f's bindings changed */
void gms_dirty_file(struct gms_world *w, struct gms_gmem_file *f);
/* @f's owner (f->kvm) was set */
void gms_dirty_file_kvm(struct gms_world *w, struct gms_gmem_file *f);
void gms_dirty_fd(struct gms_world *w, int fd, void *obj);
/* @obj was freed (gms_world_bury()) */
void gms_dirty_bury(struct gms_world *w, int kind, void *obj);

#endif
