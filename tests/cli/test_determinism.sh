#!/bin/sh
# Determinism: the default site is the same bytes whoever builds it, from
# where, when and how. Two builds of the committed data differ in working
# directory (and so in relative paths), time zone, locale environment, the
# clock and thread count, and must give identical trees (diff -r, file
# modes included). lbgen never calls setlocale(), so C.UTF-8 (always on
# Debian) stands in for any installed locale.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/a/deep/er" "$TMP/b"

# One: from the repository itself, UTC, the C locale, one thread.
(cd "$ROOT" && TZ=UTC LANG=C LC_ALL=C LBGEN_THREADS=1 OMP_NUM_THREADS=1 \
    "$LBGEN" build --out "$TMP/site-one" -q)
check_eq "first build (repo, UTC, C, 1 thread)" 0 $?

# Two: from elsewhere, a far time zone, a UTF-8 locale environment, two
# threads, a later clock second.
sleep 1
(cd "$TMP/a/deep/er" && TZ=LINT-14 LANG=fr_FR.UTF-8 \
    LC_ALL=C.UTF-8 LBGEN_THREADS=2 \
    OMP_NUM_THREADS=2 "$LBGEN" build --config "$ROOT/leaderboards.json" \
    --out ../../../b/site-two -q)
check_eq "second build (elsewhere, UTC+14, fr_FR, 2 threads)" 0 $?

check "the two trees are identical" diff -r "$TMP/site-one" "$TMP/b/site-two"
modes() { (cd "$1" && find . -printf '%m %y %p\n' | sort); }
check_eq "and so are their file modes" "$(modes "$TMP/site-one")" \
    "$(modes "$TMP/b/site-two")"
check "the build wrote files" test -f "$TMP/site-one/index.html"

# The same board through the adapter twice, across time zones and locales
# (an adapter fills updated_at from the clock only when the source has
# none, so a fixture with a date is compared).
for f in bench_002.md catalog_004.md arena_text.html; do
    case $f in
    *.html) adapter=arena-html ;;
    catalog*) adapter=catalog ;;
    *) adapter=table ;;
    esac
    (cd "$ROOT" && TZ=UTC LC_ALL=C "$LBGEN" fetch "tests/fixtures/fetch/$f" \
        --adapter "$adapter" --no-cache) | grep -v '"updated_at"' >"$TMP/one.json"
    (cd "$TMP/b" && TZ=CST-8 LC_ALL=C.UTF-8 "$LBGEN" fetch \
        "$ROOT/tests/fixtures/fetch/$f" --adapter "$adapter" --no-cache) |
        grep -v '"updated_at"' >"$TMP/two.json"
    check "fetch $f: same board in any zone and locale" cmp -s "$TMP/one.json" "$TMP/two.json"
done

# The ratings engine runs its bootstrap on threads: the same seed gives the
# same bytes with one thread or two, in any zone and directory.
F=$ROOT/tests/fixtures/rate
(cd "$ROOT" && TZ=UTC0 LC_ALL=C "$LBGEN" rate "$F/battles.jsonl" --bootstrap 40 \
    --style-control --threads 1 --quiet --id b --out "$TMP/bt-1.json" --csv "$TMP/bt-1.csv")
check_eq "rate (Bradley-Terry, style control), 1 thread" 0 $?
(cd "$TMP/b" && TZ=LINT-14 LC_ALL=C.UTF-8 "$LBGEN" rate "$F/battles.jsonl" --bootstrap 40 \
    --style-control --threads 2 --quiet --id b --out "$TMP/bt-2.json" --csv "$TMP/bt-2.csv")
check_eq "rate (Bradley-Terry, style control), 2 threads" 0 $?
check "same ratings with 1 and 2 threads" cmp -s "$TMP/bt-1.json" "$TMP/bt-2.json"
check "same CSV with 1 and 2 threads" cmp -s "$TMP/bt-1.csv" "$TMP/bt-2.csv"
"$LBGEN" rate "$F/battles.json" --bootstrap 40 --style-control --threads 2 \
    --quiet --id b --out "$TMP/bt-array.json"
check "the JSON array form gives the same board" cmp -s "$TMP/bt-1.json" "$TMP/bt-array.json"
for t in 1 2; do
    "$LBGEN" rate "$F/judgments.jsonl" --method winrate --baseline base \
        --bootstrap 40 --threads "$t" --quiet --id j --out "$TMP/wr-$t.json"
done
check "win rates: same bytes with 1 and 2 threads" cmp -s "$TMP/wr-1.json" "$TMP/wr-2.json"

# A file large enough (3 MB) to be parsed in chunks on every core: the same
# board, style features included, as one thread reading it in order.
python3 - "$F/battles.jsonl" "$TMP/big.jsonl" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines(keepends=True)
with open(sys.argv[2], "w") as f:
    while f.tell() < 3_000_000:
        f.writelines(lines)
PY
for t in 1 2; do
    "$LBGEN" rate "$TMP/big.jsonl" --style-control --bootstrap 10 --threads "$t" \
        --quiet --id big --out "$TMP/big-$t.json"
done
check "a file parsed in chunks: same bytes with 1 and 2 threads" cmp -s "$TMP/big-1.json" "$TMP/big-2.json"
check "and it has style-controlled ratings" grep -q style_coefficients "$TMP/big-2.json"
