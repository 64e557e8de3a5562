# The pages for readers across boards: model pages, the overview, the Atom
# feeds, and what the board pages add (search, filters, sort values, links
# to model pages). Built from tests/fixtures/readers (three boards, dated
# snapshots, prices, a non-ASCII and a hostile model name, one model named
# two ways); golden files in tests/golden/readers/.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

FIX=$ROOT/tests/fixtures/readers
GOLDEN=$ROOT/tests/golden/readers
run_lbgen build --strict --config "$FIX/leaderboards.json" --out "$TMP/site" -q
check_eq "the readers' fixture site builds (strict templates)" "0 " "$status $err"
S=$TMP/site

# fixture_config DEST [SED]: the fixture's configuration, usable from
# anywhere (absolute paths), changed by SED, as DEST.
fixture_config() {
    sed "s|\"\.\./\.\./\.\./|\"$ROOT/|g; s|\"data/|\"$FIX/data/|g;
         s|\"paths\": {|\"paths\": {\"history\": \"$FIX/data/history\", |${2:+; $2}" \
        "$FIX/leaderboards.json" >"$1"
}

# --- every page kind is there ---------------------------------------------------
missing=""
for lang in zh en fr; do
    for f in overview/index.html overview.md overview.svg feed.xml \
             model/alpha-pro/index.html model/gpt-4o/index.html \
             model/theta-chat/index.html model/kappa-new/index.html; do
        [ -s "$S/$lang/$f" ] || missing="$missing $lang/$f"
    done
done
check_eq "overview, feed and model pages in every language" "" "$missing"
check_eq "one page per model, whatever its spellings (13 models)" 13 "$(find "$S/en/model" -mindepth 1 -maxdepth 1 | wc -l)"
check "a model no board lists any more has no page" test ! -e "$S/en/model/lambda-gone"
check "a non-ASCII name gets a hashed slug" test -s "$S/en/model/4.0-dddb7688/index.html"
check "a name with markup gets a hashed slug" test -s "$S/en/model/b-co-ecc0a5fb/index.html"

# --- golden pages: a model page and the feed in two languages --------------------
for f in en/model/alpha-pro/index.html fr/model/alpha-pro/index.html en/feed.xml fr/feed.xml; do
    golden="$GOLDEN/$(echo "$f" | tr '/' '-')"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$S/$f" "$golden"; fi
    check "$f matches $(basename "$golden")" diff -u "$golden" "$S/$f"
done

# --- model pages ----------------------------------------------------------------------
page=$(cat "$S/en/model/gpt-4o/index.html")
check_contains "a model page is named by its display name" "<h1>GPT-4o</h1>" "$page"
check_contains "... and shows the source's id" "<code>gpt-4o</code>" "$page"
check_contains "it lists the board that spells it 'GPT 4o'" \
    '<a href="../../hard/index.html">Arena-Hard-Auto leaderboard</a>' "$page"
check_contains "its price, input and output" "<dd>\$2.50 / \$10.00</dd>" "$page"
check_contains "its context window" "<dd>128K</dd>" "$page"
check_contains "a rank spread is spoken as ranks" '<span class="sr">ranks 5 to 8</span>' "$page"
check_eq "one history chart per board with two dated points or more" 2 \
    "$(grep -c '<svg class="history"' "$S/en/model/alpha-pro/index.html")"
check_contains "a model seen once has no chart, and says why" \
    "There are not yet enough snapshots to draw its history." \
    "$(cat "$S/en/model/kappa-new/index.html")"
check_contains "French numbers and dates in the chart's tooltips" \
    "$(printf '<title>01/11/2025\302\240: score 1\342\200\257470, rang 2</title>')" \
    "$(cat "$S/fr/model/alpha-pro/index.html")"
check "hostile names are escaped on their page" grep -qF \
    '<h1>zeta &lt;b&gt;bold&lt;/b&gt; &amp; co</h1>' "$S/en/model/b-co-ecc0a5fb/index.html"

# --- board pages link their models; search and filters -----------------------------------
board=$(cat "$S/en/text/index.html")
check_contains "board rows link their model pages" \
    '<a href="../model/alpha-pro/index.html">alpha-pro</a>' "$board"
check_contains "rows carry what the search matches (model, organization, license)" \
    'data-q="alpha-pro
OrgA
Proprietary"' "$board"
check_contains "rows with an open license are marked for the filter" \
    '<tr data-q="gamma-open
OrgC
Apache 2.0" data-open="">' "$board"
check_contains "preliminary rows are marked for the filter" 'data-open="" data-prelim="">' "$board"
check_contains "the search and filters are hidden without JavaScript" \
    '<div class="controls" id="board-controls" hidden>' "$board"
check_contains "every page links its language's feed" \
    '<link rel="alternate" type="application/atom+xml" title="LLM Leaderboards: leaderboard changes" href="../feed.xml">' "$board"
check_contains "sizes sort by their value" '<td class="num" data-sort="56000000000">8x7B</td>' \
    "$(cat "$S/en/bench/index.html")"
check_contains "a size column sorts as numbers" \
    'data-type="num" data-first="desc" aria-describedby="note-3"><span class="label"' \
    "$(cat "$S/en/bench/index.html")"
check_contains "column headers are described by their notes" '<dd id="note-4">' "$board"
check_contains "the Markdown table links the published model page" \
    '[alpha-pro](https://example.org/boards/en/model/alpha-pro/index.html)' "$(cat "$S/en/text.md")"

# --- the overview --------------------------------------------------------------------------
ov=$(cat "$S/en/overview/index.html")
check_contains "the leaders of each board" '<li value="1"><a href="../model/gamma-open/index.html">gamma-open</a> <span class="score">75.8</span></li>' "$ov"
check_contains "the rank matrix: a model's rank on each board" \
    '<th scope="row" class="model"><a href="../model/theta-chat/index.html">theta-chat</a></th>' "$ov"
check_contains "the value chart is on the page" '<svg class="value" viewBox="0 0 720.0 440.0"' "$ov"
md=$(cat "$S/en/overview.md")
check_contains "the Markdown overview embeds the value chart" "![Arena text leaderboard: score and price](overview.svg)" "$md"
# shellcheck disable=SC2016 # a Markdown-escaped dollar, literally
check_contains "the cheapest models close to the leader, in Markdown" \
    '- [gamma-open](https://example.org/boards/en/model/gamma-open/index.html): 1,480 (20), \$0.75' "$md"
check_contains "a matrix row in Markdown" "| [theta-chat](https://example.org/boards/en/model/theta-chat/index.html) | 10 | 4 |  |" "$md"
check "the value chart is a standalone SVG" grep -q '^<svg xmlns="http://www.w3.org/2000/svg" class="value"' "$S/en/overview.svg"
check_contains "SUMMARY.md lists the overview" "* [Overview](overview.md)" "$(cat "$S/en/SUMMARY.md")"
check_contains "the sitemap lists model pages" "<loc>https://example.org/boards/fr/model/alpha-pro/index.html</loc>" \
    "$(cat "$S/sitemap.xml")"

# --- the feeds: XML, the Atom namespace, what Atom requires ------------------------------------
for lang in zh en fr; do
    if out=$(xmllint --noout "$S/$lang/feed.xml" 2>&1); then
        ok "$lang/feed.xml is well-formed XML (xmllint)"
    else
        not_ok "$lang/feed.xml is well-formed XML (xmllint)"
        echo "$out" | head -5 | sed 's/^/#   /'
    fi
    if out=$(python3 "$ROOT/tests/tools/check-atom.py" "$S/$lang/feed.xml" 2>&1); then
        ok "$lang/feed.xml is an Atom feed ($out)"
    else
        not_ok "$lang/feed.xml is an Atom feed"
        echo "$out" | head -5 | sed 's/^/#   /'
    fi
done
feed=$(cat "$S/en/feed.xml")
check_contains "a new leader, in the page's words" \
    "<title>Arena text leaderboard: alpha-pro is the new leader, ahead of beta-max</title>" "$feed"
check_contains "entry ids are tag URIs of the base URL, date, board, event and model" \
    "<id>tag:example.org,2025-12-20:/boards/en/text/leader/alpha-pro</id>" "$feed"
check_contains "a model no longer listed links its board" \
    '<link rel="alternate" type="text/html" href="https://example.org/boards/en/text/index.html"/>' "$feed"
check_contains "the feed is in its language" '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' \
    "$(cat "$S/fr/feed.xml")"

# Without a base URL: no absolute URL in the feed, ids from the reserved
# name lbgen.invalid; links relative to the feed.
fixture_config "$TMP/nobase.json" 's|"base_url": "https://example.org/boards/",||'
check "the fixture configuration without its base URL" sh -c "! grep -q '\"base_url\"' '$TMP/nobase.json'"
run_lbgen build --strict --config "$TMP/nobase.json" --out "$TMP/nobase" -q
check_eq "the fixture builds without a base URL" "0 " "$status $err"
nb=$(cat "$TMP/nobase/en/feed.xml")
check_contains "without a base URL, ids use lbgen.invalid" \
    "<id>tag:lbgen.invalid,2025-12-20:/en/text/leader/alpha-pro</id>" "$nb"
check_contains "... and links are relative to the feed" \
    '<link rel="alternate" type="text/html" href="model/alpha-pro/index.html"/>' "$nb"
check_eq "... and no absolute URL but the Atom namespace" "http://www.w3.org/2005/Atom" \
    "$(grep -o 'https\?://[^"<]*' "$TMP/nobase/en/feed.xml")"
check "... and it is still an Atom feed" python3 "$ROOT/tests/tools/check-atom.py" "$TMP/nobase/en/feed.xml"

# --- the docs tree (--docs-out): the overview beside the boards, model links to the site ----
fixture_config "$TMP/docs.json" \
    's|"default_locale"|"docs": {"path": "book/{locale}/lb/{board}.md"}, "default_locale"|'
run_lbgen build --strict --config "$TMP/docs.json" --docs-out "$TMP/docs"
check_eq "the fixture's docs tree builds" \
    "0 lbgen build: docs: 27 files in $TMP/docs (27 written, 0 removed)" "$status $err"
expected=""
for lang in en fr zh; do
    for f in README.md SUMMARY.md bench.md hard.md hard.svg overview.md overview.svg text.md text.svg; do
        expected="$expected book/$lang/lb/$f"
    done
done
check_eq "the overview and its value chart are named as a board would be, and no model page is in the tree" \
    "$expected" "$(cd "$TMP/docs" && find . -type f ! -name .lbgen-manifest | sed 's|^\./| |' | LC_ALL=C sort | tr -d '\n')"
D=$TMP/docs/book
dov=$(cat "$D/fr/lb/overview.md")
check_contains "the docs overview links the same page in the other languages" \
    "Changer de langue : [简体中文](../../zh/lb/overview.md) · [English](../../en/lb/overview.md) · **Français**" "$dov"
check_contains "... its boards beside it" "### [Classement texte de l’Arena](text.md)" "$dov"
check_contains "... its value chart beside it" "](overview.svg)" "$dov"
check_contains "... and each model's page on the published site" \
    "| 1 | [alpha-pro](https://example.org/boards/fr/model/alpha-pro/index.html) | 1 500 |" "$dov"
check_contains "a docs board page links its models' published pages too" \
    "[theta-chat](https://example.org/boards/en/model/theta-chat/index.html)" "$(cat "$D/en/lb/text.md")"
check_contains "the docs index links the overview" "[Overview](overview.md)" "$(cat "$D/en/lb/README.md")"
check_contains "the docs SUMMARY lists the overview" "* [Overview](overview.md)" "$(cat "$D/en/lb/SUMMARY.md")"
check "the docs value chart is a standalone SVG" grep -q '<svg xmlns="http://www.w3.org/2000/svg" class="value"' "$D/en/lb/overview.svg"
broken=$(cd "$TMP/docs" && grep -o '](\([^):]*\))' -r --include='*.md' . | while IFS= read -r hit; do
    file=${hit%%:*}; target=${hit#*](}; target=${target%)}
    [ -f "$(dirname "$file")/$target" ] || printf ' %s' "$file -> $target"
done)
check_eq "every relative link of the docs tree resolves" "" "$broken"
# Without a base URL the docs tree has nowhere to send a model name.
fixture_config "$TMP/docs-nobase.json" \
    's|"default_locale"|"docs": {"path": "book/{locale}/lb/{board}.md"}, "default_locale"|; s|"base_url": "https://example.org/boards/",||'
run_lbgen build --strict --config "$TMP/docs-nobase.json" --docs-out "$TMP/docs-nobase" -q
check_eq "the docs tree builds without a base URL" "0 " "$status $err"
check_contains "... and names models without a link" "| 1 | alpha-pro | 1,500 |" \
    "$(cat "$TMP/docs-nobase/book/en/lb/overview.md")"
check_eq "... nor any link to a model page" "" "$(grep -rl 'model/' "$TMP/docs-nobase")"

# --- a board that fails to render: the pages across boards follow what is published ------
# The model index points into every board's data; a board that fails while
# its pages are rendered gets its published data back (board_failed), so
# the index is made again before the model pages, overview and feed.
cp -R "$S" "$TMP/iso"
fixture_config "$TMP/iso.json" 's|"intro_key": "board.arena_hard.intro"|"intro_key": "board.nope.intro"|'
run_lbgen build --strict --config "$TMP/iso.json" --out "$TMP/iso" -q
check_eq "a board that fails to render fails alone (exit 3)" 3 "$status"
check_contains "... named with its reason" \
    "lbgen build: hard: $ROOT/locales/zh.json: missing string \"board.nope.intro\"; keeping its previously published pages" "$err"
check "... its pages are the previous ones" diff -r "$S/en/hard" "$TMP/iso/en/hard"
check_contains "... the overview still ranks its models" \
    "| [base-model](https://example.org/boards/en/model/base-model/index.html) |  |  | 4 |" \
    "$(cat "$TMP/iso/en/overview.md")"
check_eq "... every model keeps its page" "$(ls "$S/en/model")" "$(ls "$TMP/iso/en/model")"
check_contains "... which still lists the board (its history is not read: no chart)" \
    '<a href="../../hard/index.html">' "$(cat "$TMP/iso/en/model/alpha-pro/index.html")"

# --- a page for each model of a board's first 500 rows only ---------------------------------
mkdir -p "$TMP/big"
python3 - "$FIX/data/bench.json" "$TMP/big/bench.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["models"] = [{"model": "big-%03d" % i, "organization": "Org", "rank": i + 1,
                "scores": {"total": 90 - i / 10, "reasoning_math": 50, "law": 50},
                "extra": {"size": "7B"}} for i in range(502)]
json.dump(d, open(sys.argv[2], "w"))
PY
fixture_config "$TMP/big.json" "s|$FIX/data/bench.json|$TMP/big/bench.json|"
run_lbgen build --config "$TMP/big.json" --out "$TMP/bigsite" -q
check_eq "a board of 502 rows builds" "0 " "$status $err"
check "row 500 has a page" test -s "$TMP/bigsite/en/model/big-499/index.html"
check "row 501 has none" test ! -e "$TMP/bigsite/en/model/big-500"
check_contains "... and its row links none" '<th scope="row" class="model">big-500</th>' \
    "$(cat "$TMP/bigsite/en/bench/index.html")"
check "... nor does the sitemap list it" sh -c "! grep -q 'model/big-500/' '$TMP/bigsite/sitemap.xml'"

# --- the same data gives the same bytes ---------------------------------------------------
run_lbgen build --strict --config "$FIX/leaderboards.json" --out "$TMP/again" -q
check "a second build of the fixture is byte-identical" diff -r "$S" "$TMP/again"

# --- "model" and "overview" are not board ids -----------------------------------------------
fixture_config "$TMP/reserved.json" 's|"id": "bench"|"id": "overview"|'
run_lbgen build --config "$TMP/reserved.json" --out "$TMP/reserved"
check_eq "a board named overview is refused" 2 "$status"
check_contains "... saying why" \
    "$TMP/reserved.json: leaderboards[1].id: \"model\" and \"overview\" name other pages (route.h)" "$err"
check "... and nothing is written" test ! -e "$TMP/reserved"

# --- every new page is valid HTML ---------------------------------------------------------------
NODE_DIR=$ROOT/tests/node
if [ "${LBGEN_NO_NODE:-}" = 1 ]; then
    :
elif [ -x "$NODE_DIR/node_modules/.bin/html-validate" ]; then
    if out=$("$NODE_DIR/node_modules/.bin/html-validate" --config "$NODE_DIR/htmlvalidate.json" \
            "$S" "$TMP/nobase" 2>&1); then
        ok "every page of the readers' site is valid HTML (html-validate)"
    else
        not_ok "every page of the readers' site is valid HTML (html-validate)"
        echo "$out" | head -40 | sed 's/^/#   /'
    fi
else
    not_ok "html-validate is installed (make deps-test)"
fi
