# The battles and arena-hard adapters: `lbgen build --fetch` downloads
# battles or judgments and computes the ratings, with knobs from
# live.options; `lbgen fetch --adapter battles|arena-hard` does one by hand.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2
F=$ROOT/tests/fixtures/rate
TAB=$(printf '\t')

REPO="$TMP/repo"
mkdir -p "$REPO"
cp -r leaderboards.json templates locales data "$REPO/"
# set_live ID URL ADAPTER OPTIONS_JSON: gives one board a live source (and
# takes it away from every other board).
set_live() {
    python3 - "$REPO/leaderboards.json" "$@" <<'PY'
import json, sys
path, rest = sys.argv[1], sys.argv[2:]
d = json.load(open(path, encoding="utf-8"))
for b in d["leaderboards"]:
    b.pop("live", None)
    b.pop("sources", None)
for i in range(0, len(rest), 4):
    board, url, adapter, options = rest[i:i + 4]
    live = {"url": url, "adapter": adapter}
    if options:
        live["options"] = json.loads(options)
    for b in d["leaderboards"]:
        if b["id"] == board:
            b["live"] = live
            # battles give ratings without style control (and a
            # style-controlled twin): the board must not claim its
            # ratings are style-controlled.
            b.pop("style_control", None)
json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
}
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01T00:00:00Z

# same_board A.json B.json: the same board but for what only a fetch adds
# (source.adapter, the time the source was fetched).
same_board() {
    python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.get("source", {}).pop("adapter", None)
    d.pop("updated_at", None)
sys.exit(0 if a == b else 1)
PY
}
# same_as_rate RATED DATA: the refreshed data is what `lbgen rate` wrote,
# plus the record of the source's adapter.
same_as_rate() {
    python3 -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
sys.exit(b["source"].pop("adapter") != "battles" or a != b)' "$1" "$2"
}

set_live text "$F/battles.jsonl" battles '{"bootstrap": 50}' \
    arena-hard "$F/judgments.jsonl" arena-hard '{"baseline": "base"}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force
check_eq "build --fetch with the ratings adapters exits 0" 0 "$status"
check_contains "the arena board is refreshed from the battles" "text: refreshed, 5 models" "$err"
check_contains "the win-rate board is refreshed from the judgments" "arena-hard: refreshed, 3 models" "$err"

text=$(cat "$REPO/data/arena-text.json")
check_contains "the arena data is rated by Bradley-Terry" "\"method\":${TAB}\"bradley-terry\"" "$text"
check_contains "with live.options' bootstrap rounds" "\"bootstrap_rounds\":${TAB}50" "$text"
check_contains "and the default seed" "\"seed\":${TAB}42" "$text"
check_contains "the kept battles are counted" "\"battles\":${TAB}270" "$text"
check_contains "the strongest model is rated as by lbgen rate" "\"model\":${TAB}\"alpha\",
$TAB$TAB${TAB}\"rating\":${TAB}1230.74," "$text"
check_contains "the data time is the newest battle" "\"updated_at\":${TAB}\"2024-06-" "$text"
"$LBGEN" rate "$F/battles.jsonl" --bootstrap 50 --id text --quiet --out "$TMP/rated.json"
check "the data equal what lbgen rate computes" same_as_rate "$TMP/rated.json" "$REPO/data/arena-text.json"

hard=$(cat "$REPO/data/arena-hard.json")
check_contains "the win-rate data names its method" "\"method\":${TAB}\"winrate\"" "$hard"
check_contains "and the baseline from live.options" "\"baseline\":${TAB}\"base\"" "$hard"
check_contains "the baseline sits at 50.0" "\"model\":${TAB}\"base\",
$TAB$TAB${TAB}\"rating\":${TAB}50,
$TAB$TAB${TAB}\"ci_lower\":${TAB}50,
$TAB$TAB${TAB}\"ci_upper\":${TAB}50," "$hard"
check_contains "with the default 1000 rounds" "\"bootstrap_rounds\":${TAB}1000" "$hard"

md=$(cat "$REPO/site/en/text.md")
check_contains "the arena page lists the computed rating" "alpha" "$md"
check_contains "the arena page shows the rounded rating" "1,231" "$md"
check_eq "the arena page has one row per rated model" 5 "$(grep -c '^| [0-9]' "$REPO/site/en/text.md")"
check_contains "the page says how the intervals were computed" \
    "confidence intervals are computed by the sandwich estimator" "$md"
check "and not that the figures are the source's" sh -c "! grep -q 'not recomputed' \"\$1\"" sh "$REPO/site/en/text.md"
check_contains "the win-rate page shows the baseline at 50.0" "50.0" "$(grep '| base |' "$REPO/site/en/arena-hard.md")"
check_eq "the win-rate page has one row per model" 3 "$(grep -c '^| [0-9]' "$REPO/site/en/arena-hard.md")"

cp "$REPO/data/arena-text.json" "$TMP/first-text.json"
cp "$REPO/data/arena-hard.json" "$TMP/first-hard.json"
run_lbgen build --config "$REPO/leaderboards.json" --out "$TMP/site2" --fetch --force
check_eq "a second refresh exits 0" 0 "$status"
check "a second refresh gives byte-identical arena data" cmp "$TMP/first-text.json" "$REPO/data/arena-text.json"
check "and byte-identical win-rate data" cmp "$TMP/first-hard.json" "$REPO/data/arena-hard.json"
check "and the same pages" diff -r "$REPO/site" "$TMP/site2"

# --- more knobs: style control, another seed, a filter ------------------------
set_live text "$F/battles.jsonl" battles \
    '{"bootstrap": 20, "seed": 7, "style_control": true, "anony_only": false, "since": "2024-06-02"}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force -q
check_eq "style control through live.options exits 0" 0 "$status"
text=$(cat "$REPO/data/arena-text.json")
check_contains "style-controlled method" "\"method\":${TAB}\"bradley-terry+style\"" "$text"
check_contains "the configured seed" "\"seed\":${TAB}7" "$text"
"$LBGEN" rate "$F/battles.jsonl" --bootstrap 20 --seed 7 --style-control --all \
    --since 2024-06-02 --id text --quiet --out "$TMP/styled.json"
check "the same knobs give what lbgen rate gives" same_as_rate "$TMP/styled.json" "$REPO/data/arena-text.json"

# --- both Arena-Hard boards from one judgment file ----------------------------
# The judgments followed by the answers (their conv_metadata counts): the
# arena-hard board plain, the arena-hard-style board with style control.
AH=$F/arena-hard/combined.jsonl
set_live arena-hard "$AH" arena-hard '{"baseline": "gpt-4-0314", "bootstrap": 50}' \
    arena-hard-style "$AH" arena-hard '{"baseline": "gpt-4-0314", "bootstrap": 50, "style_control": true}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force -q
check_eq "two boards from one judgment file exit 0" 0 "$status"
plain=$(cat "$REPO/data/arena-hard.json")
styled=$(cat "$REPO/data/arena-hard-style.json")
check_contains "the plain board" "\"method\":${TAB}\"winrate\"" "$plain"
check_contains "with average tokens from the answers in the file" "\"avg_tokens\":${TAB}637.9" "$plain"
check_contains "the style-controlled board" "\"method\":${TAB}\"winrate+style\"" "$styled"
"$LBGEN" rate "$AH" --method winrate --baseline gpt-4-0314 --bootstrap 50 \
    --style-control --id arena-hard-style --quiet --out "$TMP/hard-style.json"
check "the style board is what lbgen rate computes" same_board \
    "$TMP/hard-style.json" "$REPO/data/arena-hard-style.json"
check_contains "the style page lists the models" "gpt-y" "$(cat "$REPO/site/en/arena-hard-style.md")"
run_lbgen fetch "$F/arena-hard/judgments.jsonl" --adapter arena-hard --no-cache \
    --options '{"baseline": "gpt-4-0314", "style_control": true}'
check_eq "style control without answers in the file exits 2" 2 "$status"
check_contains "and says what is missing" "style control needs the answers' counts" "$err"

# --- bad options fail clearly, before anything is fetched ----------------------
cp "$REPO/data/arena-text.json" "$TMP/kept.json"
set_live text "$F/battles.jsonl" battles '{"bootstrap": 50, "rounds": 3}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force
check_eq "an unknown option key exits 2" 2 "$status"
check_contains "the unknown key is named with its place" \
    "leaderboards.json: leaderboards[0].live.options.rounds: unknown option" "$err"
check "nothing is written for a bad configuration" cmp "$TMP/kept.json" "$REPO/data/arena-text.json"

set_live text "$F/battles.jsonl" battles '{"bootstrap": "many"}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "a mistyped option exits 2" 2 "$status"
check_contains "the mistyped option is named" "live.options.bootstrap: expected an integer" "$err"

set_live text "$F/battles.jsonl" battles '{"baseline": "base"}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_contains "an option of the other adapter is refused" \
    "live.options.baseline: not an option of the battles adapter" "$err"

set_live text "$F/battles.jsonl" battles '{"ci": "bootstrap", "method": "elo", "bootstrap": 5}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "ci bootstrap with elo is fine" 0 "$status"
cp "$REPO/data/arena-text.json" "$TMP/kept.json"
set_live text "$F/battles.jsonl" battles '{"ci": "sandwich", "method": "elo"}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "sandwich with elo exits 2" 2 "$status"
check_contains "the same message as lbgen rate's, with the key" \
    "leaderboards.json: leaderboards[0].live.options.ci: sandwich intervals go with method bt (elo intervals are bootstrap quantiles)" "$err"

set_live arena-hard "$F/judgments.jsonl" arena-hard '{}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "arena-hard without a baseline exits 2" 2 "$status"
check_contains "the missing baseline is named" "live.options.baseline: missing" "$err"

set_live text "$ROOT/tests/fixtures/fetch/arena_text.html" arena-html '{"bootstrap": 5}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_contains "options on an adapter that takes none are refused" \
    "the arena-html adapter takes no options" "$err"

# --- a source that is not battles is a failed source, not a crash ---------------
set_live text "$F/judgments.jsonl" battles '{"bootstrap": 5}'
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force
check_eq "judgments fed to the battles adapter exit 3" 3 "$status"
check_contains "the record and its place are named" "judgments.jsonl:1:1: error: record 1: missing model_a" "$err"
check "the last good data is kept" cmp "$TMP/kept.json" "$REPO/data/arena-text.json"

# --- lbgen fetch, by hand -------------------------------------------------------
run_lbgen fetch "$F/battles.jsonl" --adapter battles --no-cache --options '{"bootstrap": 50}' --id arena
check_eq "lbgen fetch --adapter battles exits 0" 0 "$status"
check_contains "it prints the rated board" "\"model\":${TAB}\"alpha\",
$TAB$TAB${TAB}\"rating\":${TAB}1230.74," "$out"
check_contains "with the bootstrap from --options" "\"bootstrap_rounds\":${TAB}50" "$out"
run_lbgen fetch "$F/battles.json" --adapter battles --no-cache
check_eq "a JSON array through the battles adapter, default options" 0 "$status"
check_contains "the default intervals are lbgen rate's: sandwich" "\"method\":${TAB}\"bradley-terry\",
$TAB${TAB}\"ci\":${TAB}\"sandwich\",
$TAB${TAB}\"battles\":${TAB}270," "$out"
printf '%s\n' "$out" >"$TMP/fetched.json"
"$LBGEN" rate "$F/battles.json" --id battles --quiet --out "$TMP/rated-default.json"
check "and the same board as lbgen rate with no options" same_board \
    "$TMP/rated-default.json" "$TMP/fetched.json"
run_lbgen fetch "$F/judgments.jsonl" --adapter arena-hard --no-cache --options '{"baseline": "base", "bootstrap": 0}'
check_eq "lbgen fetch --adapter arena-hard exits 0" 0 "$status"
check_contains "the win-rate kind" "\"kind\":${TAB}\"winrate\"" "$out"
run_lbgen fetch "$F/judgments.jsonl" --adapter arena-hard --no-cache
check_eq "arena-hard without --options baseline is a usage error" 1 "$status"
check_contains "it says what is missing" "baseline: missing" "$err"
run_lbgen fetch "$F/battles.jsonl" --adapter battles --no-cache --options '{"seeds": 1}'
check_eq "an unknown --options key is a usage error" 1 "$status"
check_contains "the key is named" "--options.seeds: unknown option" "$err"
