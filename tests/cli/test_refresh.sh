# lbgen build --fetch: refresh from live sources without ever publishing
# garbage, keep a dated history, and show rank changes and trends.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

REPO="$TMP/repo"
mkdir -p "$REPO"
cp -r leaderboards.json templates locales data "$REPO/"
rm -rf "$REPO/data/history" # these tests start without history
# The live sources are files; a file's time is its modification time.
SRC="$TMP/src"
cp -R "$ROOT/tests/fixtures/fetch" "$SRC"
touch -d '2026-01-01 00:00:00 UTC' "$SRC"/*
# The text board's live source becomes a saved arena page (4 models); the
# other boards have none.
python3 - "$REPO/leaderboards.json" "$SRC" <<'PY'
import json, sys
path, fixtures = sys.argv[1], sys.argv[2]
d = json.load(open(path, encoding="utf-8"))
for b in d["leaderboards"]:
    b.pop("live", None)
    b.pop("sources", None)
d["leaderboards"][0]["live"] = {"url": fixtures + "/arena_text.html", "adapter": "arena-html"}
json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
# The clock is the last resort: a source with a time of its own wins.
export SOURCE_DATE_EPOCH=1893456000 # 2030-01-01T00:00:00Z

# --- a source that shrinks from 30 rows to 4 is not published ---------------
cp "$REPO/data/arena-text.json" "$TMP/last-good.json"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "a shrunken source makes the build exit 3" 3 "$status"
check_contains "it says why and that the last good data is kept" "keeping the last good data" "$err"
check "the committed data is untouched" cmp "$TMP/last-good.json" "$REPO/data/arena-text.json"
check "the rest of the site is still built" test -s "$REPO/site/fr/opensource/index.html"
check_eq "the page still shows the last good 30 rows" 30 "$(grep -c '^| [0-9]' "$REPO/site/zh/text.md")"
check "no history is recorded for a rejected source" test ! -e "$REPO/data/history/text"

# --- a page that changed shape is not published either ------------------------
sed -i 's|arena_text.html|arena_no_table.html|' "$REPO/leaderboards.json"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force
check_eq "a page without the table exits 3 even with --force" 3 "$status"
check "the data survives a changed page" cmp "$TMP/last-good.json" "$REPO/data/arena-text.json"
sed -i 's|arena_no_table.html|arena_text.html|' "$REPO/leaderboards.json"

# --- a proxy key that is not set is a failed source, and never printed ---------
python3 - "$REPO/leaderboards.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["leaderboards"][0]["live"]["url"] = "http://127.0.0.1:9/leaderboard/text"
d["leaderboards"][0]["live"]["via"] = "http://127.0.0.1:9/?key=${LBGEN_TEST_KEY}&url={url}"
json.dump(d, open(sys.argv[1], "w", encoding="utf-8"), indent=2)
PY
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch
check_eq "a missing proxy key exits 3" 3 "$status"
check_contains "the missing variable is named" "LBGEN_TEST_KEY" "$err"
LBGEN_TEST_KEY=hunter2-secret "$LBGEN" build --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch >"$TMP/o" 2>"$TMP/e"
check_eq "an unreachable proxy exits 3" 3 "$?"
check "the proxy key never appears in any output" sh -c "! grep -q hunter2 '$TMP/o' '$TMP/e'"
check_contains "the key is shown as ***" "***" "$(cat "$TMP/e")"
python3 - "$REPO/leaderboards.json" "$SRC" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
del d["leaderboards"][0]["live"]["via"]
d["leaderboards"][0]["live"]["url"] = sys.argv[2] + "/arena_text.html"
json.dump(d, open(sys.argv[1], "w", encoding="utf-8"), indent=2)
PY

# --- --force publishes it; the refresh is recorded in the history --------------
run_lbgen build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" --fetch --force
check_eq "--force publishes the small board" 0 "$status"
check_contains "the refreshed data has the fetched models" '"claude-opus-4-5-20251101-thinking-32k"' "$(cat "$REPO/data/arena-text.json")"
check_contains "the refresh time is the source file's, not the clock's" '"updated_at":	"2026-01-01T00:00:00Z"' "$(cat "$REPO/data/arena-text.json")"
check "a dated snapshot is recorded" test -s "$REPO/data/history/text/2026-01-01.json"
check_eq "the page shows the fetched rows" 4 "$(grep -c '^| [0-9]' "$REPO/site/zh/text.md")"
check "without an earlier snapshot there is no change column" sh -c "! grep -q '名次变化' '$REPO/site/zh/text.md'"

# --- an earlier snapshot gives rank changes and a trend --------------------------
python3 - "$REPO/data/history/text/2026-01-01.json" "$REPO/data/history/text/2025-12-31.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["updated_at"] = "2025-12-31T00:00:00Z"
m = d["models"]
m[0]["rank"], m[1]["rank"] = 2, 1          # the leaders swap places
m[0]["rating"] -= 12; m[0]["ci_lower"] -= 12; m[0]["ci_upper"] -= 12
del m[3]                                    # the last model is new today
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run_lbgen build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" -q
check_eq "a build with history succeeds (strict templates)" 0 "$status"
md=$(cat "$REPO/site/en/text.md")
check_contains "the change column is shown" "| Rank change |" "$md"
check_contains "a model that moved up shows ▲1" "| 1 | ▲1 |" "$md"
check_contains "a model that moved down shows ▼1" "| 2 | ▼1 |" "$md"
check_contains "a model that joined shows new" "| 4 | new |" "$md"
check_contains "the Markdown trend is a block sparkline" "▁█" "$md"
check "the HTML trend is an SVG polyline" grep -q '<svg class="spark"[^>]*aria-label="1,478 → 1,490"' "$REPO/site/en/text/index.html"
"$LBGEN" build --config "$REPO/leaderboards.json" --out "$TMP/again" -q
check "history pages are deterministic too" diff -r "$REPO/site" "$TMP/again"
