#!/usr/bin/env python3
"""Seed inputs for fuzz_lifecycle: the library's lifecycles, in the decoder's
byte layout (src/scenario/lang/fuzz_decode.c), so the fuzzer starts from races and
launches that reach every platform. The inplace-* seeds are scenarios/conversion/'s,
for GMEMSIM_POLICY=convert=in-place (under other policies they decode to other ops).
Usage: lifecycle_seeds.py OUT_DIR"""
import os
import sys

SW, SNP, TDX, DEFAULT, PKVM = 1, 2, 3, 0, 4


def vm(t):                      # vm.create vmN type=T
    return [0, t]


def gmem(v, size=3, flags=0):   # gmem.create gN vm=vmV size=2M flags=0
    return [1, v, size, flags]


def slot(s, v, g):              # memslot.set vmV slot=S gpa=4G size=2M gmem=gG
    return [9, s, v, 3, 3, 0, 1, g, 0]


def private(v):                 # attr.set vmV gpa=4G size=2M private
    return [18, v, 3, 2, 1]


def write(v, maps=False, word=2):  # guest.write vmV gpa=4G tag=t0 private
    return [16] + ([0] if maps else []) + [0, v, 3, 0, word]


def shared(v):                  # attr.set vmV gpa=4G size=2M shared
    return [18, v, 3, 2, 0]


def read(v):                    # guest.read vmV gpa=4G private
    return [15, 0, v, 3, 2]


def punch(g):                   # gmem.punch gG offset=0 len=4K
    return [5, g, 0, 0]


def populate(g):                # gmem.populate gG offset=0 tag=t1
    return [24, g, 0, 1]


def finalize(v):
    return [25, v]


def close_vm(v, gmems=True):    # ops 4..17 read one byte more while no gmem exists
    return [17] + ([] if gmems else [0]) + [0, v]


def close_gmem(g):
    return [8, g]


def spawn_read(v):              # spawn tN guest.read vmV gpa=4G
    return [19, 4, v, 3, 0]


def spawn_close(g):
    return [19, 1, g]


def spawn_delete(v, s):
    return [19, 2, v, s]


def spawn_punch(g):
    return [19, 0, g, 0, 0]


def step(t, two=False):
    return [21, t, 0 if two else 1]


def finish(t):
    return [23, t]


# convert=in-place (GMEMSIM_POLICY): op 18 is gmem.convert, 27/28 host.pin/unpin;
# under other policies these bytes decode to attr.set, vm.create and gmem.create.
MMAP, MMAP_SHARED = 1, 2        # gmem_flags: mmap, mmap,init_shared
K4, K8, K16 = 0, 1, 2           # sizes and slot sizes; conv_lens (4K, 8K, 16K)


def convert(g, to_shared, off=0, ln=K4):  # gmem.convert gG offset=O len=L to=...
    return [18, g, off, ln, 1 if to_shared else 0]


def spawn_convert(g, to_shared, off=0, ln=K4):  # spawn tN gmem.convert ...
    return [19, 5, g, off, ln, 1 if to_shared else 0]


def mmap(g, ln=0):              # gmem.mmap mN gmem=gG offset=0 len=4K|8K|16K
    return [2, g, 0, ln, 1]


def host_write(m, off=0, tag=2):  # host.write mM offset=O tag=tT (off: 0, 4K, 8K, 12K)
    return [13, m, off, tag]


def host_read(m, off=0):
    return [12, m, off]


def pin(m, off=0):              # host.pin mM offset=O
    return [27, m, off]


def unpin(m, off=0):
    return [28, m, off]


def munmap(m):                  # its pins are unpinned first
    return [14, m, 0]


def inplace_vm(t, flags, size=K4):  # vm, file, slot 1 at 4G; no mapping yet
    return vm(t) + gmem(0, size, flags) + [9, 1, 0, 3, size, 0, 1, 0, 0]


def gwrite(v, tag=0, word=0):   # guest.write vmV gpa=4G tag=tT, a mapping exists
    return [16, 0, 0, v, 3, tag, word]


def gread(v, word=0):           # guest.read vmV gpa=4G, a mapping exists
    return [15, 0, 0, v, 3, word]


def spawn_gwrite(v, tag=0):     # spawn tN guest.write vmV gpa=4G tag=tT
    return [19, 3, v, 3, tag, 0]


def guest_vm(t):
    return vm(t) + gmem(0) + slot(1, 0, 0) + private(0) + write(0)


SEEDS = {
    'punch-vs-fault': guest_vm(SW) + spawn_read(0) + step(0, True) + punch(0) + finish(0),
    'punch-task-vs-fault': guest_vm(SW) + spawn_punch(0) + spawn_read(0) + step(0) + step(1, True)
    + step(1) + finish(0) + finish(1),
    'release-vs-delete': guest_vm(SW) + spawn_close(0) + spawn_delete(0, 1) + step(0) + step(1)
    + step(0) + finish(1) + finish(0),
    'release-order': vm(DEFAULT) + gmem(0) + slot(1, 0, 0) + spawn_close(0) + step(0) + step(0)
    + finish(0),
    'snp-punch': guest_vm(SNP) + punch(0) + read(0),
    'snp-launch': vm(SNP) + gmem(0) + slot(1, 0, 0) + private(0) + populate(0) + finalize(0)
    + read(0) + close_vm(0) + close_gmem(0),
    'snp-asid-reuse': guest_vm(SNP) + close_vm(0) + close_gmem(0) + vm(SNP) + gmem(1) + slot(1, 1, 1)
    + private(1) + read(1),
    'tdx-punch': guest_vm(TDX) + punch(0) + read(0),
    'tdx-launch': vm(TDX) + gmem(0) + slot(1, 0, 0) + private(0) + populate(0) + finalize(0)
    + read(0) + spawn_punch(0) + step(0) + finish(0) + close_vm(0) + close_gmem(0),
    'scrub': guest_vm(SW) + punch(0) + read(0),
    'scrub-two-vms': vm(SW) + vm(SW) + gmem(0) + gmem(1) + slot(1, 0, 0) + slot(1, 1, 1)
    + private(0) + private(1) + write(0) + punch(0) + read(1),
    'shared-punch': vm(DEFAULT) + gmem(0, 3, 2) + slot(1, 0, 0) + write(0, word=0) + punch(0)
    + read(0),
    'pkvm-convert-back': vm(PKVM) + gmem(0, 3, 1) + slot(1, 0, 0) + private(0) + write(0)
    + shared(0),
    'flags-only': vm(SW) + gmem(0) + slot(1, 0, 0) + [9, 1, 0, 3, 3, 1, 0] + [10, 1, 0]
    + close_gmem(0),
    'snp-asid-exhaust': vm(SNP) * 9 + close_vm(0, gmems=False) + vm(SNP),
    # convert=in-place: scenarios/conversion/ (elevated_refcount and convert_no_refcount,
    # init_private and convert_no_zap, snp_flow, race_fault, race_pin,
    # fault_task_no_page_ref, truncate_keeps_attributes), on sw_protected, SNP, pKVM, TDX
    'inplace-pinned': inplace_vm(SW, MMAP_SHARED) + mmap(0) + host_write(0) + pin(0)
    + convert(0, False) + gwrite(0),
    'inplace-to-shared': inplace_vm(SW, MMAP) + [16, 0, 0, 3, 0, 0] + convert(0, True)
    + [15, 0, 0, 3, 0],
    'inplace-snp-pinned': inplace_vm(SNP, MMAP_SHARED) + mmap(0) + host_write(0) + pin(0)
    + convert(0, False) + [26, 0, 3] + gwrite(0),
    'inplace-snp-flow': inplace_vm(SNP, MMAP_SHARED) + mmap(0) + host_write(0)
    + convert(0, False) + [26, 0, 3] + gwrite(0) + convert(0, True) + host_read(0),
    'inplace-elevated': inplace_vm(SW, MMAP_SHARED, K16) + mmap(0, 2) + host_write(0)
    + host_write(0, 2) + pin(0, 2) + convert(0, False, 0, K16) + convert(0, False)
    + unpin(0, 2) + convert(0, False, 0, K16) + gread(0),
    'inplace-race-fault': inplace_vm(SW, MMAP) + [16, 0, 0, 3, 0, 0] + spawn_convert(0, True)
    + step(0) + [19, 4, 0, 3, 2] + step(1) + step(0) + finish(0) + finish(1),
    'inplace-race-pin': inplace_vm(SW, MMAP_SHARED, K8) + mmap(0, 1) + host_write(0)
    + spawn_convert(0, False, 0, K8) + step(0) + pin(0, 1) + finish(0) + pin(0, 1)
    + munmap(0),
    'inplace-fault-task': inplace_vm(SW, MMAP_SHARED) + mmap(0) + spawn_gwrite(0) + step(0)
    + step(0) + convert(0, False) + step(0) + finish(0),
    'inplace-truncate': inplace_vm(SW, MMAP_SHARED) + mmap(0) + host_write(0) + punch(0)
    + host_write(0) + convert(0, False) + gwrite(0) + punch(0) + gread(0),
    'inplace-snp-punch': inplace_vm(SNP, MMAP) + [26, 0, 3] + [16, 0, 0, 3, 0, 0]
    + spawn_punch(0) + spawn_convert(0, True) + step(0) + step(1) + finish(0) + finish(1),
    'inplace-pkvm-mapped': inplace_vm(PKVM, MMAP_SHARED) + mmap(0) + host_write(0)
    + gread(0) + pin(0) + convert(0, False) + unpin(0) + convert(0, False) + gwrite(0)
    + convert(0, True) + host_read(0),
    'inplace-tdx-mapped': inplace_vm(TDX, MMAP_SHARED, K8) + mmap(0, 1) + host_write(0)
    + convert(0, False, 1) + [24, 0, 1, 1] + finalize(0) + convert(0, False) + [26, 0, 3]
    + gwrite(0) + convert(0, True) + host_read(0) + close_gmem(0),
    # hugetlb=allowed (GMEMSIM_POLICY=hugetlb=allowed,convert=in-place-preserve): g0 is one
    # 2 MiB HugeTLB folio; the fault holds its page from get_pfn to map, and a conversion
    # splits (split-referenced) or the file's eviction frees the pieces around it
    # (merge-early); scenarios/huge/
    'huge-split-vs-fault': inplace_vm(SNP, MMAP) + spawn_gwrite(0) + step(0, True)
    + convert(0, True, 1) + finish(0),
    'huge-evict-vs-fault': inplace_vm(SNP, MMAP) + convert(0, True, 1) + spawn_gwrite(0)
    + step(0, True) + close_gmem(0) + finish(0),
}

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bytes(data))
