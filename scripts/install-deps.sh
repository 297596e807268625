#!/usr/bin/env bash
# Install the Debian packages gmemsim needs, only those that are missing.
# Usage: scripts/install-deps.sh [--quiet]
set -euo pipefail

# chromium renders the HTML matrix (tests/matrix_html.sh), graphviz's dot
# the --dot graphs (tests/dot.sh), zip packs the OSS-Fuzz seed corpora
# (fuzz/build.sh)
pkgs=(meson ninja-build pkg-config gcc libglib2.0-dev libjson-glib-dev libcmocka-dev lcov clang
      libclang-rt-dev clang-format chromium graphviz zip)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "gmemsim: installing missing Debian packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
