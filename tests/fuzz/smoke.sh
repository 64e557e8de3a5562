#!/bin/sh
# Runs each fuzz target (build/fuzz/fuzz_TARGET, `make fuzz`) for
# $FUZZ_SECONDS seconds from its seed corpus and fails on the first crash,
# leak, timeout or out-of-memory. New inputs go to build/fuzz/work/TARGET
# (the committed seeds are only read); a crasher is left in
# build/fuzz/artifacts/TARGET/ — keep it in tests/fuzz/regressions/TARGET/
# once fixed. usage: smoke.sh TARGET...
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=seeds.sh
. tests/fuzz/seeds.sh
: "${FUZZ_SECONDS:=60}"
status=0
for t in "$@"; do
    mkdir -p "build/fuzz/work/$t" "build/fuzz/artifacts/$t"
    # libFuzzer reads seeds from directories: the shared ones join the work
    # directory, the target's own corpus is read in place.
    fuzz_seeds "$t" | while read -r f; do cp "$f" "build/fuzz/work/$t/"; done
    corpus="tests/fuzz/corpus/$t"
    [ -d "$corpus" ] || corpus=""
    echo "fuzz-smoke: $t for ${FUZZ_SECONDS}s"
    if ! "build/fuzz/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="build/fuzz/artifacts/$t/" \
        "build/fuzz/work/$t" ${corpus:+"$corpus"} \
        >"build/fuzz/$t.log" 2>&1; then
        echo "fuzz-smoke: $t FAILED (build/fuzz/$t.log):"
        grep -E 'ERROR|SUMMARY|Test unit written' "build/fuzz/$t.log" | head -20
        status=1
    else
        grep -E '^stat::number_of_executed_units' "build/fuzz/$t.log" \
            | sed "s/^/    /"
    fi
done
exit "$status"
