#!/bin/sh
# `run --dot` on every bundled scenario, rendered by Graphviz: dot must take
# each graph without a complaint, and every edge must join two nodes the
# graph declares (an edge to an undeclared node draws an object that is not
# there). Skips (77) where dot is absent, and fails then under CI.
set -eu
GMEMSIM=$1
SCENARIOS=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if ! command -v dot >/dev/null; then
	echo "no dot (Debian package 'graphviz'; scripts/install-deps.sh installs it)"
	[ -z "${CI:-}" ] || exit 1
	exit 77
fi
n=0
for f in $(find "$SCENARIOS" -name '*.gms' | sort); do
	n=$((n + 1))
	g=$TMP/$n
	echo "$f" >"$g.name"
	rc=0
	"$GMEMSIM" run --dot "$g.dot" "$f" >"$TMP/run.log" 2>&1 || rc=$?
	if [ "$rc" -gt 1 ] || [ ! -s "$g.dot" ]; then
		echo "$f: run --dot exited $rc, graph not written" >&2
		tail -5 "$TMP/run.log" >&2
		exit 1
	fi
	if ! dot -Tsvg "$g.dot" -o "$g.svg" 2>"$TMP/dot.log" || [ -s "$TMP/dot.log" ]; then
		echo "$f: dot -Tsvg:" >&2
		cat "$TMP/dot.log" "$g.dot" >&2
		exit 1
	fi
done
[ "$n" -gt 0 ] || { echo "no scenarios under $SCENARIOS" >&2; exit 1; }
python3 - "$TMP" "$n" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
tmp, n = sys.argv[1], int(sys.argv[2])
svg_g = "{http://www.w3.org/2000/svg}g"
svg_title = "{http://www.w3.org/2000/svg}title"
total = 0
for i in range(1, n + 1):
    base = "%s/%d" % (tmp, i)
    name = open(base + ".name").read().strip()
    text = open(base + ".dot").read()
    nodes = set(re.findall(r'^\s*(\w+) \[', text, re.M))
    edges = re.findall(r'^\s*(\w+) -> (\w+)', text, re.M)
    undeclared = {e for a, b in edges for e in (a, b)} - nodes
    total += len(nodes)
    assert not undeclared, "%s: edges to undeclared nodes %s" % (name, sorted(undeclared))
    drawn = [(g.get("class"), g.find(svg_title).text)
             for g in ET.parse(base + ".svg").getroot().iter(svg_g)
             if g.get("class") in ("node", "edge")]
    assert {t for c, t in drawn if c == "node"} == nodes, name + ": nodes not drawn"
    assert sum(c == "edge" for c, t in drawn) == len(edges), name + ": edges not drawn"
# a run that ends with everything freed draws nothing, but not every run
assert total > n, "%d nodes in %d graphs" % (total, n)
print("rendered %d --dot graphs (%d nodes) with dot -Tsvg: every edge joins two drawn nodes"
      % (n, total))
PY
