#!/usr/bin/env bash
# Time for the lifecycle fuzzer to find each mutant, 3 seeds each (median):
# "seeds" with the seed corpus, "empty" from an empty corpus (the structure-
# aware mutator building the race an op at a time), "plain" from an empty
# corpus with libFuzzer's byte mutations only (GMEMSIM_FUZZ_PLAIN=1), for
# the mutants in PLAIN (default: no-scrub release-uaf; "" for none); then
# execs/s with every invariant on and no mutant. A mutant not found in
# SECONDS counts as ">SECONDS"; "found" lists what the crashes from empty
# broke (the first violation of each). Inputs of at most MAX_LEN bytes
# (default 64, as fuzz/run.sh and fuzz_lifecycle.options). A mutant of a
# design other than the default runs under that design (convert-*:
# convert=in-place; the hugetlb mutants: hugetlb=allowed, whose decoder
# makes the first file a 2 MiB HugeTLB one), as does a second no-mutant run.
# The fuzzer's other options are fuzz_lifecycle.options' (beside DICT), as
# for `make fuzz`.
# Usage: [MAX_LEN=N] [PLAIN="M..."] fuzz_mutants.sh FUZZ_LIFECYCLE GMEMSIM SEEDS_DIR DICT [SECONDS] [MUTANT...]
set -uo pipefail
fuzzer=$(realpath "$1") gmemsim=$(realpath "$2") seeds=$(realpath "$3") dict=$(realpath "$4")
secs=${5:-60} max_len=${MAX_LEN:-64} plain=${PLAIN-no-scrub release-uaf}
shift $(($# < 5 ? $# : 5))
# the target's other libFuzzer options, as fuzz/run.sh and OSS-Fuzz read them
# (fuzz/fuzz_lifecycle.options, beside the dictionary); max_len is MAX_LEN's
mapfile -t opts < <([ -f "${dict%.dict}.options" ] &&
	sed -n 's/^\([a-z_]*\) *= *\([^ ]*\)$/-\1=\2/p' "${dict%.dict}.options" |
	grep -v '^-max_len=')
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
	merge-early | split-referenced) echo "hugetlb=allowed,convert=in-place-preserve," ;;
	huge-map-mixed) echo "hugetlb=allowed,convert=attributes," ;;
	no-psmash | tdx-demote-no-track) echo "hugetlb=allowed,convert=in-place," ;;
	esac
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty"
export G_SLICE=always-malloc
# policy seed log seeds-dir [env] -> "seconds inputs" to the first crash, or "inf inf"
one() {
	local dir=$work/c-$RANDOM$RANDOM t0 t1 rc
	mkdir -p "$dir"
	t0=$(date +%s.%N)
	(cd "$work" && env GMEMSIM_POLICY="$1" ${5:-} "$fuzzer" "${opts[@]}" -seed="$2" \
		-max_total_time="$secs" -max_len="$max_len" -error_exitcode=99 -dict="$dict" -artifact_prefix="$dir/" \
		-print_final_stats=1 "$dir" "$4" > "$3" 2>&1)
	rc=$?
	t1=$(date +%s.%N)
	rm -rf "$dir"
	if [ "$rc" -eq 99 ]; then
		echo "$(awk "BEGIN { print $t1 - $t0 }") $(grep -o 'executed_units: *[0-9]*' "$3" | grep -o '[0-9]*$')"
	else
		echo "inf inf"
	fi
}
fmt() { [ "$1" = inf ] && echo ">$secs" || printf '%.1f' "$1"; }
kfmt() { [ "$1" = inf ] && echo "-" || { (($1 < 1000)) && echo "$1"; } || echo "$(($1 / 1000))k"; }
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
# three runs of a mutant: seeds-dir [env] -> "seconds inputs" each (inf: not found)
three() {
	local m=$1 dir=$2 env=${3:-} s
	for s in 1 2 3; do
		one "$(design "$m")mutant=$m" "$s" "$work/$m-$s.log" "$dir" $env
	done
}
# "inputs": the median number of inputs run to the find from empty, which
# a busy machine does not change
printf '%-24s %7s %7s %7s %7s %7s %7s %7s  %s\n' mutant seeds empty1 empty2 empty3 empty inputs \
	plain found
for m in "${mutants[@]}"; do
	mapfile -t with < <(three "$m" "$seeds" | cut -d' ' -f1)
	mapfile -t runs < <(three "$m" "$work/empty")
	empty=("${runs[@]%% *}") inputs=("${runs[@]##* }")
	found=$(for s in 1 2 3; do grep -m1 -o '^  ! [a-z-]*' "$work/$m-$s.log" | cut -c5-; done |
		sort -u | paste -sd, -)
	p=-
	if [[ " $plain " == *" $m "* ]]; then
		mapfile -t ts < <(three "$m" "$work/empty" GMEMSIM_FUZZ_PLAIN=1 | cut -d' ' -f1)
		p=$(fmt "$(median "${ts[@]}")")
	fi
	printf '%-24s %7s %7s %7s %7s %7s %7s %7s  %s\n' "$m" "$(fmt "$(median "${with[@]}")")" \
		"$(fmt "${empty[0]}")" "$(fmt "${empty[1]}")" "$(fmt "${empty[2]}")" \
		"$(fmt "$(median "${empty[@]}")")" "$(kfmt "$(median "${inputs[@]}")")" "$p" "$found"
done
for policy in "" convert=in-place; do
	dir=$work/none-$policy
	mkdir -p "$dir"
	(cd "$work" && GMEMSIM_POLICY=$policy "$fuzzer" "${opts[@]}" -seed=1 -max_total_time="$secs" -max_len="$max_len" \
		-error_exitcode=99 -dict="$dict" -print_final_stats=1 -artifact_prefix="$dir/" "$dir" "$seeds" \
		> "$dir.log" 2>&1)
	echo "${policy:-mutant=none}: exit $? after ${secs} s," \
		"$(grep -o 'average_exec_per_sec: *[0-9]*' "$dir.log" | grep -o '[0-9]*$') execs/s"
done
