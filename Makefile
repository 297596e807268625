# Thin wrapper around meson. `make demo` and `make check` are the README's
# two set-up commands; both install missing Debian packages first.
BUILD ?= build
CHECK_BUILD ?= build-check
MESON_TEST = meson test --print-errorlogs --num-processes 2

.PHONY: all deps demo check unit bench format clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) --buildtype=release -Dwerror=true

$(CHECK_BUILD)/build.ninja: | deps
	meson setup $(CHECK_BUILD) -Db_sanitize=address,undefined -Db_lundef=false

demo: deps all
	./$(BUILD)/src/cli/gmemsim demo

check: deps $(CHECK_BUILD)/build.ninja
	ninja -C $(CHECK_BUILD)
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ASAN_OPTIONS=detect_leaks=1 \
	$(MESON_TEST) -C $(CHECK_BUILD)

bench: all
	meson test -C $(BUILD) --benchmark --verbose

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(CHECK_BUILD)
