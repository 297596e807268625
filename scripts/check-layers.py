#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail when a layer's library references a symbol that only a layer it may
not depend on defines (DESIGN.md section 2):

    lib <- hw <- model <- kvm <- check <- scenario <- cli;  lib <- oracle <- scenario

usage: check-layers.py [--nm NM] -o STAMP LAYER=LIB.a ...
"""
import argparse
import subprocess
import sys

ALLOWED = {
    "lib": set(),
    "hw": {"lib"},
    "model": {"lib", "hw"},
    "kvm": {"lib", "hw", "model"},
    "check": {"lib", "hw", "model", "kvm"},
    "oracle": {"lib"},
    "scenario": {"lib", "hw", "model", "kvm", "check", "oracle"},
}


def symbols(nm, archive):
    """(defined, undefined) global symbols of @archive, per object file."""
    out = subprocess.run([nm, "-g", archive], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined, obj = {}, [], archive
    for line in out.splitlines():
        if line.endswith(":"):
            obj = line[:-1]
            continue
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.append((obj, parts[1]))
        elif len(parts) == 3 and parts[1] in "TDBRVWCGS":
            defined[parts[2]] = obj
    return defined, undefined


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nm", default="nm")
    ap.add_argument("-o", dest="stamp", required=True)
    ap.add_argument("layers", nargs="+")
    args = ap.parse_args()
    libs = dict(arg.split("=", 1) for arg in args.layers)
    defs, undefs = {}, {}
    for layer, path in libs.items():
        d, u = symbols(args.nm, path)
        undefs[layer] = u
        for sym, obj in d.items():
            defs[sym] = (layer, obj)
    bad = []
    for layer, refs in undefs.items():
        for obj, sym in refs:
            owner = defs.get(sym)
            if owner and owner[0] != layer and owner[0] not in ALLOWED[layer]:
                bad.append("%s (%s) uses %s from %s (%s)" %
                           (layer, obj, sym, owner[0], owner[1]))
    if bad:
        sys.stderr.write("layer order broken (DESIGN.md section 2):\n  " +
                         "\n  ".join(sorted(set(bad))) + "\n")
        return 1
    with open(args.stamp, "w") as f:
        f.write("layers ok: %s\n" % " ".join(sorted(libs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
