#!/bin/sh
# The matrix as HTML: one self-contained page (no network), rendered by
# headless Chromium into a screenshot. Skips (77) where Chromium is absent,
# and fails then under CI (make check installs it: scripts/install-deps.sh).
# With a third argument, the page and the screenshot are kept there.
set -eu
GMEMSIM=$1
OUT=${3:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$GMEMSIM" matrix --format html -o "$TMP/matrix.html"
# self-contained: nothing fetched from anywhere
if grep -Eq '(src|href)="(https?:)?//' "$TMP/matrix.html"; then
	echo "matrix.html refers to the network" >&2
	exit 1
fi
grep -q '<td class="violation"' "$TMP/matrix.html"
grep -q '<td class="pass"' "$TMP/matrix.html"
# every link from a cell has its trace
python3 - "$TMP/matrix.html" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
links = set(re.findall(r'href="#(t\d+_\d+)"', page))
ids = set(re.findall(r'<details id="(t\d+_\d+)"', page))
missing = links - ids
assert links and not missing, "links without a trace: %r" % sorted(missing)[:5]
PY

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: no chromium (Debian package 'chromium'); the page was checked, not rendered"
	[ -z "${CI:-}" ] || exit 1
	exit 77
fi
# offline: every network request would fail
"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--proxy-server=127.0.0.1:9 --window-size=1600,1200 \
	--screenshot="$TMP/matrix.png" "file://$TMP/matrix.html" \
	> "$TMP/chromium.log" 2>&1 || { cat "$TMP/chromium.log" >&2; exit 1; }
python3 - "$TMP/matrix.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h, depth, ctype = struct.unpack(">IIBB", data[16:26])
assert (w, h) == (1600, 1200), (w, h)
# decode the pixels and look for the cell colours: green (pass) and red (violation)
idat = b""
pos = 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp
rows, prev = [], bytearray(stride)
i = 0
for y in range(h):
    f = raw[i]; i += 1
    line = bytearray(raw[i:i + stride]); i += stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours = set()
for line in rows[::4]:
    for x in range(0, stride, bpp * 4):
        colours.add(tuple(line[x:x + 3]))
green, red = (0xc8, 0xe6, 0xc9), (0xef, 0x9a, 0x9a)
assert green in colours and red in colours, "cells not rendered: %d colours" % len(colours)
print("matrix.html rendered: %dx%d, pass and violation cells visible" % (w, h))
PY
if [ -n "$OUT" ]; then
	mkdir -p "$OUT"
	cp "$TMP/matrix.html" "$TMP/matrix.png" "$OUT/"
	echo "wrote $OUT/matrix.html and $OUT/matrix.png"
fi
