# Thin wrapper around meson. `make demo` and `make check` are the README's
# two set-up commands; both install missing Debian packages first.
BUILD ?= build
CHECK_BUILD ?= build-check
FUZZ_BUILD ?= build-fuzz
MESON_TEST = meson test --print-errorlogs --num-processes 2

.PHONY: all deps demo check unit bench fuzz fuzz-bench coverage matrix format clean \
	mutation mutation-floor

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@scripts/install-deps.sh

# link-time optimisation: the model is many small functions across files
$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) --buildtype=release -Db_lto=true -Dwerror=true

$(CHECK_BUILD)/build.ninja: | deps
	meson setup $(CHECK_BUILD) -Db_sanitize=address,undefined -Db_lundef=false

# libFuzzer needs clang; the fuzz targets get ASan and UBSan too
$(FUZZ_BUILD)/build.ninja: | deps
	CC=clang meson setup $(FUZZ_BUILD) -Db_sanitize=address,undefined \
		-Db_lundef=false -Dtests=disabled -Dfuzz=enabled

demo: deps all
	./$(BUILD)/src/cli/gmemsim demo

# G_SLICE=always-malloc: glib 2.74's slice caches would look like leaks at exit
SAN_ENV = UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	G_SLICE=always-malloc

check: deps $(CHECK_BUILD)/build.ninja $(FUZZ_BUILD)/build.ninja
	ninja -C $(CHECK_BUILD)
	$(SAN_ENV) $(MESON_TEST) -C $(CHECK_BUILD) --suite unit --suite scenarios --suite oracle
	ninja -C $(FUZZ_BUILD)
	$(SAN_ENV) $(MESON_TEST) -C $(FUZZ_BUILD) --suite fuzz-smoke
	$(MUTATION_FLOOR_RUN)

# Source mutation testing (scripts/mutation.py, issue 20): COUNT mutants of
# src/model, src/kvm, src/hw and src/check drawn with SEED, each built in the
# ASan build of a private copy of the tree (MUT_DIR) and run against the unit
# and scenario suites; FILTER picks folders or files, TIMEOUT is the seconds
# of tests per mutant, JOBS the mutants at once (each a tree and a build).
# `make mutation-floor`, the last step of `make check`, is the floor: a fixed
# sample (seed 20, the first 20 mutants of the full run's draw) that must all
# be killed. The timeout is the kill set's whole run (60 s alone; 750 s
# measured on a busy machine); a mutant's own tests stop at three times the
# baseline's. A full run: make mutation SEED=20 COUNT=380 JOBS=2.
MUT_DIR ?= build-mut
SEED ?= 1
COUNT ?= 100
TIMEOUT ?= 300
JOBS ?= 1
MUTATION_FLOOR = --seed 20 --count 20 --timeout 900 --no-cache
MUTATION_FLOOR_RUN = $(SAN_ENV) scripts/mutation.py --dir $(MUT_DIR) $(MUTATION_FLOOR) \
	--fail-on-survivor
mutation-floor: deps
	$(MUTATION_FLOOR_RUN)

mutation: deps
	scripts/mutation.py --dir $(MUT_DIR) --seed $(SEED) --count $(COUNT) \
		--timeout $(TIMEOUT) --jobs $(JOBS) $(if $(FILTER),--filter $(FILTER))

bench: all
	meson test -C $(BUILD) --benchmark --verbose

# Every fuzz target for FUZZ_SECONDS, corpora kept in $(FUZZ_BUILD)/corpus-*;
# GMEMSIM_POLICY=mutant=X picks the lifecycle fuzzer's design or bug.
FUZZ_SECONDS ?= 60
fuzz: deps $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD)
	$(SAN_ENV) fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The lifecycle fuzzer's speed and time to each mutant, without sanitizers
FUZZ_REL_BUILD ?= build-fuzz-release
$(FUZZ_REL_BUILD)/build.ninja: | deps
	CC=clang meson setup $(FUZZ_REL_BUILD) --buildtype=release -Dtests=disabled -Dfuzz=enabled
fuzz-bench: $(FUZZ_REL_BUILD)/build.ninja
	ninja -C $(FUZZ_REL_BUILD)
	meson test -C $(FUZZ_REL_BUILD) --benchmark --verbose fuzz_mutants

# Line and branch coverage of src/ by the unit and scenario suites (lcov)
COV_BUILD ?= build-cov
$(COV_BUILD)/build.ninja: | deps
	meson setup $(COV_BUILD) -Db_coverage=true -Dfuzz=disabled
coverage: deps $(COV_BUILD)/build.ninja
	ninja -C $(COV_BUILD)
	find $(COV_BUILD) -name '*.gcda' -delete
	$(MESON_TEST) -C $(COV_BUILD) --suite unit --suite scenarios --suite oracle
	scripts/coverage.sh $(COV_BUILD)

# The design matrix: build/matrix.html and its screenshot (headless Chromium),
# and the README's design table regenerated from `gmemsim matrix --format markdown`
matrix: all
	tests/matrix_html.sh ./$(BUILD)/src/cli/gmemsim . $(BUILD)
	scripts/readme-matrix.sh ./$(BUILD)/src/cli/gmemsim README.md

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) $(FUZZ_BUILD) $(FUZZ_REL_BUILD) $(COV_BUILD) \
		$(MUT_DIR)
