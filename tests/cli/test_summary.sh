# `lbgen summary`: the publishing run's Markdown report and changed boards,
# on the committed data and a copy of it with two ranks swapped.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

run_lbgen summary --config "$ROOT/leaderboards.json"
check_eq "summary of the committed data exits 0" 0 "$status"
check_contains "one row per board with rows and update time" \
    "| text | 30 | 2026-08-21T08:35:38Z | — | no previous snapshot | ok |" "$out"
check_contains "a board without a date shows a dash" "| opensource | 43 | — |" "$out"

mkdir -p "$TMP/previous"
cp "$ROOT"/data/*.json "$TMP/previous/"
run_lbgen summary --changed --previous "$TMP/previous" --config "$ROOT/leaderboards.json"
check_eq "--changed exits 0" 0 "$status"
check_eq "identical snapshots: no board changed" "" "$out"

# Swap the ranks of the first two arena models in the previous snapshot.
sed -i '0,/"rank":1,/s//"rank":99,/; 0,/"rank":2,/s//"rank":1,/; 0,/"rank":99,/s//"rank":2,/' \
    "$TMP/previous/arena-text.json"
run_lbgen summary --changed --previous "$TMP/previous" --config "$ROOT/leaderboards.json"
check_eq "a changed board is named" "text" "$out"
printf 'lbgen build: https://arena.ai/leaderboard/text: the table has 0 rows\n' >"$TMP/build.log"
run_lbgen summary --previous "$TMP/previous" --log "$TMP/build.log" --top 1 \
    --config "$ROOT/leaderboards.json"
check_eq "summary with a previous snapshot exits 0" 0 "$status"
check_contains "moves are counted" "| text | 30 | 2026-08-21T08:35:38Z | — | 2 moved, 0 new, 0 dropped | **failed its checks** |" "$out"
check_contains "the biggest move is listed" "| 1 | ▲ 1 (was 2) |" "$out"
check_contains "the build's messages are quoted" "the table has 0 rows" "$out"

run_lbgen summary --changed
check_eq "--changed without --previous is a usage error" 1 "$status"
run_lbgen summary --top many
check_eq "a bad --top is a usage error" 1 "$status"
run_lbgen summary --config "$TMP/missing.json"
check_eq "a missing configuration exits 2" 2 "$status"
check_contains "and names it" "missing.json" "$err"

# A board whose data cannot be read (the build failed it and kept its
# previous pages) is a row saying so; the other boards are still reported.
W=$TMP/broken
mkdir -p "$W"
cp -R "$ROOT/data" "$ROOT/leaderboards.json" "$W/"
printf '{"id": "webdev", "kind": "arena", "models": [' >"$W/data/arena-webdev.json"
rm "$W/data/arena-search.json"
run_lbgen summary --config "$W/leaderboards.json"
check_eq "unreadable data: the summary is still written" 0 "$status"
check_contains "the board says why" \
    "| webdev | — | — | — | — | **data unreadable**: $W/data/arena-webdev.json:1:" "$out"
check_contains "a missing file too" \
    "| search | — | — | — | — | **data unreadable**: $W/data/arena-search.json: cannot open: No such file or directory |" "$out"
check_contains "the other boards are reported" \
    "| text | 30 | 2026-08-21T08:35:38Z | — | no previous snapshot | ok |" "$out"
run_lbgen summary --changed --previous "$ROOT/data" --config "$W/leaderboards.json"
check_eq "--changed: a missing data file is not listed (nothing to commit)" "0 webdev" "$status $out"
