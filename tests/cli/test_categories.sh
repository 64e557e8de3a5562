# Categories in leaderboards.json (`leaderboards[].categories`): what the
# configuration checks, a category's own sources, and its pages and
# downloads. The fixture site (tests/fixtures/site) has a text board with
# one category; the default site's categories are built by test_site.sh
# and refreshed end to end by test_default_fetch.sh.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

FIX=$ROOT/tests/fixtures/site
SITE=$TMP/site
mkdir -p "$SITE/data"
cp "$FIX"/data/*.json "$SITE/data/"
# config EDIT_PYTHON: the fixture configuration, edited by a Python
# statement on `d`, written to $SITE/c.json.
config() {
    python3 - "$FIX/leaderboards.json" "$SITE/c.json" "$ROOT" "$1" <<'PY'
import json, sys
src, dst, root, edit = sys.argv[1:5]
d = json.load(open(src))
d["paths"] = {"templates": root + "/templates", "locales": root + "/locales"}
t = d["leaderboards"][0]
exec(edit)
json.dump(d, open(dst, "w"), indent=2)
PY
}

config 't["categories"][0]["id"] = "Coding!"'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "a category id that cannot name a directory: exit 2" 2 "$status"
check_contains "says so" "c.json: leaderboards[0].categories[0].id: expected 1 to 64 of a-z, 0-9, '_' and '-' (it names a directory)" "$err"

config 't["categories"].append({"id": "coding", "data": "data/mini-coding.json"})'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "a category twice: exit 2" 2 "$status"
check_contains "says so" "leaderboards[0].categories: a category id is listed twice" "$err"

config 't["categories"][0]["titel_key"] = "x"'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "an unknown key in a category: exit 2" 2 "$status"
check_contains "names it and the nearest key" "leaderboards[0].categories[0].titel_key: unknown key (did you mean \`title_key\`?)" "$err"

config 'del t["categories"][0]["data"]'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "a category without data: exit 2" 2 "$status"
check_contains "says so" "leaderboards[0].categories[0].data: missing" "$err"

config 't["style_control"] = "yes"'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "style_control that is not a boolean: exit 2" 2 "$status"
check_contains "says so" "leaderboards[0].style_control: expected true or false" "$err"

config 't["link"] = "javascript:alert(1)"'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "a link that is not http(s): exit 2" 2 "$status"
check_contains "says so" "leaderboards[0].link: expected an absolute http(s) URL" "$err"

config 't["categories"][0]["data"] = "data/mini-agent.json"'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out"
check_eq "a category's data of another board fails its board: exit 3" 3 "$status"
check_contains "names the board, the file and both ids" "text: $SITE/data/mini-agent.json: id is \"agent\" but" "$err"
check "the rest of the site is published" test -s "$SITE/out/en/agent/index.html"
check "the board, never built before, is left out" test ! -e "$SITE/out/en/text/index.html"
check "and so are its categories" test ! -e "$SITE/out/en/text/coding/index.html"
check "the index does not link it" sh -c "! grep -q 'href=\"text/' '$SITE/out/en/index.html'"
rm -rf "$SITE/out"

# A category with its own sources (the board has none to derive from):
# `--fetch` refreshes it alone, into its own data and history.
# The sources are files: their time (the data's date) is their mtime.
mkdir -p "$SITE/src"
cp "$ROOT"/tests/fixtures/fetch/arena_catalog_text_style.json \
    "$ROOT"/tests/fixtures/fetch/arena_catalog_text.json "$SITE/src/"
touch -d '2026-01-01 00:00:00 UTC' "$SITE"/src/*
config 't["categories"][0]["sources"] = [{"url": "'"$SITE"'/src/arena_catalog_text_style.json", "adapter": "arena-catalog", "options": {"category": "coding", "plain": "'"$SITE"'/src/arena_catalog_text.json"}}]'
run_lbgen build --config "$SITE/c.json" --out "$SITE/out" --fetch
check_eq "a category's own source refreshes it" "0" "$status"
check_contains "the log names it board/category" "lbgen build: text/coding: refreshed, 12 models (history updated)" "$err"
check_contains "its data is the category of the source" "\"category\":	\"coding\"" "$(cat "$SITE/data/mini-coding.json")"
check "its history is its own" test -s "$SITE/data/history/text/coding/2026-01-01.json"
check "the board's own history is untouched" test ! -e "$SITE/data/history/text/2026-01-01.json"
md=$(cat "$SITE/out/en/text/coding.md")
check_contains "the page shows both ratings" "| Rank | Model | Score | 95% CI | Score without style control |" "$md"
check_contains "the page shows the new data" "claude-opus-4-5-20251101-thinking-32k" "$md"
check_contains "and the style-control note" "the view Arena shows by default" "$md"
check_contains "'updated daily' only where a live source is" "This leaderboard is updated automatically every day by GitHub Actions." "$md"
check_contains "the board itself has none: not updated automatically" \
    "This leaderboard is not updated automatically" "$(cat "$SITE/out/en/text.md")"
check "its download has all its rows" test "$(grep -c '' "$SITE/out/data/text/coding.csv")" -eq 13
