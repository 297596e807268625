#!/usr/bin/env bash
# A fuzzer's crash becomes a scenario `gmemsim run` replays to the crash's
# violation (issue 19, item 5): `gmemsim fuzz-decode` runs the decoded input
# on the model and writes each step's outcome, up to the first violation.
# Usage: fuzz_replay.sh GMEMSIM [FUZZ_LIFECYCLE]
# With FUZZ_LIFECYCLE (the fuzz build), the inputs are first shown to crash it.
#
# fuzz_scenario's input is a .gms text itself: its crash is the parser's or
# the runner's (a sanitizer report, a rejection without file:line:col), and
# `gmemsim run CRASH` replays it as it is; there is nothing to decode.
# fuzz_diff's crash is a difference from the running kernel (this machine
# has no /dev/kvm): its decoding carries the model's outcomes, so `gmemsim
# run` passes on the model and `--target diff` shows the difference; the
# last check below shows the model half on a fuzz_diff input.
set -u
g=$1
fuzzer=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "not ok: $*"; fail=$((fail + 1)); }
bytes() { # the input, one decimal byte an argument
	for b in "$@"; do printf "\\$(printf %03o "$b")"; done
}

# replay NAME MUTANT VIOLATION: NAME.bin crashes fuzz_lifecycle under MUTANT
replay() {
	local name=$1 mutant=$2 id=$3 in="$tmp/$1.bin"
	if [ -n "$fuzzer" ]; then
		GMEMSIM_POLICY=mutant=$mutant "$fuzzer" -error_exitcode=99 \
			"$in" > "$tmp/$name.log" 2>&1
		local st=$?
		if [ "$st" -ne 0 ] && grep -q "=> violation:$id" "$tmp/$name.log"; then
			ok
		else
			bad "$name: fuzz_lifecycle exit $st without violation:$id"
		fi
		# the fuzzer's own replay (after its trace) runs too
		sed -n '/^# replay/,$p' "$tmp/$name.log" |
			sed '/violation:/q' > "$tmp/$name-fuzzer.gms"
		if "$g" run "$tmp/$name-fuzzer.gms" > "$tmp/out" 2>&1 &&
		   grep -q "violation:$id, as expected" "$tmp/out"; then
			ok
		else
			bad "$name: the fuzzer's replay does not pass"
			tail -n 5 "$tmp/out"
		fi
	fi
	GMEMSIM_POLICY=mutant=$mutant "$g" fuzz-decode --lifecycle "$in" \
		> "$tmp/$name.gms" 2> "$tmp/err" || bad "$name: fuzz-decode failed"
	grep -q "^policy mutant=$mutant$" "$tmp/$name.gms" || bad "$name: no policy line"
	if [ "$(tail -n 1 "$tmp/$name.gms" | sed 's/.*=> //')" = "violation:$id" ]; then
		ok
	else
		bad "$name: the decoding does not end at violation:$id"
		tail -n 3 "$tmp/$name.gms"
	fi
	if "$g" run -v "$tmp/$name.gms" > "$tmp/out" 2>&1 &&
	   grep -q "^PASS .*(violation:$id, as expected)" "$tmp/out"; then
		ok
	else
		bad "$name: gmemsim run of the decoding does not pass at violation:$id"
		tail -n 8 "$tmp/out"
	fi
}

# found by fuzz_lifecycle in 90 s: a vCPU fault that does not retry after an
# invalidation maps a page the munmap freed (a task interleaved)
bytes 8 0 0 0 3 0 9 23 56 0 0 2 19 5 37 235 235 0 56 235 9 0 0 16 159 0 0 1 \
	0 2 24 5 13 0 0 22 1 0 0 0 0 0 248 158 0 0 14 0 1 0 2 2 23 43 0 235 \
	235 8 0 0 235 235 235 0 > "$tmp/retry.bin"
replay retry no-invalidate-retry stale-mapping
# the seed fuzz/corpus/fuzz_lifecycle/release-vs-delete: the release races a
# memslot delete, each a task, the run ending at a finish
bytes 0 1 1 0 3 0 9 1 0 3 3 0 1 0 0 18 0 3 2 1 16 0 0 3 0 2 19 1 0 19 2 0 1 \
	21 0 1 21 1 1 21 0 1 23 1 23 0 > "$tmp/uaf.bin"
replay uaf release-uaf use-after-free

# without the mutant the same input breaks nothing: every outcome written
# (a failing step's errno too) and `gmemsim run` passes to the end
"$g" fuzz-decode --lifecycle "$tmp/retry.bin" > "$tmp/clean.gms" 2> "$tmp/err"
# ... and fuzz-decode says so: the mutant was forgotten, or this is no crash
grep -q 'no invariant breaks on the model' "$tmp/err" && ok || bad "clean: no note"
grep -q '=> EINVAL$' "$tmp/clean.gms" || bad "clean: no errno written out"
grep -q 'violation:' "$tmp/clean.gms" && bad "clean: a violation without the mutant"
"$g" run "$tmp/clean.gms" > "$tmp/out" 2>&1 && ok || bad "clean: run fails"

# fuzz_diff's decoding: the model's outcomes, replayed on the model
bytes 0 1 0 2 2 5 0 1 1 6 0 2 7 0 0 1 > "$tmp/diff.bin"
"$g" fuzz-decode "$tmp/diff.bin" > "$tmp/diff.gms" || bad "diff: fuzz-decode failed"
grep -q ' => E[A-Z]*$' "$tmp/diff.gms" || bad "diff: no errno written out"
"$g" run "$tmp/diff.gms" > "$tmp/out" 2>&1 && ok || { bad "diff: run fails"; tail -n 5 "$tmp/out"; }

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
