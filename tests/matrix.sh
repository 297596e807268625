#!/bin/sh
# gmemsim matrix over the library: every knob value changes some outcome, no
# cell is a model bug, the JSON parses, and the README's design table is the
# current `gmemsim matrix --format markdown` output.
set -eu
GMEMSIM=$1
ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$GMEMSIM" matrix --format json -o "$TMP/m.json"
python3 - "$TMP/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
variants = m["variants"]
assert variants[0] == "default", variants[0]
bad = []
for v, name in enumerate(variants[1:], 1):
    changed = any(
        (s["cells"][v]["result"], s["cells"][v]["invariants"], s["cells"][v].get("reason"))
        != (s["cells"][0]["result"], s["cells"][0]["invariants"], s["cells"][0].get("reason"))
        for s in m["scenarios"])
    if not changed:
        bad.append(name)
if bad:
    sys.exit("no scenario changes its outcome under: " + ", ".join(bad))
bugs = [(s["path"], c["variant"]) for s in m["scenarios"] for c in s["cells"]
        if c["result"] == "model-bug"]
if bugs:
    sys.exit("model bugs: %r" % bugs[:5])
print("%d scenarios x %d variants: every variant changes an outcome" %
      (len(m["scenarios"]), len(variants)))
PY

"$GMEMSIM" matrix --format markdown > "$TMP/table.md"
sed -n '/^<!-- matrix:begin/,/^<!-- matrix:end/p' "$ROOT/README.md" |
	sed '1d;$d' > "$TMP/readme.md"
if ! diff -u "$TMP/readme.md" "$TMP/table.md"; then
	echo "README.md's design table is stale: regenerate it with" \
		"'gmemsim matrix --format markdown' (make matrix)" >&2
	exit 1
fi

# a bad format is a usage error
if "$GMEMSIM" matrix --format pdf > /dev/null 2>&1; then
	echo "matrix --format pdf did not fail" >&2
	exit 1
fi
"$GMEMSIM" matrix --format text "$ROOT/scenarios/attacks" > "$TMP/t.txt"
grep -q 'rebind_unrestricted.gms' "$TMP/t.txt"
echo "matrix: ok"
