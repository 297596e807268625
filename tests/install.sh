#!/bin/sh
# `meson install` into a DESTDIR inside the build, then, as a kernel
# developer outside this tree would: every installed header compiles on its
# own with `pkg-config --cflags gmemsim`, and examples/ builds against the
# installed libgmemsim with its own Makefile and runs. The .pc is relocatable
# (meson.build), so PKG_CONFIG_PATH alone points pkg-config at the DESTDIR.
set -eu
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
MESON=${MESON:-meson}
D=$BUILD/destdir
rm -rf "$D" "$BUILD/example"

# a build set up before the .pc was relocatable (an existing build dir keeps
# its options): make it so, or the DESTDIR's .pc would name /usr/local
"$MESON" introspect --buildoptions "$BUILD" | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
sys.exit(0 if o.get("pkgconfig.relocatable") else 1)' ||
	"$MESON" configure "$BUILD" -Dpkgconfig.relocatable=true >/dev/null
"$MESON" install -C "$BUILD" --destdir "$D" --quiet >/dev/null

pc=$(find "$D" -name gmemsim.pc)
[ -n "$pc" ] || { echo "no gmemsim.pc installed under $D" >&2; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
libdir=$(pkg-config --variable=libdir gmemsim)
incdir=$(pkg-config --variable=includedir gmemsim)
case "$libdir" in "$D"/*) ;; *) echo "libdir $libdir is not under $D" >&2; exit 1 ;; esac
version=$(pkg-config --modversion gmemsim)
prefix=$(pkg-config --variable=prefix gmemsim)
"$prefix/bin/gmemsim" --version | grep -qF "$version" ||
	{ echo "the installed gmemsim is not version $version" >&2; exit 1; }
# the scenario library, for the command run without a PATH once the source
# tree is gone; each file runs from there
n_src=$(find "$SRC/scenarios" -name '*.gms' | wc -l)
n_inst=$(find "$prefix/share/gmemsim/scenarios" -name '*.gms' | wc -l)
[ "$n_src" -eq "$n_inst" ] ||
	{ echo "$n_inst of $n_src scenarios installed in $prefix/share/gmemsim" >&2; exit 1; }
"$prefix/bin/gmemsim" run "$prefix/share/gmemsim/scenarios" >"$BUILD/installed-run.log" ||
	{ tail "$BUILD/installed-run.log" >&2; echo "the installed scenarios do not pass" >&2; exit 1; }
echo "the installed command passes the $n_inst installed scenarios"
pkg-config --print-requires gmemsim | grep -q '^glib-2.0' ||
	{ echo "gmemsim.pc does not require glib-2.0" >&2; exit 1; }
ls "$libdir"/libgmemsim.* >/dev/null

# the public headers, all of them, and none of a layer's private ones
(cd "$SRC/include/gmemsim" && ls -- *.h) >"$BUILD/headers.src"
(cd "$incdir/gmemsim" && ls -- *.h) >"$BUILD/headers.installed"
if ! cmp -s "$BUILD/headers.src" "$BUILD/headers.installed"; then
	echo "installed headers differ from include/gmemsim/ (include/gmemsim/meson.build):" >&2
	diff "$BUILD/headers.src" "$BUILD/headers.installed" >&2 || true
	exit 1
fi
CC=${CC:-cc}
n=0
for h in $(cat "$BUILD/headers.installed"); do
	echo "#include <gmemsim/$h>" |
		$CC -x c -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags gmemsim) \
			-fsyntax-only - || { echo "<gmemsim/$h> does not compile alone" >&2; exit 1; }
	n=$((n + 1))
done
echo "$n installed headers compile alone"

# the sanitizers the library was built with, the example's program needs too
san=$("$MESON" introspect --buildoptions "$BUILD" | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print("" if o["b_sanitize"] == "none" else "-fsanitize=" + o["b_sanitize"])')
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
make -s -C "$SRC/examples" O="$BUILD/example" CFLAGS="-O1 -g $san" LDFLAGS="$san" check
