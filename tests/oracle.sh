#!/usr/bin/env bash
# The oracle suite: every scenario of the library the host kernel can run, in
# diff mode (model and kernel step by step). Skips (77) without a usable /dev/kvm.
set -u
g=$1
dir=$2
if [ ! -e /dev/kvm ]; then
	echo "SKIP: no /dev/kvm on this machine: the oracle suite needs the real kernel"
	exit 77
fi
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "SKIP: /dev/kvm is not readable and writable by $(id -un)"
	exit 77
fi
out=$("$g" run --target diff "$dir" 2>&1)
status=$?
if [ "$status" -eq 2 ] && grep -q "no kernel target" <<<"$out"; then
	echo "SKIP: $(grep 'no kernel target' <<<"$out")"
	exit 77
fi
grep -E '^(DIFF|SAME)|UNEXPLAINED|known:' <<<"$out" | sed 's/^/  /'
tail -n 1 <<<"$out"
exit "$status"
