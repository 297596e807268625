#!/usr/bin/env bash
# Time for the lifecycle fuzzer to find each mutant (3 seeds, median), and its
# execs/s with every invariant on and no mutant. A mutant it does not find in
# SECONDS counts as ">SECONDS"; "found" lists what the crashes broke (the first
# violation of each). Inputs of at most MAX_LEN bytes (default 64, as
# fuzz/run.sh and fuzz_lifecycle.options). SEEDS_DIR may be an empty folder:
# the time from scratch. A mutant of a design other than the default runs
# under that design (convert-*: convert=in-place), as does a second
# no-mutant run.
# Usage: [MAX_LEN=N] fuzz_mutants.sh FUZZ_LIFECYCLE GMEMSIM SEEDS_DIR DICT [SECONDS] [MUTANT...]
set -uo pipefail
fuzzer=$(realpath "$1") gmemsim=$(realpath "$2") seeds=$(realpath "$3") dict=$(realpath "$4")
secs=${5:-60} max_len=${MAX_LEN:-64}
shift $(($# < 5 ? $# : 5))
mutants=("$@")
if [ ${#mutants[@]} -eq 0 ]; then
	mapfile -t mutants < <("$gmemsim" policies | grep '^mutant' |
		sed 's/ \[not modelled yet\]/:x/g; s/ (default)//' | tr -s ' ' '\n' |
		grep -v -e '^mutant$' -e '^none$' -e ':x$' -e '^$')
fi
# the design a mutant is a bug of (GMEMSIM_POLICY, comma-separated)
design() {
	case $1 in
	convert-no-refcount | convert-no-zap) echo "convert=in-place," ;;
	esac
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export G_SLICE=always-malloc
one() { # policy seed log -> seconds to the first crash, or empty
	local dir=$work/c-$RANDOM$RANDOM t0 t1 rc
	mkdir -p "$dir"
	t0=$(date +%s.%N)
	(cd "$work" && GMEMSIM_POLICY=$1 "$fuzzer" -seed="$2" -max_total_time="$secs" -max_len="$max_len" \
		-error_exitcode=99 -dict="$dict" -artifact_prefix="$dir/" "$dir" "$seeds" \
		> "$3" 2>&1)
	rc=$?
	t1=$(date +%s.%N)
	[ "$rc" -eq 99 ] && awk "BEGIN { print $t1 - $t0 }"
}
printf '%-26s %10s %10s %10s %10s  %s\n' mutant seed1 seed2 seed3 median found
for m in "${mutants[@]}"; do
	ts=() found=()
	for s in 1 2 3; do
		log=$work/$m-$s.log
		t=$(one "$(design "$m")mutant=$m" "$s" "$log")
		ts+=("${t:-inf}")
		[ -n "$t" ] && found+=("$(grep -m1 -o '^  ! [a-z-]*' "$log" | cut -c5-)")
	done
	med=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n 2p)
	fmt() { [ "$1" = inf ] && echo ">$secs" || printf '%.1f' "$1"; }
	printf '%-26s %10s %10s %10s %10s  %s\n' "$m" "$(fmt "${ts[0]}")" "$(fmt "${ts[1]}")" \
		"$(fmt "${ts[2]}")" "$(fmt "$med")" \
		"$( ((${#found[@]})) && printf '%s\n' "${found[@]}" | sed 's/^$/?/' | sort -u | paste -sd, -)"
done
for policy in "" convert=in-place; do
	dir=$work/none-$policy
	mkdir -p "$dir"
	(cd "$work" && GMEMSIM_POLICY=$policy "$fuzzer" -seed=1 -max_total_time="$secs" -max_len="$max_len" \
		-error_exitcode=99 -dict="$dict" -print_final_stats=1 -artifact_prefix="$dir/" "$dir" "$seeds" \
		> "$dir.log" 2>&1)
	echo "${policy:-mutant=none}: exit $? after ${secs} s," \
		"$(grep -o 'average_exec_per_sec: *[0-9]*' "$dir.log" | grep -o '[0-9]*$') execs/s"
done
