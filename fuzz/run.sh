#!/usr/bin/env bash
# make fuzz: every target for SECONDS on its seeds, keeping what it learns.
# Usage: run.sh FUZZ_BUILD SECONDS
set -uo pipefail
build=$(realpath "$1") secs=$2
src=$(dirname "$(realpath "$0")")
status=0
# the target's libFuzzer options from fuzz/NAME.options, as OSS-Fuzz reads them
options() {
	[ -f "$src/$1.options" ] &&
		sed -n 's/^\([a-z_]*\) *= *\([^ ]*\)$/-\1=\2/p' "$src/$1.options"
}
run() { # name dict seeds...
	local name=$1 dict=$2 opts
	shift 2
	mapfile -t opts < <(options "$name")
	mkdir -p "$build/corpus-$name" "$build/artifacts-$name"
	echo "== $name: $secs s${GMEMSIM_POLICY:+ (GMEMSIM_POLICY=$GMEMSIM_POLICY)}"
	"$build/fuzz/$name" "${opts[@]}" -max_total_time="$secs" -timeout=10 -error_exitcode=99 \
		-print_final_stats=1 -dict="$dict" \
		-artifact_prefix="$build/artifacts-$name/" \
		"$build/corpus-$name" "$@" > "$build/fuzz-$name.log" 2>&1
	local rc=$?
	grep -E 'stat::(number_of_executed_units|average_exec_per_sec)' "$build/fuzz-$name.log"
	case $rc in
	0) ;;
	77) grep -m1 -v '^INFO' "$build/fuzz-$name.log" ;;
	*) echo "FOUND: see $build/fuzz-$name.log and $build/artifacts-$name/"
	   echo "replay: gmemsim fuzz-decode${name/fuzz_lifecycle/ --lifecycle} ARTIFACT"
	   [ "$name" = fuzz_lifecycle ] &&
		echo "or: sed -n '/^# replay/,/violation:/p' $build/fuzz-$name.log > crash.gms; gmemsim run -v crash.gms"
	   status=1 ;;
	esac
}
run fuzz_scenario "$src/fuzz_scenario.dict" "$src/../scenarios"
run fuzz_lifecycle "$src/fuzz_lifecycle.dict" "$src/corpus/fuzz_lifecycle"
run fuzz_diff "$src/fuzz_diff.dict" "$src/corpus/fuzz_diff"
exit $status
