#!/usr/bin/env bash
# Line and branch coverage of src/ from a -Db_coverage=true build's test run.
# Usage: coverage.sh BUILD_DIR; the HTML report goes to BUILD_DIR/coverage-html.
set -euo pipefail
build=$1
rc=(--rc lcov_branch_coverage=1 --rc branch_coverage=1 --quiet)
lcov "${rc[@]}" --capture --directory "$build" --output-file "$build/all.info" 2>/dev/null ||
	lcov "${rc[@]}" --ignore-errors inconsistent,unused --capture --directory "$build" \
		--output-file "$build/all.info"
lcov "${rc[@]}" --extract "$build/all.info" "*/src/*" --output-file "$build/src.info" 2>/dev/null ||
	lcov "${rc[@]}" --ignore-errors unused --extract "$build/all.info" "*/src/*" \
		--output-file "$build/src.info"
genhtml "${rc[@]}" --branch-coverage "$build/src.info" --output-directory "$build/coverage-html" \
	> /dev/null 2>&1 || genhtml --quiet "$build/src.info" --output-directory "$build/coverage-html"
echo "coverage of src/ (HTML: $build/coverage-html/index.html):"
lcov --rc lcov_branch_coverage=1 --rc branch_coverage=1 --summary "$build/src.info" 2>&1 |
	grep -E 'lines|functions|branches'
