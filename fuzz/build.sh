#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build (.clusterfuzzlite/build.sh runs it):
# $CC $CFLAGS ... $LIB_FUZZING_ENGINE. Builds the targets into $OUT with
# their dictionaries, options and seed corpora, and the shared libraries
# they load (glib, json-glib and theirs, which the runner image lacks) into
# $OUT/lib, found through an rpath of $ORIGIN/lib.
# Needs pkg-config, libglib2.0-dev, libjson-glib-dev and zip in the builder
# image. fuzz/ossfuzz.sh runs it with OSS-Fuzz's variables (make check).
SRC_DIR=${SRC_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
OUT=${OUT:-$SRC_DIR/build-ossfuzz}
WORK=${WORK:-$(mktemp -d)}
CC=${CC:-clang}
CFLAGS=${CFLAGS:--O1 -g -fsanitize=address,undefined -fsanitize=fuzzer-no-link}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
JOBS=${JOBS:-$(nproc)}
# fuzz_diff needs /dev/kvm, which OSS-Fuzz's and ClusterFuzzLite's runners
# lack: it would exit 77 at start, which their build check takes for a broken
# target. On a KVM host: TARGETS="fuzz_scenario fuzz_lifecycle fuzz_diff".
TARGETS=${TARGETS:-fuzz_scenario fuzz_lifecycle}
mkdir -p "$OUT/lib"
deps="glib-2.0 json-glib-1.0"
DEP_CFLAGS=$(pkg-config --cflags $deps)
export SRC_DIR WORK CC CFLAGS DEP_CFLAGS

# one source file of the library into $WORK/obj-NAME, with extra flags
compile() { # name extra-cflags file
	local o
	o="$WORK/obj-$1/$(echo "$3" | tr / _).o"
	[ -f "$o" ] || $CC $CFLAGS $2 -std=gnu11 -D_GNU_SOURCE -I"$SRC_DIR/include" \
		-I"$SRC_DIR/src" $DEP_CFLAGS -c "$SRC_DIR/$3" -o "$o"
}
export -f compile
# the library into $WORK/obj-NAME, JOBS files at a time; its objects in objs
library() { # name extra-cflags
	local files
	files=$(cd "$SRC_DIR" && ls src/lib/*.c src/hw/*.c src/model/*.c src/kvm/*.c \
		src/check/*.c src/scenario/*/*.c src/oracle/*.c)
	mkdir -p "$WORK/obj-$1"
	echo "$files" | xargs -P "$JOBS" -I{} bash -c 'compile "$@"' _ "$1" "$2" {}
	objs=()
	for f in $files; do
		objs+=("$WORK/obj-$1/$(echo "$f" | tr / _).o")
	done
}
# the lifecycle fuzzer's coverage: the model's edges (see fuzz/meson.build)
lean=
case "$CFLAGS" in *fuzzer-no-link*)
	lean="-fsanitize-coverage-ignorelist=$SRC_DIR/fuzz/lifecycle_coverage.ignore"
	lean="$lean -fno-sanitize-coverage=trace-cmp" ;;
esac
for t in $TARGETS; do
	srcs=("$t")
	if [ "$t" = fuzz_lifecycle ]; then
		library lean "$lean"
		srcs+=(lifecycle_mutator) # its structure-aware mutator
	else
		library full ""
	fi
	tobjs=()
	for s in "${srcs[@]}"; do
		$CC $CFLAGS -std=gnu11 -D_GNU_SOURCE -I"$SRC_DIR/include" $DEP_CFLAGS \
			-c "$SRC_DIR/fuzz/$s.c" -o "$WORK/$s.o"
		tobjs+=("$WORK/$s.o")
	done
	# DT_RPATH (not RUNPATH): it also finds the libraries' own dependencies
	$CC $CFLAGS "${tobjs[@]}" "${objs[@]}" $LIB_FUZZING_ENGINE \
		$(pkg-config --libs $deps) -Wl,--disable-new-dtags,-rpath,'$ORIGIN/lib' \
		-o "$OUT/$t"
	cp "$SRC_DIR/fuzz/$t.dict" "$OUT/$t.dict"
	[ ! -f "$SRC_DIR/fuzz/$t.options" ] || cp "$SRC_DIR/fuzz/$t.options" "$OUT/"
done
# every library the targets load but libc's and the compiler's own
for t in $TARGETS; do
	ldd "$OUT/$t" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | grep -Ev '/(libc|libm|libdl|libpthread|librt|libgcc_s|libstdc\+\+)\.so' |
	xargs -r cp -L -t "$OUT/lib"
rm -f "$OUT"/*_seed_corpus.zip
for t in $TARGETS; do
	if [ "$t" = fuzz_scenario ]; then
		(cd "$SRC_DIR/scenarios" && find . -name '*.gms' | zip -q "$OUT/${t}_seed_corpus.zip" -@)
	else
		(cd "$SRC_DIR/fuzz/corpus/$t" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
	fi
done
echo "built into $OUT"
