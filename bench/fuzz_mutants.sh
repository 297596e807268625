#!/usr/bin/env bash
# Time for the lifecycle fuzzer to find each mutant (3 seeds, median), and its
# execs/s with every invariant on and no mutant. A mutant it does not find in
# SECONDS counts as ">SECONDS". Inputs of at most MAX_LEN bytes (default 64,
# as fuzz/run.sh and fuzz_lifecycle.options).
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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export G_SLICE=always-malloc
one() { # policy seed -> seconds to the first crash, or empty
	local dir=$work/c-$RANDOM$RANDOM t0 t1 rc
	mkdir -p "$dir"
	t0=$(date +%s.%N)
	(cd "$work" && GMEMSIM_POLICY=$1 "$fuzzer" -seed="$2" -max_total_time="$secs" -max_len="$max_len" \
		-error_exitcode=99 -dict="$dict" -artifact_prefix="$dir/" "$dir" "$seeds" \
		> "$dir.log" 2>&1)
	rc=$?
	t1=$(date +%s.%N)
	[ "$rc" -eq 99 ] && awk "BEGIN { print $t1 - $t0 }"
}
printf '%-26s %10s %10s %10s %10s\n' mutant seed1 seed2 seed3 median
for m in "${mutants[@]}"; do
	ts=()
	for s in 1 2 3; do
		t=$(one "mutant=$m" "$s")
		ts+=("${t:-inf}")
	done
	med=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n 2p)
	fmt() { [ "$1" = inf ] && echo ">$secs" || printf '%.1f' "$1"; }
	printf '%-26s %10s %10s %10s %10s\n' "$m" "$(fmt "${ts[0]}")" "$(fmt "${ts[1]}")" \
		"$(fmt "${ts[2]}")" "$(fmt "$med")"
done
dir=$work/none
mkdir -p "$dir"
(cd "$work" && "$fuzzer" -seed=1 -max_total_time="$secs" -max_len="$max_len" -error_exitcode=99 -dict="$dict" \
	-print_final_stats=1 -artifact_prefix="$dir/" "$dir" "$seeds" > "$dir.log" 2>&1)
echo "mutant=none: exit $? after ${secs} s," \
	"$(grep -o 'average_exec_per_sec: *[0-9]*' "$dir.log" | grep -o '[0-9]*$') execs/s"
