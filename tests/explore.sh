#!/usr/bin/env bash
# gmemsim explore: every mutant a bounded search reaches is found at the
# smallest depth it exists at (none one level less, and nothing without the
# mutant at that depth), and its counterexample replays with `gmemsim run`.
# Usage: explore.sh GMEMSIM
set -u
gmemsim=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "not ok: $*"; status=1; }
# a report without its time and rate, which do vary
untimed() { sed 's/ in [0-9.]* s (.*//' <<<"$1"; }

# mutant  violation  depth  options
while read -r mutant id depth opts; do
	[ -z "$mutant" ] && continue
	ce=$work/$mutant.gms
	# shellcheck disable=SC2086
	out=$("$gmemsim" explore --policy "mutant=$mutant" --depth "$depth" $opts --jobs 2 -o "$ce")
	rc=$?
	# shellcheck disable=SC2086
	one=$("$gmemsim" explore --policy "mutant=$mutant" --depth "$depth" $opts --jobs 1 -o "$ce.1")
	[ "$(untimed "$one")" = "$(untimed "$out")" ] && cmp -s "$ce" "$ce.1" ||
		fail "$mutant: --jobs 1 and --jobs 2 differ: $(head -n 1 <<<"$one") vs $(head -n 1 <<<"$out")"
	if [ "$rc" -ne 1 ] || ! grep -q "^VIOLATION $id at depth $depth;" <<<"$out"; then
		fail "$mutant: expected $id at depth $depth (exit $rc): $(head -n 2 <<<"$out")"
		continue
	fi
	# shellcheck disable=SC2086
	"$gmemsim" explore --policy "mutant=$mutant" --depth $((depth - 1)) $opts >/dev/null ||
		fail "$mutant: a violation above depth $depth"
	# shellcheck disable=SC2086
	"$gmemsim" explore --depth "$depth" $opts >/dev/null ||
		fail "$mutant: mutant=none breaks an invariant by depth $depth"
	replay=$("$gmemsim" run "$ce")
	if [ $? -ne 0 ] || ! grep -q "violation:$id, as expected" <<<"$replay"; then
		fail "$mutant: the counterexample does not replay: $replay"
		continue
	fi
	[ "$(grep -vc -e '^#' -e '^policy' "$ce")" -eq "$depth" ] ||
		fail "$mutant: the counterexample is not $depth steps long"
	echo "ok: $mutant: $id at depth $depth${opts:+ ($opts)}"
done <<'TABLE'
signed-offset           binding          3
toggle-gmem-flag        use-after-free   4
release-lock-order      lock-order       4
shared-not-zapped       stale-mapping    5
release-uaf             use-after-free   6
no-invalidate-retry     stale-mapping    7
no-scrub                confidentiality  11 --type sw_protected --pages 1 --no-tasks
snp-invalidate-continue scrub            2  --type snp
truncate-zeroes         host-safety      6  --type snp
pkvm-no-poison          scrub            6  --type pkvm
tdx-no-track            stale-mapping    7  --type tdx
convert-no-zap          stale-mapping    5  --type snp --policy convert=in-place
convert-no-refcount     mmap-exclusion   8  --type snp --pages 1 --no-tasks --policy convert=in-place
merge-early             folio-state      7  --vms 1 --type snp --pages 1 --no-tasks --policy hugetlb=allowed --policy convert=in-place
split-referenced        folio-state      7  --vms 1 --type snp --pages 1 --policy hugetlb=allowed --policy convert=in-place-preserve
huge-map-mixed          folio-state      5  --vms 1 --type sw_protected --pages 1 --no-tasks --policy hugetlb=allowed --policy convert=attributes
tdx-demote-no-track     stale-mapping    5  --vms 1 --type tdx --pages 1 --no-tasks --policy hugetlb=allowed --policy convert=in-place
no-psmash               scrub            5  --vms 1 --type snp --pages 1 --no-tasks --policy hugetlb=allowed --policy convert=in-place
TABLE

# symmetry: mirrored VMs are one state, and nothing is lost by it
sym=$("$gmemsim" explore --depth 6) || fail "defaults to depth 6 break an invariant"
nosym=$("$gmemsim" explore --depth 6 --no-symmetry) || fail "no-symmetry breaks an invariant"
d1=$(sed -n 's/.*states, \([0-9]*\) distinct.*/\1/p' <<<"$sym")
d2=$(sed -n 's/.*states, \([0-9]*\) distinct.*/\1/p' <<<"$nosym")
if [ -n "$d1" ] && [ -n "$d2" ] && [ "$d1" -lt "$d2" ]; then
	echo "ok: symmetry: $d1 distinct states instead of $d2"
else
	fail "symmetry reduction: $d1 vs $d2 distinct states"
fi
one=$("$gmemsim" explore --vms 1 --depth 6 | sed -n 's/.*states, \([0-9]*\) distinct.*/\1/p')
one_nosym=$("$gmemsim" explore --vms 1 --depth 6 --no-symmetry | sed -n 's/.*states, \([0-9]*\) distinct.*/\1/p')
[ "$one" = "$one_nosym" ] || fail "one VM: symmetry changed $one_nosym to $one"

# the distinct-state counts, pinned: a form that tells apart states that
# behave the same (finer: sound but slower) or merges states that do not
# (coarser: unsound, also caught by test_soundness) moves them
while read -r want opts; do
	# shellcheck disable=SC2086
	got=$("$gmemsim" explore --depth 6 $opts | sed -n 's/^explored \([0-9]*\) states, \([0-9]*\) distinct.*/\1\/\2/p')
	if [ "$got" = "$want" ]; then
		echo "ok: depth 6${opts:+ $opts}: $got states/distinct"
	else
		fail "depth 6${opts:+ $opts}: $got states/distinct, expected $want"
	fi
done <<'COUNTS'
17750/4012
61024/9686 --type snp
60976/9658 --type tdx
40106/7499 --type pkvm
COUNTS

# explore --check-forms: a merge's two states behave the same (the unit
# test_soundness runs it over every type); here the CLI's line and exit
out=$("$gmemsim" explore --depth 4 --check-forms 50)
if [ $? -eq 0 ] && grep -q "^form check: 50 of [0-9]* merges checked, none differs" <<<"$out"; then
	echo "ok: --check-forms 50"
else
	fail "--check-forms: $out"
fi

# worker threads: the same search, with or without violations and --max-states
for opts in "--depth 6" "--depth 5 --type snp --no-symmetry" "--max-states 700"; do
	# shellcheck disable=SC2086
	one=$(untimed "$("$gmemsim" explore $opts --jobs 1)")
	for j in 2 3; do
		# shellcheck disable=SC2086
		many=$(untimed "$("$gmemsim" explore $opts --jobs $j)")
		[ "$one" = "$many" ] || fail "explore $opts: --jobs 1 and $j differ: $one vs $many"
	done
	echo "ok: $opts: --jobs 1, 2 and 3: $(head -n 1 <<<"$one")"
done

# worlds reused after an unchanged form: the same search as replaying each one
fresh=$("$gmemsim" explore --depth 6 --fresh-worlds) || fail "--fresh-worlds breaks an invariant"
if [ "$(head -n 1 <<<"$fresh" | sed 's/ in .*//')" = "$(head -n 1 <<<"$sym" | sed 's/ in .*//')" ]; then
	echo "ok: --fresh-worlds: $(head -n 1 <<<"$fresh" | sed 's/ in .*//')"
else
	fail "--fresh-worlds: $fresh vs $sym"
fi

# --max-states stops cleanly
out=$("$gmemsim" explore --max-states 100)
rc=$?
n=$(sed -n 's/.*states, \([0-9]*\) distinct.*/\1/p' <<<"$out")
if [ $rc -eq 0 ] && grep -q "stopped at --max-states" <<<"$out" && [ "$n" -le 100 ]; then
	echo "ok: --max-states 100 stops at $n"
else
	fail "--max-states: exit $rc, $out"
fi

# bad options are usage errors
for bad in "--depth x" "--vms 0" "--type sgx" "--policy nope=1" "--max-states -1" "--jobs 0" "--jobs 1025" "--jobs x" "extra" "--check-forms -1" "--check-every x"; do
	# shellcheck disable=SC2086
	"$gmemsim" explore $bad >/dev/null 2>"$work/err"
	rc=$?
	[ $rc -eq 2 ] && [ -s "$work/err" ] || fail "explore $bad: exit $rc"
done
# too many names for the state's name mask: a clear error, nothing undefined on the way
"$gmemsim" explore --vms 8 --files 4 --depth 1 >/dev/null 2>"$work/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "at most 64" "$work/err" && ! grep -q "runtime error" "$work/err"; then
	echo "ok: --vms 8 --files 4 is refused"
else
	fail "--vms 8 --files 4: exit $rc: $(cat "$work/err")"
fi
exit $status
