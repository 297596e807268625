#!/bin/sh
# Replace the design table in README.md (between the matrix:begin/end markers)
# with the current `gmemsim matrix --format markdown`.
set -eu
GMEMSIM=$1
README=$2
TABLE=$(mktemp)
trap 'rm -f "$TABLE"' EXIT
"$GMEMSIM" matrix --format markdown > "$TABLE"
python3 - "$README" "$TABLE" <<'PY'
import re, sys
readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
new, n = re.subn(r"(<!-- matrix:begin[^\n]*\n).*?(<!-- matrix:end)",
                 lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
if n != 1:
    sys.exit("README.md: no matrix:begin/end markers")
open(readme, "w").write(new)
PY
echo "README.md: design table regenerated"
