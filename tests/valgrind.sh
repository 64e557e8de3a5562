#!/bin/sh
# `make check`, second half: the whole suite again without sanitizers,
# under valgrind memcheck. Unit tests (build/plain/tests), fuzz replays
# (build/plain/fuzz) and every lbgen run of the CLI tests (build/plain/lbgen
# through a wrapper) run under valgrind; any memory error or definite or
# indirect leak fails, whatever the test itself concluded, because each
# process writes its own log and a non-empty log is a failure. Browser and
# node checks are left to `make test`, and the fault test runs fewer,
# smaller builds (valgrind is some 30 times slower). The CLI tests that
# build the whole default site again and again (4,157 files: about a minute
# a build under valgrind, 17 builds in test_docs alone) are left to `make
# test` under ASan and UBSan: under valgrind they would take over an hour,
# and test_serve's waits would time out. The same code paths run here
# on the fixture sites (test_readers: model pages, overview, feeds, docs
# tree; test_categories, test_isolation, test_hostile, test_refresh,
# test_sources, test_render).
# usage: tests/valgrind.sh [NAME...]   (as tests/run.sh)
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
command -v valgrind >/dev/null || { echo "make check: valgrind is missing (make deps-test)"; exit 1; }
LOGS=$ROOT/build/plain/valgrind
rm -rf "$LOGS"
mkdir -p "$LOGS"
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --log-file=$LOGS/%p.log"

WRAP=$ROOT/build/plain/lbgen-valgrind
cat >"$WRAP" <<WRAPPER
#!/bin/sh
exec $VG "$ROOT/build/plain/lbgen" "\$@"
WRAPPER
chmod +x "$WRAP"

LBGEN=$WRAP UNIT_DIR=build/plain/tests UNIT_WRAP=$VG \
    FUZZ_REPLAY_DIR=$ROOT/build/plain/fuzz FUZZ_REPLAY_WRAP=$VG \
    LBGEN_NO_NODE=1 LBGEN_FAULT_RUNS=3 LBGEN_FAULT_ROWS=300 LBGEN_SIGNAL_ROWS=2000 \
    SKIP_TESTS="test_baseurl.sh test_default_fetch.sh test_determinism.sh test_docs.sh test_locales.sh test_serve.sh test_site.sh" \
    sh tests/run.sh "$@"
status=$?

# A process killed on purpose (the fault test's SIGKILL) leaves an empty or
# unfinished log without an error line; only error reports count.
bad=$(grep -l -E '^==[0-9]+== ' "$LOGS"/*.log 2>/dev/null |
    while read -r f; do
        grep -v -E '^==[0-9]+== (Warning: |$)' "$f" | grep -q . && echo "$f"
    done)
nlogs=$(find "$LOGS" -name '*.log' | wc -l)
if [ -n "$bad" ]; then
    echo "valgrind found errors or leaks in $(echo "$bad" | wc -l) of $nlogs processes:"
    for f in $bad; do
        echo "== $f"
        head -40 "$f"
    done
    exit 1
fi
echo "valgrind: $nlogs processes, no errors, no leaks"
exit "$status"
