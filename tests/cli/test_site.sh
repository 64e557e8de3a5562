# lbgen build: the whole site, determinism, atomicity, escaping, golden
# Markdown, HTML validation and a real browser.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# --- the default site -------------------------------------------------------
cd "$ROOT" || exit 2
# --strict: every template prints only names its page's view provides.
run_lbgen build --strict --out "$TMP/site"
check_eq "default site builds (strict templates)" 0 "$status"
missing=""
for lang in zh en fr; do
    for board in text webdev vision document search text-to-image image-edit \
        text-to-video image-to-video video-edit agent opensource arena-hard \
        arena-hard-style text/chinese text/coding text/math text/creative_writing \
        text/hard_6 text/expert text/if text/multiturn text/long_user \
        vision/captioning vision/ocr vision/humor; do
        for f in "$lang/$board/index.html" "$lang/$board.md"; do
            [ -s "$TMP/site/$f" ] || missing="$missing $f"
        done
    done
    for f in "$lang/index.html" "$lang/README.md" "$lang/SUMMARY.md" \
             "$lang/text.svg" "$lang/arena-hard.svg"; do
        [ -s "$TMP/site/$f" ] || missing="$missing $f"
    done
done
for f in index.html 404.html assets/style.css assets/sort.js \
         data/text.json data/text.csv data/opensource.csv \
         data/text/coding.json data/text/coding.csv data/vision/ocr.csv; do
    [ -s "$TMP/site/$f" ] || missing="$missing $f"
done
check_eq "every page of every locale is written" "" "$missing"
check_eq "no staging directory is left behind" "" "$(find "$TMP" -maxdepth 1 -name '*.tmp.*')"

rows=$(grep -c '^| [0-9]' "$TMP/site/fr/text.md")
check_eq "the French text board keeps all 30 rows" 30 "$rows"
rows=$(grep -c '^| [0-9]' "$TMP/site/fr/text/coding.md")
check_eq "a category page shows its top 50 (category_top_n)" 50 "$rows"
check_contains "and says so, pointing to the downloads" \
    "Arena text leaderboard · Coding: 278 models, the top 50 shown here; the downloads below hold them all" \
    "$(cat "$TMP/site/en/text/coding.md")"
check_eq "the category's download holds all 278" 279 "$(grep -c '' "$TMP/site/data/text/coding.csv")"
check_contains "French page declares its language" '<html lang="fr"' "$(cat "$TMP/site/fr/text/index.html")"
check_contains "French numbers use a narrow no-break space" "$(printf '23\342\200\257626')" "$(cat "$TMP/site/fr/text.md")"
check "no model name carries an organization prefix" \
    sh -c "! grep -q 'Anthropicclaude\|Metallama\|MoonshotAIkimi' '$TMP/site/zh/text.md'"
check "no badge is glued to a score" sh -c "! grep -q '[0-9]Preliminary\|[0-9]初步' '$TMP/site/zh/text.md'"
check "the data source is a real link to arena.ai" \
    grep -q '\[arena.ai/leaderboard/text\](https://arena.ai/leaderboard/text)' "$TMP/site/zh/text.md"
check "no page names lmarena.ai as the source" \
    sh -c "! grep -rl 'lmarena.ai\|Chatbot Arena (lmarena' '$TMP/site/zh' '$TMP/site/en' '$TMP/site/fr' | grep -v 'arena-hard'"
check "no empty footnote link" sh -c "! grep -q '<sup>1</sup>' '$TMP/site/zh/text.md'"
check "French notice is in French" grep -q 'traduite automatiquement du chinois' "$TMP/site/fr/text.md"
check "French notice is GitBook hint" grep -q '{% hint style="warning" %}' "$TMP/site/fr/text.md"
check "Chinese source has no notice" sh -c "! grep -q 'hint style' '$TMP/site/zh/text.md'"
check "without a base URL there is no sitemap" test ! -e "$TMP/site/sitemap.xml"
check "the catalog fills a board's missing organization and license" \
    grep -q '^[0-9]*,phi-3-mini-128k-instruct,.*,microsoft,mit,' "$TMP/site/data/arena-hard.csv"
check "root page links every language with hreflang" grep -q 'hreflang="fr"' "$TMP/site/index.html"
external=$(grep -rhoE '(src|href)="(https?:)?//[^"]*\.(js|css|woff2?)"' "$TMP/site" || true)
check_eq "no scripts, styles or fonts from other sites" "" "$external"

# --- determinism: other directory, other TZ and LANG --------------------------
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && TZ=Pacific/Kiritimati LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 \
    "$LBGEN" build --strict --config "$ROOT/leaderboards.json" --out "$TMP/site2" -q)
check "a second build is byte-identical" diff -r "$TMP/site" "$TMP/site2"
diff -r "$TMP/site" "$TMP/site2" | head -5 | sed "s/^/# /"

# --- --locale subset -----------------------------------------------------------
run_lbgen build --strict --locale fr --out "$TMP/site-fr" -q
check_eq "--locale fr builds" 0 "$status"
check "--locale fr also builds the source locale" test -s "$TMP/site-fr/zh/text/index.html"
check "--locale fr skips English" test ! -e "$TMP/site-fr/en"
run_lbgen build --locale xx --out "$TMP/site-xx"
check_eq "--locale with an unknown code is a usage error" 1 "$status"

# --- atomicity: a failed build leaves the old site alone -------------------------
REPO="$TMP/repo"
mkdir -p "$REPO"
cp -r leaderboards.json templates locales data "$REPO/"
"$LBGEN" build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" -q
cp -r "$REPO/site" "$TMP/before"
printf '{\n  "id": "text",\n  "kind": "arena",\n  "models": [,]\n}\n' > "$REPO/data/arena-text.json"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_eq "bad data fails its board: exit 3" 3 "$status"
check_contains "bad data names the board and FILE:LINE:COL" "lbgen build: text: $REPO/data/arena-text.json:4:14: error:" "$err"
check_contains "the board keeps its pages" "keeping its previously published pages" "$err"
check "the board's pages, and so the whole site, are as before" diff -r "$TMP/before" "$REPO/site"
check_eq "nothing half-written is left" "" "$(find "$REPO" -name '*.tmp.*')"
cp data/arena-text.json "$REPO/data/arena-text.json"
printf '<h1>{{#board}}{{title}}</h1>\n' > "$REPO/templates/html/index.html"
run_lbgen build --config "$REPO/leaderboards.json" --out "$REPO/site"
check_eq "a broken template fails with exit 2" 2 "$status"
check_contains "a broken template names FILE:LINE:COL" "templates/html/index.html:1:" "$err"
check "the site survives a broken template" diff -r "$TMP/before" "$REPO/site"
cp templates/html/index.html "$REPO/templates/html/index.html"

# --- a key missing from a translation falls back and says so -------------------
python3 - "$REPO/locales/fr.json" <<'PY'
import json, sys
path = sys.argv[1]
d = json.load(open(path, encoding="utf-8"))
del d["strings"]["section.disclaimer"]
json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run_lbgen build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" -q
check_eq "a missing French key still builds" 0 "$status"
check "the page says it is partly untranslated" grep -q "$(python3 -c "import json;print(json.load(open('locales/fr.json'))['strings']['notice.partial']['text'])")" "$REPO/site/fr/text.md"
check "the missing string falls back to Chinese" grep -q '## 免责声明' "$REPO/site/fr/text.md"
# Reviewed, but partly untranslated: the notice says only that.
sed -i 's/"status": "machine"/"status": "reviewed"/' "$REPO/locales/fr.json"
run_lbgen build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" -q
check_eq "a reviewed locale with a missing key builds (strict templates)" "0 " "$status $err"
notice=$(grep -A1 '<aside class="notice"' "$REPO/site/fr/text/index.html" | sed -n 2p)
check_contains "its notice starts with the link to the original" \
    "<p>Lire l$(printf '\342\200\231')original" "$notice"
check_contains "... and ends with it: no machine-translation sentence" \
    '<a href="../../zh/text/index.html">version originale en chinois</a></p>' "$notice"
cp locales/fr.json "$REPO/locales/fr.json"

# --- GitHub-flavoured notice ----------------------------------------------------
sed 's/"markdown_flavor": "gitbook"/"markdown_flavor": "github"/' leaderboards.json > "$REPO/leaderboards.json"
run_lbgen build --strict --config "$REPO/leaderboards.json" --out "$REPO/site" -q
check "GitHub flavour uses an alert block" grep -q '^> \[!WARNING\]' "$REPO/site/en/text.md"

# --- golden Markdown of a small hostile board in all three locales ------------------
FIX="$ROOT/tests/fixtures/site"
run_lbgen build --strict --config "$FIX/leaderboards.json" --out "$TMP/mini" -q
check_eq "the fixture site builds" 0 "$status"
# golden PAGE NAME: the page (a path under the fixture site) equals
# tests/golden/NAME (UPDATE_GOLDEN=1 rewrites it).
golden() {
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$TMP/mini/$1" "$ROOT/tests/golden/$2"; fi
    check "$1 matches tests/golden/$2" diff -u "$ROOT/tests/golden/$2" "$TMP/mini/$1"
}
for lang in zh en fr; do
    golden "$lang/text.md" "$lang-text.md"
done
# A category page (switcher, both ratings, prices, context sizes) and the
# agent board (metrics with their intervals, sessions), in two locales.
golden zh/text/coding.md zh-text-coding.md
golden en/text/coding.md en-text-coding.md
golden zh/agent.md zh-agent.md
golden fr/agent.md fr-agent.md
check "a category page's HTML has the switcher, its category current" \
    grep -q '<li><span aria-current="page">Coding</span></li>' "$TMP/mini/en/text/coding/index.html"
check "and the board page's HTML has it too, the board current" \
    grep -q '<li><span aria-current="page">Overall</span></li>' "$TMP/mini/en/text/index.html"
check "the category page links its board's page" \
    grep -q '<a href="../index.html">Overall</a>' "$TMP/mini/en/text/coding/index.html"
check "the category's data is downloadable" test -s "$TMP/mini/data/text/coding.csv"
check "French percentages and prices follow French typography" \
    grep -q "12,47$(printf '\342\200\257')% ±1,54$(printf '\342\200\257')%" "$TMP/mini/fr/agent.md"
check "HTML escapes a hostile model name" grep -q 'a|b\*c\* &lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/mini/en/text/index.html"
check "no raw script tag from data reaches HTML" sh -c "! grep -q '<script>alert' '$TMP/mini/en/text/index.html'"

# --- HTML validation with a real validator ----------------------------------------
# `make check` (LBGEN_NO_NODE=1) leaves the node and chromium checks, which
# do not run lbgen, to `make test`.
NODE_DIR="$ROOT/tests/node"
if [ "${LBGEN_NO_NODE:-}" = 1 ]; then
    :
elif [ -x "$NODE_DIR/node_modules/.bin/html-validate" ]; then
    if out=$("$NODE_DIR/node_modules/.bin/html-validate" --config "$NODE_DIR/htmlvalidate.json" \
            "$TMP/site" "$TMP/mini" 2>&1); then
        ok "every generated page is valid HTML (html-validate)"
    else
        not_ok "every generated page is valid HTML (html-validate)"
        echo "$out" | head -40 | sed 's/^/#   /'
    fi
else
    not_ok "html-validate is installed (make deps-test)"
fi

# --- a real browser -------------------------------------------------------------------
mkdir -p "$ROOT/build/test-artifacts"
if [ "${LBGEN_NO_NODE:-}" = 1 ]; then
    :
elif command -v chromium >/dev/null 2>&1 && [ -d "$NODE_DIR/node_modules/playwright-core" ]; then
    # The readers' fixture has history and prices: model charts, value chart.
    "$LBGEN" build --config "$ROOT/tests/fixtures/readers/leaderboards.json" \
        --out "$TMP/readers" -q
    timeout 300 node "$NODE_DIR/browser-test.mjs" "$TMP/site" "$ROOT/locales" \
        "$ROOT/build/test-artifacts/fr-text.png" "$TMP/readers"
else
    not_ok "chromium and playwright-core are installed (make deps-test)"
fi
