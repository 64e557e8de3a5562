#!/bin/sh
# Replays every seed (tests/fuzz/corpus/TARGET/) and every kept crasher
# (tests/fuzz/regressions/TARGET/) through its fuzz target's entry point,
# built without libFuzzer: under ASan+UBSan in `make test`, under valgrind
# in `make check` ($FUZZ_REPLAY_DIR, $FUZZ_REPLAY_WRAP).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

: "${FUZZ_REPLAY_DIR:=$ROOT/build/asan/fuzz}"
: "${FUZZ_REPLAY_WRAP:=}"

for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz_}
    bin="$FUZZ_REPLAY_DIR/replay_$t"
    check "replay_$t is built" test -x "$bin"
    for kind in corpus regressions; do
        dir="$ROOT/tests/fuzz/$kind/$t"
        [ -d "$dir" ] || continue
        n=0
        for f in "$dir"/*; do
            [ -f "$f" ] || continue
            n=$((n + 1))
            # shellcheck disable=SC2086 # the wrapper is a word list
            if $FUZZ_REPLAY_WRAP "$bin" "$f" >"$TMP/log" 2>&1; then
                :
            else
                not_ok "$t: $kind/$(basename "$f") crashed"
                sed 's/^/#   /' "$TMP/log" | head -30
            fi
        done
        check "$t: every $kind file replayed ($n)" test "$n" -gt 0
    done
done
