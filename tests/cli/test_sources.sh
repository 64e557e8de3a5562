# Sources: the arena-catalog adapter with its price list and the hf-rows
# adapter paging through a dataset viewer, both over a loopback server
# (tests/http_server.py); boards with several sources falling back from
# the first to the next in `lbgen build --fetch`, and what the log and
# the job summary say about it.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

FIX=$ROOT/tests/fixtures/fetch
TAB=$(printf '\t')
start_http_server "$FIX"
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01T00:00:00Z
# viewer_count TOKEN: how many pages the loopback viewer served for TOKEN.
viewer_count() {
    python3 -c "import urllib.request, sys
print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" \
        "$B/viewer-count?token=$1"
}

# ---- arena-catalog: the Arena's JSON and its price list --------------------
PRICES="$B/ok?f=arena_catalog_prices.json"
run_lbgen fetch "$B/lastmod?f=arena_catalog_text.json" --adapter arena-catalog \
    --id text --no-cache --options "{\"category\": \"coding\", \"prices\": \"$PRICES\"}"
check_eq "arena-catalog with prices exits 0" "0 " "$status $err"
check_contains "the category is recorded" "\"category\":${TAB}\"coding\"" "$out"
check_contains "the date is the response's Last-Modified" \
    "\"updated_at\":${TAB}\"2025-12-16T23:09:41Z\"" "$out"
check_contains "the source's adapter is recorded" "\"adapter\":${TAB}\"arena-catalog\"" "$out"
check_contains "and the price list's URL" "\"prices_url\":${TAB}\"$PRICES\"" "$out"
check_contains "ratings exact, names and prices joined" "\"model\":${TAB}\"gemini-3-pro\",
${TAB}${TAB}${TAB}\"display_name\":${TAB}\"Gemini-3-Pro\",
${TAB}${TAB}${TAB}\"url\":${TAB}\"http://aistudio.google.com/app/prompts/new_chat?model=gemini-3-pro-preview\",
${TAB}${TAB}${TAB}\"organization\":${TAB}\"Google\",
${TAB}${TAB}${TAB}\"license\":${TAB}\"Proprietary\",
${TAB}${TAB}${TAB}\"rating\":${TAB}1486.391701071574,
${TAB}${TAB}${TAB}\"ci_lower\":${TAB}1475.29730512301,
${TAB}${TAB}${TAB}\"ci_upper\":${TAB}1497.4860970201382,
${TAB}${TAB}${TAB}\"rank\":${TAB}3,
${TAB}${TAB}${TAB}\"rank_ub\":${TAB}2,
${TAB}${TAB}${TAB}\"price_input\":${TAB}2,
${TAB}${TAB}${TAB}\"price_output\":${TAB}12" "$out"
first=$out
run_lbgen fetch "$B/lastmod?f=arena_catalog_text.json" --adapter arena-catalog \
    --id text --no-cache --options "{\"category\": \"coding\", \"prices\": \"$PRICES\"}"
check_eq "the same documents give the same bytes" "$first" "$out"

run_lbgen fetch "$B/ok?f=arena_catalog_text.json" --adapter arena-catalog --no-cache \
    --options "{\"prices\": \"$FIX/arena_catalog_prices.json\"}"
check_eq "a price list from a file" "0 " "$status $err"
check_contains "default category full" "\"category\":${TAB}\"full\"" "$out"
check_contains "without Last-Modified the clock dates it (SOURCE_DATE_EPOCH)" \
    "\"updated_at\":${TAB}\"2026-01-01T00:00:00Z\"" "$out"
case $out in *prices_url*) not_ok "a file's path is not recorded as a link" ;;
*) ok "a file's path is not recorded as a link" ;; esac

run_lbgen fetch "$B/ok?f=arena_catalog_text.json" --adapter arena-catalog --no-cache \
    --options '{"category": "math"}'
check_eq "an unknown category exits 2" 2 "$status"
check_eq "and lists the categories" \
    "lbgen fetch: $B/ok?f=arena_catalog_text.json: no category \"math\" (categories: chinese, coding, full)" "$err"

run_lbgen fetch "$B/ok?f=arena_catalog_text.json" --adapter arena-catalog --no-cache \
    --options "{\"prices\": \"$B/status/404\"}"
check_eq "an unreachable price list is a failed source (exit 3)" 3 "$status"
check_contains "naming it" "$B/status/404: HTTP 404" "$err"

run_lbgen fetch "$FIX/arena_catalog_text.json" --adapter arena-catalog --options '{"filter": {}}'
check_eq "an option of another adapter is a usage error" 1 "$status"
check_contains "naming it" "--options.filter: not an option of the arena-catalog adapter (it belongs to hf-rows)" "$err"

run_lbgen fetch "$FIX/arena_catalog_text.json" --adapter arena-html --options '{"category": "full"}'
check_eq "arena-html takes no options" 1 "$status"
check_contains "and says so" "--options: the arena-html adapter takes no options" "$err"

# ---- hf-rows: paging through the dataset viewer ----------------------------
Q="dataset=lmarena-ai%2Fleaderboard-dataset&config=text&split=latest"
run_lbgen fetch "$B/viewer/ok/rows?$Q&token=rows1" --adapter hf-rows --id text \
    --no-cache --options '{"filter": {"category": "coding"}}'
check_eq "hf-rows pages through /rows" "0 " "$status $err"
check_eq "every page was read (270 rows, 3 pages)" 3 "$(viewer_count rows1)"
check_eq "the coding rows make the board" 90 "$(printf '%s\n' "$out" | grep -c "\"model\":")"
check_contains "the category comes from the filter" "\"category\":${TAB}\"coding\"" "$out"
check_contains "the date from leaderboard_publish_date" "\"updated_at\":${TAB}\"2025-12-17T00:00:00Z\"" "$out"
check_contains "the source URL as configured" "\"url\":${TAB}\"$B/viewer/ok/rows?$Q&token=rows1\"" "$out"
rows_out=$out

run_lbgen fetch "$B/viewer/ok/filter?$Q&token=filter1" --adapter hf-rows --id text \
    --no-cache --options '{"filter": {"category": "coding"}}'
check_eq "hf-rows through /filter" "0 " "$status $err"
check_eq "the filter went to the viewer: one page" 1 "$(viewer_count filter1)"
check_eq "the same board as through /rows" \
    "$(printf '%s\n' "$rows_out" | grep -v "\"url\":")" "$(printf '%s\n' "$out" | grep -v "\"url\":")"

run_lbgen fetch "$B/viewer/growing/rows?$Q" --adapter hf-rows --no-cache
check_eq "num_rows_total changing between pages: exit 3" 3 "$status"
check_contains "says so" "the page at offset 100 says num_rows_total 271 where the first said 270 (the split changed while lbgen read it; try again)" "$err"
run_lbgen fetch "$B/viewer/dup/rows?$Q" --adapter hf-rows --no-cache
check_eq "a repeated row: exit 2" 2 "$status"
check_contains "says so" "the page at offset 100 has row_idx 99 where 100 was expected (rows missing or repeated)" "$err"
run_lbgen fetch "$B/viewer/huge/rows?$Q" --adapter hf-rows --no-cache
check_eq "a huge num_rows_total: exit 2 before paging" 2 "$status"
check_contains "says so" "num_rows_total is 1000000000, more than the 20000 rows lbgen reads from one source (options.max_rows)" "$err"
run_lbgen fetch "$B/viewer/ok/rows?$Q" --adapter hf-rows --no-cache --options '{"max_rows": 100}'
check_eq "max_rows lowers the cap" 2 "$status"
check_contains "to its value" "more than the 100 rows" "$err"
run_lbgen fetch "$B/viewer/short/rows?$Q" --adapter hf-rows --no-cache
check_eq "a short page: exit 3" 3 "$status"
check_contains "says so" "the page at offset 100 holds 50 rows where 100 were expected of num_rows_total 270" "$err"
run_lbgen fetch "$B/viewer/partial/rows?$Q" --adapter hf-rows --no-cache \
    --options '{"filter": {"category": "overall"}}'
check_eq "a partial answer: exit 2" 2 "$status"
check_contains "says so" "the viewer's answer is partial" "$err"
run_lbgen fetch "$FIX/hf_rows_text.json" --adapter hf-rows --options '{"filter": {"category": "overall"}}'
check_eq "hf-rows on a saved answer" "0 " "$status $err"
check_eq "12 models" 12 "$(printf '%s\n' "$out" | grep -c "\"model\":")"

# ---- several sources: the first that fetches and passes the checks -------
REPO=$TMP/repo
mkdir -p "$REPO/data"
cp "$ROOT/tests/fixtures/site/data/mini.json" "$REPO/data/text.json"
cp "$REPO/data/text.json" "$TMP/last-good.json"
# write_config SOURCES_JSON
write_config() {
    python3 - "$ROOT" "$REPO/leaderboards.json" "$1" <<'PY'
import json, sys
root, path, sources = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
d = json.load(open(root + "/tests/fixtures/site/leaderboards.json"))
d["paths"] = {"templates": root + "/templates", "locales": root + "/locales"}
b = d["leaderboards"][0]
d["leaderboards"] = [b]      # the text board alone,
b.pop("categories", None)    # without its category
b["data"] = "data/text.json"
b["sources"] = sources
json.dump(d, open(path, "w"), indent=2)
PY
}
CATALOG="{\"url\": \"$B/lastmod?f=arena_catalog_text.json\", \"adapter\": \"arena-catalog\", \"options\": {\"prices\": \"$PRICES\"}}"
write_config "[{\"url\": \"$B/ok?f=arena_no_table.html\", \"adapter\": \"arena-html\"}, $CATALOG]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --quiet
check_eq "a changed page falls back to the next source" "0" "$status"
check_contains "the log says why the first was skipped" \
    "lbgen build: text: source 1 of 2 (arena-html $B/ok?f=arena_no_table.html) skipped: $B/ok?f=arena_no_table.html: no <table> in the page" "$err"
check_contains "and which source was used, even with --quiet" \
    "lbgen build: text: refreshed, 12 models, from source 2 of 2 (arena-catalog $B/lastmod?f=arena_catalog_text.json) (history updated)" "$err"
printf '%s\n' "$err" >"$TMP/build.log"
data=$(cat "$REPO/data/text.json")
check_contains "the data records the source's adapter" "\"adapter\":${TAB}\"arena-catalog\"" "$data"
check_contains "and its URL" "\"url\":${TAB}\"$B/lastmod?f=arena_catalog_text.json\"" "$data"
check_contains "dated by the source" "\"updated_at\":${TAB}\"2025-12-16T23:09:41Z\"" "$data"
check "the page shows the new rows" grep -q "Gemini-3-Pro\|gemini-3-pro" "$REPO/site/en/text.md"
mkdir -p "$TMP/previous"
cp "$TMP/last-good.json" "$TMP/previous/text.json"
run_lbgen summary --config "$REPO/leaderboards.json" --previous "$TMP/previous" --log "$TMP/build.log"
check_contains "the job summary says which source gave the data and what was skipped" \
    "| text | 12 | 2025-12-16T23:09:41Z | 2 of 2: arena-catalog | " "$out"
check_contains "and that one source was skipped" "| ok (1 source skipped) |" "$out"

cp "$TMP/last-good.json" "$REPO/data/text.json"
rm -rf "$REPO/data/history"
write_config "[{\"url\": \"$B/status/500\", \"adapter\": \"arena-html\"}, $CATALOG]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --quiet
check_eq "a 500 falls back to the next source" "0" "$status"
check_contains "after its retries" "lbgen build: text: source 1 of 2 (arena-html $B/status/500) skipped: $B/status/500: HTTP 500 (gave up after 4 attempts)" "$err"
check_contains "the data came from the second" "\"adapter\":${TAB}\"arena-catalog\"" "$(cat "$REPO/data/text.json")"

cp "$TMP/last-good.json" "$REPO/data/text.json"
write_config "[{\"url\": \"$B/ok?f=arena_no_table.html\", \"adapter\": \"arena-html\"}, {\"url\": \"$B/ok?f=arena_catalog_text.json\", \"adapter\": \"arena-catalog\", \"options\": {\"category\": \"math\"}}]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --quiet
check_eq "when every source fails the build exits 3" 3 "$status"
check_contains "each is named" "text: source 2 of 2 (arena-catalog $B/ok?f=arena_catalog_text.json) skipped: $B/ok?f=arena_catalog_text.json: no category \"math\"" "$err"
check_contains "and the last good data is kept" "lbgen build: text: all 2 sources failed; keeping the last good data" "$err"
check "the data is untouched" cmp "$TMP/last-good.json" "$REPO/data/text.json"
printf '%s\n' "$err" >"$TMP/build.log"
run_lbgen summary --config "$REPO/leaderboards.json" --log "$TMP/build.log"
check_contains "the summary marks it failed" "| text | 3 | 2026-01-02T20:08:37Z | — | no previous snapshot | **failed its checks** (2 sources skipped) |" "$out"

# A source that passes fetching but not the checks is skipped too: the
# hf-rows answer shrinks a 12-model board to 1 row.
cp "$REPO/data/text.json" "$TMP/three.json"
write_config "[$CATALOG]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --quiet
check_eq "a one-source board via sources" 0 "$status"
write_config "[{\"url\": \"$B/viewer/ok/filter?$Q&where=%22model_name%22%3D%27o1-mini%27\", \"adapter\": \"hf-rows\"}, $CATALOG]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --quiet
check_eq "a shrunken source is skipped for the next" 0 "$status"
check_contains "with the check's reason" "text: source 1 of 2 (hf-rows $B/viewer/ok/filter?$Q&where=%22model_name%22%3D%27o1-mini%27) skipped: " "$err"
check_contains "the shrink check" "the fetched board has 1 rows, less than half of the last good snapshot's 12" "$err"

# ---- configuration mistakes --------------------------------------------------
python3 - "$REPO/leaderboards.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["leaderboards"][0]["live"] = {"url": "x", "adapter": "arena-html"}
json.dump(d, open(sys.argv[1], "w"))
PY
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_eq "live and sources together: exit 2" 2 "$status"
check_contains "says so" "leaderboards[0].sources: give either live (one source) or sources (a list), not both" "$err"
write_config "[]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_contains "an empty list" "leaderboards[0].sources: expected a list of 1 to 8 sources {url, adapter, via, options}" "$err"
write_config "[{\"url\": \"x\", \"adapter\": \"arena-catalog\", \"options\": {\"category\": \"Coding!\"}}]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_contains "a bad option names its source" "leaderboards[0].sources[0].options.category: expected a category name (a-z, 0-9, '_', '-')" "$err"
write_config "[{\"url\": \"x\", \"adapter\": \"hf-rows\", \"vía\": 1}]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_contains "an unknown key (the configuration's schema)" "leaderboards[0].sources[0].vía: unknown key (did you mean \`via\`?)" "$err"
write_config "[{\"url\": \"x\"}]"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_contains "a missing adapter" "leaderboards[0].sources[0].adapter: missing" "$err"
