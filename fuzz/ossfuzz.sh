#!/bin/sh
# fuzz/build.sh as OSS-Fuzz and ClusterFuzzLite run it (their variables, a
# fresh $OUT), then what their runner does with $OUT: each target, with its
# dictionary and options, runs a few hundred inputs from its seed corpus,
# loading glib from $OUT/lib (the runner image has none). fuzz_diff, which
# needs /dev/kvm, is left out (build.sh says why).
# Usage: fuzz/ossfuzz.sh SRC_DIR [RUNS]
set -eu
SRC_DIR=$(cd "$1" && pwd)
RUNS=${2:-300}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/out" "$TMP/work" "$TMP/src"

env CC=clang CXX=clang++ \
	CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link" \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address FUZZING_ENGINE=libfuzzer \
	OUT="$TMP/out" WORK="$TMP/work" SRC="$TMP/src" \
	"$SRC_DIR/fuzz/build.sh" >"$TMP/build.log" 2>&1 ||
	{ cat "$TMP/build.log" >&2; echo "fuzz/build.sh failed" >&2; exit 1; }

OUT=$TMP/out
[ ! -e "$OUT/fuzz_diff" ] || { echo "fuzz_diff in \$OUT: the runner has no /dev/kvm" >&2; exit 1; }
for t in fuzz_scenario fuzz_lifecycle; do
	for f in "$t" "$t.dict" "${t}_seed_corpus.zip"; do
		[ -s "$OUT/$f" ] || { echo "$OUT/$f: missing or empty" >&2; exit 1; }
	done
	[ -x "$OUT/$t" ] || { echo "$OUT/$t is not executable" >&2; exit 1; }
	# glib comes from $OUT/lib, as on the runner
	ldd "$OUT/$t" | grep -q "libglib-2.0.so.0 => $OUT/lib/" ||
		{ echo "$t does not load glib from \$OUT/lib:" >&2; ldd "$OUT/$t" >&2; exit 1; }
	mkdir -p "$TMP/corpus-$t"
	python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
		"$OUT/${t}_seed_corpus.zip" "$TMP/corpus-$t"
	seeds=$(find "$TMP/corpus-$t" -type f | wc -l)
	[ "$seeds" -gt 0 ] || { echo "$t: an empty seed corpus" >&2; exit 1; }
	# the options file's [libfuzzer] lines, as the runner passes them
	opts=
	if [ -f "$OUT/$t.options" ]; then
		opts=$(sed -n '/^\[libfuzzer\]/,/^\[/{/=/{s/ *= */=/;s/^/-/;p}}' "$OUT/$t.options")
	fi
	rc=0
	# shellcheck disable=SC2086
	(cd "$TMP" && "$OUT/$t" -runs="$RUNS" -seed=1 -dict="$OUT/$t.dict" $opts \
		"$TMP/corpus-$t") >"$TMP/$t.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || ! grep -q "^Done $RUNS runs" "$TMP/$t.log"; then
		tail -30 "$TMP/$t.log" >&2
		echo "$t: exit $rc, not $RUNS runs" >&2
		exit 1
	fi
	echo "$t: $seeds seeds, $RUNS runs ($(grep -c . "$OUT/$t.dict") dictionary lines${opts:+; $opts})"
done
echo "$(ls "$OUT/lib" | wc -l) shared libraries in \$OUT/lib"
