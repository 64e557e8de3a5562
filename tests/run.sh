#!/bin/sh
# Runs every test and prints one closing line: "N passed, N failed".
#
# Unit tests are cmocka binaries in build/asan/tests (TAP output); CLI and
# end-to-end tests are shell scripts in tests/cli that print TAP lines via
# tests/lib.sh. A binary or script that dies without reporting a failure
# counts as one failure. Arguments filter by substring of the file name.
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
export ROOT
: "${LBGEN:=$ROOT/build/asan/lbgen}"
export LBGEN
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export CMOCKA_MESSAGE_OUTPUT=TAP
# `make check` runs the unit tests of build/plain under valgrind instead.
: "${UNIT_DIR:=build/asan/tests}"
: "${UNIT_WRAP:=}"

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# SKIP_TESTS: substrings of file names not to run (tests/valgrind.sh).
skipped() {
    for s in ${SKIP_TESTS:-}; do
        case "$1" in *"$s"*) echo "skip $1"; return 0 ;; esac
    done
    return 1
}

selected() {
    [ $# -le 1 ] && return 0
    name=$1
    shift
    for f in "$@"; do
        case "$name" in *"$f"*) return 0 ;; esac
    done
    return 1
}

tally() { # $1 = label, $2 = exit status; reads $log
    p=$(grep -c '^ok' "$log")
    f=$(grep -c '^not ok' "$log")
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $1 exited with status $2" >>"$log"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $1"
        grep -v '^ok' "$log" | sed 's/^/    /'
    else
        echo "ok   $1 ($p)"
    fi
}

for t in "$UNIT_DIR"/test_*; do
    [ -x "$t" ] || continue
    selected "$t" "$@" || continue
    skipped "$t" && continue
    # shellcheck disable=SC2086 # the wrapper is a command and its options
    $UNIT_WRAP "$t" >"$log" 2>&1
    tally "$t" $?
done

for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    selected "$t" "$@" || continue
    skipped "$t" && continue
    sh "$t" >"$log" 2>&1
    tally "$t" $?
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
