#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build: $CC $CFLAGS ... $LIB_FUZZING_ENGINE.
# Builds the three targets into $OUT with their dictionaries and seed corpora.
# Needs libglib2.0-dev and libjson-glib-dev in the builder image.
SRC_DIR=${SRC_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
OUT=${OUT:-$SRC_DIR/build-ossfuzz}
WORK=${WORK:-$(mktemp -d)}
CC=${CC:-clang}
CFLAGS=${CFLAGS:--O1 -g -fsanitize=address,undefined -fsanitize=fuzzer-no-link}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
mkdir -p "$OUT"
deps="glib-2.0 json-glib-1.0"
# the library into $WORK/obj-NAME with extra flags, once; its objects in objs
library() { # name extra-cflags
	local f o
	objs=()
	mkdir -p "$WORK/obj-$1"
	for f in $(cd "$SRC_DIR" && ls src/lib/*.c src/hw/*.c src/model/*.c src/kvm/*.c src/check/*.c \
		src/scenario/*/*.c src/oracle/*.c); do
		o="$WORK/obj-$1/$(echo "$f" | tr / _).o"
		[ -f "$o" ] || $CC $CFLAGS $2 -std=gnu11 -D_GNU_SOURCE -I"$SRC_DIR/include" \
			-I"$SRC_DIR/src" $(pkg-config --cflags $deps) -c "$SRC_DIR/$f" -o "$o"
		objs+=("$o")
	done
}
# the lifecycle fuzzer's coverage: the model's edges (see fuzz/meson.build)
lean=
case "$CFLAGS" in *fuzzer-no-link*)
	lean="-fsanitize-coverage-ignorelist=$SRC_DIR/fuzz/lifecycle_coverage.ignore"
	lean="$lean -fno-sanitize-coverage=trace-cmp" ;;
esac
for t in fuzz_scenario fuzz_lifecycle fuzz_diff; do
	srcs=("$t")
	if [ "$t" = fuzz_lifecycle ]; then
		library lean "$lean"
		srcs+=(lifecycle_mutator) # its structure-aware mutator
	else
		library full ""
	fi
	tobjs=()
	for s in "${srcs[@]}"; do
		$CC $CFLAGS -std=gnu11 -D_GNU_SOURCE -I"$SRC_DIR/include" $(pkg-config --cflags $deps) \
			-c "$SRC_DIR/fuzz/$s.c" -o "$WORK/$s.o"
		tobjs+=("$WORK/$s.o")
	done
	$CC $CFLAGS "${tobjs[@]}" "${objs[@]}" $LIB_FUZZING_ENGINE \
		$(pkg-config --libs $deps) -o "$OUT/$t"
	cp "$SRC_DIR/fuzz/$t.dict" "$OUT/$t.dict"
	[ ! -f "$SRC_DIR/fuzz/$t.options" ] || cp "$SRC_DIR/fuzz/$t.options" "$OUT/"
done
(cd "$SRC_DIR/scenarios" && find . -name '*.gms' | zip -q "$OUT/fuzz_scenario_seed_corpus.zip" -@)
(cd "$SRC_DIR/fuzz/corpus/fuzz_lifecycle" && zip -q -j "$OUT/fuzz_lifecycle_seed_corpus.zip" ./*)
(cd "$SRC_DIR/fuzz/corpus/fuzz_diff" && zip -q -j "$OUT/fuzz_diff_seed_corpus.zip" ./*)
echo "built into $OUT"
