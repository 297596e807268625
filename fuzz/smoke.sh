#!/usr/bin/env bash
# Run a fuzz target for a few seconds on its seed corpus; a crash, leak or
# timeout fails; a target that exits 77 (e.g. no /dev/kvm) is skipped.
# Usage: smoke.sh FUZZER SECONDS DICT SEED_DIR...
set -euo pipefail
fuzzer=$(realpath "$1") secs=$2 dict=$(realpath "$3")
shift 3
seeds=()
for d in "$@"; do seeds+=("$(realpath "$d")"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir corpus
status=0
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -error_exitcode=99 \
	-print_final_stats=1 -dict="$dict" corpus "${seeds[@]}" > log 2>&1 || status=$?
if [ "$status" -eq 77 ]; then # the target needs something this machine lacks
	grep -m1 -v '^INFO' log
	exit 77
fi
if [ "$status" -ne 0 ]; then
	tail -n 40 log
	exit 1
fi
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|INFO: seed corpus|DONE' log
