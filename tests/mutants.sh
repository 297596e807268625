#!/usr/bin/env bash
# Every modelled mutant must be killed by the scenario library: with
# --policy mutant=X at least one scenario fails (exit 1), and with none all pass.
# The invariants run incrementally (the default, said here so it stays so):
# tests/check_modes.sh holds full checking to the same verdicts.
set -u
gmemsim=$1
dir=$2
line=$("$gmemsim" policies | grep '^mutant')
# "mutant  none (default) release-uaf [not modelled yet] toggle-gmem-flag ..."
words=$(sed 's/ \[not modelled yet\]/:x/g; s/ (default)//' <<<"$line" | tr -s ' ' '\n')
mutants=$(grep -v -e '^mutant$' -e ':x$' -e '^none$' -e '^$' <<<"$words")
skipped=$(grep ':x$' <<<"$words" | sed 's/:x$//' | tr '\n' ' ')
status=0
"$gmemsim" run --policy mutant=none "$dir" >/dev/null 2>&1 ||
	{ echo "not ok: the library fails with mutant=none"; status=1; }
for m in $mutants; do
	out=$("$gmemsim" run --check=incremental --policy "mutant=$m" "$dir" 2>&1)
	rc=$?
	if [ "$rc" -ne 1 ]; then
		echo "not ok: mutant $m survives the library (exit $rc)"
		status=1
		continue
	fi
	echo "ok: mutant $m killed by $(grep -c '^FAIL' <<<"$out") scenario(s):" \
		"$(grep '^FAIL' <<<"$out" | head -n 1 | cut -d: -f1 | sed 's/^FAIL //')"
done
[ -z "$skipped" ] || echo "not modelled yet: $skipped"
exit $status
