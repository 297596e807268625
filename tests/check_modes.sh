#!/bin/bash
# check=incremental reports what check=full does: every step of every
# scenario of the library (run -v prints each step's violations), with no
# mutant and under every mutant; check=verify (both after each step, a
# difference is a model bug) passes the library; a bad --check value is a
# usage error.
# Usage: check_modes.sh GMEMSIM SOURCE_ROOT
gmemsim=$1
dir=$2/scenarios
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

compare() { # $1: label, rest: run options
	local label=$1
	shift
	"$gmemsim" run -v --check=full "$@" "$dir" >"$tmp/full" 2>&1
	local rf=$?
	"$gmemsim" run -v --check=incremental "$@" "$dir" >"$tmp/inc" 2>&1
	local ri=$?
	if [ "$rf" != "$ri" ] || ! cmp -s "$tmp/full" "$tmp/inc"; then
		echo "not ok: $label: incremental differs from full"
		diff "$tmp/full" "$tmp/inc" | head -20
		status=1
	else
		echo "ok: $label: $(grep -c '^PASS\|^FAIL' "$tmp/full") scenarios alike (exit $rf)"
	fi
}

compare "no mutant"
line=$("$gmemsim" policies | grep '^mutant')
# as tests/mutants.sh reads it
words=$(sed 's/ \[not modelled yet\]/:x/g; s/ (default)//' <<<"$line" | tr -s ' ' '\n')
for m in $(grep -v -e '^mutant$' -e ':x$' -e '^none$' -e '^$' <<<"$words"); do
	compare "mutant=$m" --policy "mutant=$m"
done
if ! out=$("$gmemsim" run --check=verify "$dir" 2>&1); then
	echo "not ok: check=verify fails the library"
	grep -e '^FAIL' <<<"$out" | head
	status=1
fi
"$gmemsim" run --check=bogus "$dir" >/dev/null 2>&1
rc=$?
[ $rc = 2 ] || { echo "not ok: --check=bogus exits $rc, not 2"; status=1; }
exit $status
