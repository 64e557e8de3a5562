#!/bin/sh
# Replays every seed (tests/fuzz/corpus/TARGET/ and the shared ones listed in
# tests/fuzz/seeds.txt) and every kept crasher
# (tests/fuzz/regressions/TARGET/) through its fuzz target's entry point,
# built without libFuzzer: under ASan+UBSan in `make test`, under valgrind
# in `make check` ($FUZZ_REPLAY_DIR, $FUZZ_REPLAY_WRAP).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
# shellcheck source=../fuzz/seeds.sh
. tests/fuzz/seeds.sh

: "${FUZZ_REPLAY_DIR:=$ROOT/build/asan/fuzz}"
: "${FUZZ_REPLAY_WRAP:=}"

for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz_}
    bin="$FUZZ_REPLAY_DIR/replay_$t"
    check "replay_$t is built" test -x "$bin"
    for kind in seed regression; do
        if [ "$kind" = seed ]; then
            { find "tests/fuzz/corpus/$t" -type f 2>/dev/null | sort
              fuzz_seeds "$t"; } >"$TMP/inputs"
        else
            find "tests/fuzz/regressions/$t" -type f 2>/dev/null | sort >"$TMP/inputs"
        fi
        n=0
        while read -r f; do
            n=$((n + 1))
            # shellcheck disable=SC2086 # the wrapper is a word list
            if $FUZZ_REPLAY_WRAP "$bin" "$f" </dev/null >"$TMP/log" 2>&1; then
                :
            else
                not_ok "$t: $f crashed"
                sed 's/^/#   /' "$TMP/log" | head -30
            fi
        done <"$TMP/inputs"
        [ "$kind" = regression ] && [ "$n" -eq 0 ] && continue
        check "$t: every $kind file replayed ($n)" test "$n" -gt 0
    done
done
