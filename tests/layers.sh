#!/bin/sh
# scripts/check-layers.py refuses a reference against the layer order and
# accepts one along it (the build runs it on the real libraries).
set -eu
CHECK=$(realpath "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
echo 'int model_fn(void) { return 1; }' > model.c
echo 'int model_fn(void); int hw_fn(void) { return model_fn(); }' > hw_up.c
echo 'int hw_fn2(void) { return 2; }' > hw.c
echo 'int hw_fn2(void); int model_fn2(void) { return hw_fn2(); }' > model_down.c
for f in model hw_up hw model_down; do cc -c "$f.c" -o "$f.o"; done
ar rcs libmodel.a model.o
ar rcs libhw_up.a hw_up.o
ar rcs libhw.a hw.o
ar rcs libmodel_down.a model_down.o
if python3 "$CHECK" -o up.stamp hw=libhw_up.a model=libmodel.a 2> up.err; then
	echo "an hw -> model reference passed the check" >&2
	exit 1
fi
grep -q 'hw (libhw_up.a(hw_up.o)\|hw (.*hw_up.o.*) uses model_fn from model' up.err ||
	{ cat up.err >&2; echo "the report does not name the edge" >&2; exit 1; }
test ! -e up.stamp
python3 "$CHECK" -o down.stamp hw=libhw.a model=libmodel_down.a
grep -q 'layers ok' down.stamp
# the oracle stands on lib alone: oracle -> model is refused too
if python3 "$CHECK" -o o.stamp oracle=libhw_up.a model=libmodel.a 2>/dev/null; then
	echo "an oracle -> model reference passed the check" >&2
	exit 1
fi
echo "layers: ok"
