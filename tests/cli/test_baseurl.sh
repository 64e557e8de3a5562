# The address the site is published at: --base-url > LBGEN_BASE_URL >
# site.base_url, validated and normalised; without any, no output carries
# an absolute URL of the site (no canonical, og:url, hreflang, sitemap,
# placeholder domain); with one, exactly those. The 404 page at any depth,
# online and from disk (tests/node/notfound-test.mjs).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cd "$ROOT" || exit 2
check "leaderboards.json names no placeholder address" \
    sh -c "! grep -q 'base_url\|example\.' '$ROOT/leaderboards.json'"

# --- none ------------------------------------------------------------------
env -u LBGEN_BASE_URL "$LBGEN" build --strict --out "$TMP/none" -q
check_eq "without a base URL the site builds" 0 "$?"
check "... with no sitemap" test ! -e "$TMP/none/sitemap.xml"
absolute=$(grep -rhoE '(rel="canonical"|property="og:url"|hreflang="[^"]*" href="https?:)[^>]*' "$TMP/none" || true)
check_eq "... no canonical, og:url or hreflang alternate anywhere" "" "$absolute"
check_eq "... no placeholder domain anywhere" "" \
    "$(grep -rlE 'example\.(github\.io|org|com)' "$TMP/none" || true)"
check_eq "... the 404 page's links are relative (its script fixes them)" "" \
    "$(grep -o 'href="https\?://[^"]*"' "$TMP/none/404.html" || true)"
check "... and it carries no base for its script" sh -c "! grep -q 'data-base=' '$TMP/none/404.html'"

# --- the flag ------------------------------------------------------------------
run_lbgen build --strict --out "$TMP/flag" --base-url https://owner.github.io/repo
check_eq "--base-url builds" 0 "$status"
page=$(cat "$TMP/flag/fr/text/index.html")
check_contains "the address is made to end in /: canonical" \
    '<link rel="canonical" href="https://owner.github.io/repo/fr/text/index.html">' "$page"
check_contains "og:url" '<meta property="og:url" content="https://owner.github.io/repo/fr/text/index.html">' "$page"
check_contains "hreflang alternates, absolute" \
    '<link rel="alternate" hreflang="zh-Hant-TW" href="https://owner.github.io/repo/zh-TW/text/index.html">' "$page"
check_contains "x-default is the language chooser" \
    '<link rel="alternate" hreflang="x-default" href="https://owner.github.io/repo/index.html">' "$page"
check_eq "one alternate per language and x-default" 10 "$(grep -c 'rel="alternate" hreflang' "$TMP/flag/fr/text/index.html")"
check_contains "the sitemap lists every page" \
    "<loc>https://owner.github.io/repo/pt/arena-hard/index.html</loc>" "$(cat "$TMP/flag/sitemap.xml")"
models=$(find "$TMP/flag/fr/model" -mindepth 1 -maxdepth 1 | wc -l)
check_eq "... 1 + 9 x (index + 14 boards + 19 categories + the overview + $models model pages) of them" \
    $((1 + 9 * (35 + models))) "$(grep -c '<loc>' "$TMP/flag/sitemap.xml")"
check_contains "the 404 page links absolutely" \
    'href="https://owner.github.io/repo/fr/index.html"' "$(cat "$TMP/flag/404.html")"
check_contains "... and tells its script the address" \
    '<script data-base="https://owner.github.io/repo/">' "$(cat "$TMP/flag/404.html")"
check "links between pages stay relative" \
    grep -q '<a href="../../zh/text/index.html" hreflang="zh-Hans"' "$TMP/flag/fr/text/index.html"

# --- precedence: --base-url > LBGEN_BASE_URL > site.base_url ------------------------
mkdir -p "$TMP/cfg"
cp -R data "$TMP/cfg/"
sed 's|"default_locale"|"base_url": "https://config.example.net/",\n    "default_locale"|' \
    leaderboards.json >"$TMP/cfg/leaderboards.json"
sed -i "s|\"site\": {|\"paths\": {\"templates\": \"$ROOT/templates\", \"locales\": \"$ROOT/locales\"},\n  \"site\": {|" \
    "$TMP/cfg/leaderboards.json"
canonical() { sed -n 's/.*<link rel="canonical" href="\([^"]*\)index.html">.*/\1/p' "$1/index.html"; }
env -u LBGEN_BASE_URL "$LBGEN" build --config "$TMP/cfg/leaderboards.json" --out "$TMP/p1" -q
check_eq "site.base_url alone" "https://config.example.net/" "$(canonical "$TMP/p1")"
LBGEN_BASE_URL=https://env.example.net/x "$LBGEN" build --config "$TMP/cfg/leaderboards.json" --out "$TMP/p2" -q
check_eq "LBGEN_BASE_URL over site.base_url" "https://env.example.net/x/" "$(canonical "$TMP/p2")"
LBGEN_BASE_URL=https://env.example.net/x "$LBGEN" build --config "$TMP/cfg/leaderboards.json" \
    --out "$TMP/p3" -q --base-url http://flag.example.net/y/
check_eq "--base-url over both" "http://flag.example.net/y/" "$(canonical "$TMP/p3")"
LBGEN_BASE_URL='' "$LBGEN" build --config "$TMP/cfg/leaderboards.json" --out "$TMP/p4" -q
check_eq "an empty LBGEN_BASE_URL counts as unset" "https://config.example.net/" "$(canonical "$TMP/p4")"

# --- refusals ----------------------------------------------------------------------------
run_lbgen build --out "$TMP/bad1" --base-url example.org/boards
check_eq "a relative --base-url is a usage error" 1 "$status"
check_contains "... named" "lbgen build: --base-url: \"example.org/boards\": expected an absolute http(s) URL with a host" "$err"
check "... and nothing is written" test ! -e "$TMP/bad1"
LBGEN_BASE_URL='https://o.github.io/r/?x=1' "$LBGEN" build --out "$TMP/bad2" 2>"$TMP/err2"
check_eq "a base URL with a query is refused" 1 "$?"
check_contains "... naming LBGEN_BASE_URL" \
    "LBGEN_BASE_URL: \"https://o.github.io/r/?x=1\": a base URL has no query or fragment ('?' or '#')" "$(cat "$TMP/err2")"
run_lbgen build --out "$TMP/bad3" --base-url ''
check_eq "an empty --base-url is a usage error" 1 "$status"
sed -i 's|https://config.example.net/|javascript:alert(1)//|' "$TMP/cfg/leaderboards.json"
run_lbgen build --config "$TMP/cfg/leaderboards.json" --out "$TMP/bad4"
check_eq "a bad site.base_url is bad input" 2 "$status"
check_contains "... named" "leaderboards.json: site.base_url: expected an absolute http(s) URL" "$err"

# --- valid HTML with the absolute links, and the 404 page in a browser ------------------------
NODE_DIR="$ROOT/tests/node"
if [ "${LBGEN_NO_NODE:-}" = 1 ]; then
    :
elif [ -x "$NODE_DIR/node_modules/.bin/html-validate" ]; then
    if out=$("$NODE_DIR/node_modules/.bin/html-validate" --config "$NODE_DIR/htmlvalidate.json" \
            "$TMP/flag" 2>&1); then
        ok "pages with a base URL are valid HTML (html-validate)"
    else
        not_ok "pages with a base URL are valid HTML (html-validate)"
        echo "$out" | head -20 | sed 's/^/#   /'
    fi
    if command -v chromium >/dev/null 2>&1; then
        timeout 180 node "$NODE_DIR/notfound-test.mjs" "$LBGEN" "$ROOT/leaderboards.json" "$TMP/nf"
    else
        not_ok "chromium is installed (make deps-test)"
    fi
else
    not_ok "html-validate and playwright-core are installed (make deps-test)"
fi
