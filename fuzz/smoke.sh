#!/usr/bin/env bash
# Run a fuzz target for a few seconds on its seed corpus; a crash, leak or
# timeout fails. Usage: smoke.sh FUZZER SECONDS DICT SEED_DIR...
set -euo pipefail
fuzzer=$(realpath "$1") secs=$2 dict=$(realpath "$3")
shift 3
seeds=()
for d in "$@"; do seeds+=("$(realpath "$d")"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir corpus
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -dict="$dict" corpus "${seeds[@]}" > log 2>&1 || {
	tail -n 40 log
	exit 1
}
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|INFO: seed corpus|DONE' log
