#!/usr/bin/env bash
# Every negative scenario must fail for the reason it names once its
# "=> violation:ID" expectation is removed: exit 1 and violation ID reported.
set -u
gmemsim=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
checked=0 bad=0
while IFS= read -r f; do
	id=$(sed -n 's/.*=> *violation:\([a-z-]*\).*/\1/p' "$f" | head -n 1)
	[ -n "$id" ] || continue
	sed 's/=> *violation:[a-z-]*//' "$f" > "$tmp/s.gms"
	out=$("$gmemsim" run "$tmp/s.gms" 2>&1)
	status=$?
	checked=$((checked + 1))
	if [ "$status" -ne 1 ] || ! grep -q "! $id:" <<<"$out" ||
	   ! grep -q "unexpected violation" <<<"$out"; then
		echo "not ok: $f (exit $status) does not fail with violation $id"
		echo "$out" | tail -n 5
		bad=$((bad + 1))
	else
		echo "ok: $f fails with $id when its expectation is removed"
	fi
done < <(find "$dir" -name '*.gms' | sort)
echo "$((checked - bad)) passed, $bad failed"
[ "$checked" -gt 0 ] && [ "$bad" -eq 0 ]
