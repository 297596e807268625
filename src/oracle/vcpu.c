// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest vCPU that can load or store one quadword at any gpa below
 * 127 GiB: 64-bit mode, identity-mapped with 2 MiB pages whose tables live in
 * a harness memslot at 127 GiB, and two instructions each followed by HLT.
 * It is made on the VM's first guest access, so uAPI-only scenarios never see it.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_target.h"
#include "kvm_uapi.h"

#define CODE_READ 0x0 /* mov rax, [rdi]; hlt */
#define CODE_WRITE 0x10 /* mov [rdi], rsi; hlt */
#define PML4_OFF 0x1000
#define PDPT_OFF 0x2000
#define PD_OFF 0x3000 /* one page directory per GiB */
#define HARNESS_SIZE (PD_OFF + KT_IDENTITY_GIB * 0x1000)

static const u8 code_read[] = { 0x48, 0x8b, 0x07, 0xf4 };
static const u8 code_write[] = { 0x48, 0x89, 0x37, 0xf4 };

static void *harness_memory(void)
{
	u8 *mem = mmap(NULL, HARNESS_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u64 *pml4, *pdpt, *pd;

	if (mem == MAP_FAILED)
		return NULL;
	memcpy(mem + CODE_READ, code_read, sizeof(code_read));
	memcpy(mem + CODE_WRITE, code_write, sizeof(code_write));
	pml4 = (u64 *)(mem + PML4_OFF);
	pdpt = (u64 *)(mem + PDPT_OFF);
	pd = (u64 *)(mem + PD_OFF);
	pml4[0] = (KT_HARNESS_GPA + PDPT_OFF) | 0x3; /* present, writable */
	for (u64 g = 0; g < KT_IDENTITY_GIB; g++)
		pdpt[g] = (KT_HARNESS_GPA + PD_OFF + g * 0x1000) | 0x3;
	for (u64 i = 0; i < KT_IDENTITY_GIB * 512; i++)
		pd[i] = (i << 21) | 0x83; /* present, writable, 2 MiB */
	return mem;
}

static int set_cpuid(int kvm_dev, int vcpu)
{
	int n = 128, r;
	struct kvm_cpuid2 *c =
		g_malloc0(sizeof(*c) + n * sizeof(c->entries[0]));

	c->nent = n;
	r = ioctl(kvm_dev, KVM_GET_SUPPORTED_CPUID, c);
	if (!r)
		r = ioctl(vcpu, KVM_SET_CPUID2, c);
	g_free(c);
	return r;
}

static int set_long_mode(int vcpu)
{
	struct kvm_segment code = { .base = 0,
				    .limit = 0xffffffff,
				    .selector = 8,
				    .type = 11,
				    .present = 1,
				    .s = 1,
				    .l = 1,
				    .g = 1 };
	struct kvm_segment data = code;
	struct kvm_sregs sregs;

	if (ioctl(vcpu, KVM_GET_SREGS, &sregs))
		return -1;
	data.selector = 16;
	data.type = 3;
	data.l = 0;
	data.db = 1;
	sregs.cs = code;
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = data;
	sregs.cr3 = KT_HARNESS_GPA + PML4_OFF;
	sregs.cr4 = 0x20; /* PAE */
	sregs.cr0 = 0x80000011; /* PG | ET | PE */
	sregs.efer = 0x500; /* LMA | LME */
	return ioctl(vcpu, KVM_SET_SREGS, &sregs);
}

static int harness_slot(int vm, void *mem)
{
	struct gms_uapi_userspace_memory_region2 m = {
		.slot = KT_HARNESS_SLOT,
		.guest_phys_addr = KT_HARNESS_GPA,
		.memory_size = HARNESS_SIZE,
		.userspace_addr = (u64)(uintptr_t)mem,
	};

	return TEMP_FAILURE_RETRY(
		ioctl(vm, GMS_KVM_SET_USER_MEMORY_REGION2, &m));
}

/* The /dev/kvm fd of the target, for the system ioctls. */
static int dev_fd(struct kvm_target *kt)
{
	for (guint i = 0; i < kt->fds->len; i++) {
		struct kfd *e = kt_fd(kt, i);

		if (e && e->kind == KFD_DEV)
			return e->real;
	}
	return -1;
}

static int harness_init(struct kvm_target *kt, struct kfd *vm)
{
	int dev = dev_fd(kt), size;

	if (dev < 0 || !(vm->harness = harness_memory()))
		return -1;
	if (harness_slot(vm->real, vm->harness))
		return -1;
	vm->vcpu = TEMP_FAILURE_RETRY(ioctl(vm->real, KVM_CREATE_VCPU, 0));
	size = ioctl(dev, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vm->vcpu < 0 || size <= 0)
		return -1;
	vm->run_size = size;
	vm->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu,
		       0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		return -1;
	}
	if (set_cpuid(dev, vm->vcpu) || set_long_mode(vm->vcpu))
		return -1;
	return 0;
}

void kt_harness_free(struct kvm_target *kt, struct kfd *vm)
{
	(void)kt;
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->vcpu >= 0)
		close(vm->vcpu);
	if (vm->harness)
		munmap(vm->harness, HARNESS_SIZE);
	vm->run = NULL;
	vm->vcpu = -1;
	vm->harness = NULL;
}

bool kt_vcpu_ready(struct kvm_target *kt, struct kfd *vm)
{
	if (vm->vcpu >= 0)
		return true;
	if (!harness_init(kt, vm))
		return true;
	kt_harness_free(kt, vm);
	return false;
}

/* One KVM_RUN of the load or store; the outcome as the model reports it. */
static int run_access(struct kfd *vm, u64 gpa, bool write, u64 *val,
		      struct gms_vcpu_exit *exit)
{
	struct kvm_regs regs = { 0 };
	struct gms_uapi_memory_fault *mf;
	int r;

	regs.rip = KT_HARNESS_GPA + (write ? CODE_WRITE : CODE_READ);
	regs.rdi = gpa;
	regs.rsi = *val;
	regs.rflags = 0x2;
	if (ioctl(vm->vcpu, KVM_SET_REGS, &regs))
		return -GMS_EUNSUPPORTED;
	/* a signal (EINTR, KVM_EXIT_INTR) leaves the vCPU where it was */
	r = TEMP_FAILURE_RETRY(ioctl(vm->vcpu, KVM_RUN, 0));
	if (r < 0 && vm->run->exit_reason == GMS_KVM_EXIT_MEMORY_FAULT) {
		r = -errno;
		mf = (struct gms_uapi_memory_fault *)&vm->run->mmio;
		exit->reason = GMS_EXIT_MEMORY_FAULT;
		exit->flags = mf->flags;
		exit->gpa = mf->gpa;
		exit->size = mf->size;
		return r;
	}
	if (r < 0)
		return -errno;
	if (vm->run->exit_reason == KVM_EXIT_MMIO) {
		exit->reason = GMS_EXIT_MMIO;
		exit->gpa = vm->run->mmio.phys_addr;
		exit->size = vm->run->mmio.len;
		/* complete the access (a read gets zeroes) so the next one starts clean */
		memset(vm->run->mmio.data, 0, sizeof(vm->run->mmio.data));
		if (TEMP_FAILURE_RETRY(ioctl(vm->vcpu, KVM_RUN, 0)) ||
		    vm->run->exit_reason != KVM_EXIT_HLT)
			return -GMS_EUNSUPPORTED;
		return 0;
	}
	if (vm->run->exit_reason != KVM_EXIT_HLT) {
		if (g_getenv("GMEMSIM_DEBUG"))
			g_printerr("gmemsim: vCPU exit %u\n",
				   vm->run->exit_reason);
		return -GMS_EUNSUPPORTED;
	}
	if (!write) {
		if (ioctl(vm->vcpu, KVM_GET_REGS, &regs))
			return -GMS_EUNSUPPORTED;
		*val = regs.rax;
	}
	return 0;
}

static int vcpu_access(struct gms_target *t, int vm_fd, u64 gpa,
		       enum gms_access_kind kind, bool write, u64 *val,
		       struct gms_vcpu_exit *exit)
{
	struct kvm_target *kt = (struct kvm_target *)t;
	struct kfd *vm = kt_fd(kt, vm_fd);

	*exit = (struct gms_vcpu_exit){ 0 };
	if (!vm)
		return -EBADF;
	if (vm->kind != KFD_VM)
		return -ENOTTY;
	/* the default VM has no private accesses; the harness maps 127 GiB */
	if (kind == GMS_ACCESS_PRIVATE || gpa >= KT_HARNESS_GPA)
		return -GMS_EUNSUPPORTED;
	if (!kt_vcpu_ready(kt, vm))
		return -GMS_EUNSUPPORTED;
	/* the page's tag, as the model keeps one per page */
	return run_access(vm, gpa & ~(GMS_PAGE_SIZE - 1), write, val, exit);
}

int kt_vcpu_read(struct gms_target *t, int vm_fd, u64 gpa,
		 enum gms_access_kind kind, u64 *tag,
		 struct gms_vcpu_exit *exit)
{
	*tag = 0;
	return vcpu_access(t, vm_fd, gpa, kind, false, tag, exit);
}

int kt_vcpu_write(struct gms_target *t, int vm_fd, u64 gpa,
		  enum gms_access_kind kind, u64 tag,
		  struct gms_vcpu_exit *exit)
{
	return vcpu_access(t, vm_fd, gpa, kind, true, &tag, exit);
}
