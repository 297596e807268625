#!/bin/sh
# gmemsim matrix over the library: every knob value changes some outcome (alone,
# or in a combination column against that combination without it), no
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
def cell(s, v):
    c = s["cells"][v]
    return (c["result"], c["invariants"], c.get("reason"))

def differs(a, b):
    return any(cell(s, a) != cell(s, b) for s in m["scenarios"])

bad = []
for v, name in enumerate(variants[1:], 1):
    if differs(v, 0):
        continue
    # A knob value that only acts with another (a mutant of the in-place
    # conversion series needs convert=in-place) shows in a combination
    # column: it must change an outcome there, against the combination
    # without it.
    alone = [(c, " ".join(w for w in cname.split() if w != name))
             for c, cname in enumerate(variants) if c != v and name in cname.split()]
    if not any(base in variants and differs(c, variants.index(base))
               for c, base in alone):
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
