# lbgen build --docs-out: the docs tree for a GitBook or GitHub docs
# repository. Paths from site.docs (the default layout and the one of the
# repository lbgen replaces), every relative link and image resolving to a
# written file, SUMMARY, language links, idempotence, files lbgen does not
# own left alone, removed boards cleaned up, and every refusal.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

WORK="$TMP/work"
mkdir -p "$WORK"
cp -R "$ROOT/data" "$WORK/"
# config [JSON for site.docs] [LOCALES]: leaderboards.json in $WORK from the
# repository's, with site.docs (and the locales) replaced.
config() {
    python3 - "$ROOT/leaderboards.json" "$WORK/leaderboards.json" "${1:-}" "${2:-}" <<'PY'
import json, sys
src, dst, docs, locales = sys.argv[1:5]
c = json.load(open(src, encoding="utf-8"))
c["paths"] = {"templates": sys.argv[1].rsplit("/", 1)[0] + "/templates",
              "locales": sys.argv[1].rsplit("/", 1)[0] + "/locales"}
c["site"].pop("docs", None)
if docs:
    c["site"]["docs"] = json.loads(docs)
if locales:
    c["locales"] = locales.split(",")
json.dump(c, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
}
# links DIR: every relative link and image target of every .md file under
# DIR, resolved; prints the broken ones and the counts.
links() {
    python3 - "$1" <<'PY'
import os, re, sys
root = sys.argv[1]
broken, links, images = [], 0, 0
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".md"):
            continue
        text = open(os.path.join(d, f), encoding="utf-8").read()
        for bang, target in re.findall(r"(!?)\[[^\]]*\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            links += 1
            images += bang == "!"
            path = os.path.normpath(os.path.join(d, target))
            if not path.startswith(root) or not os.path.isfile(path):
                broken.append(os.path.relpath(os.path.join(d, f), root) + " -> " + target)
print("broken:", " ".join(broken) or "none")
print("links:", links, "images:", images)
PY
}
LOCALES="zh zh-TW en es fr pt ru el ja"
BOARDS="text opensource arena-hard arena-hard-style"

# --- the default layout: {locale}/{board}.md --------------------------------
config
cd "$WORK" || exit 2
run_lbgen build --strict --docs-out "$TMP/docs"
check_eq "--docs-out builds" 0 "$status"
check_eq "it reports what it wrote" \
    "lbgen build: docs: 612 files in $TMP/docs (612 written, 0 removed)" "$err"
check "--docs-out alone writes no site" test ! -e "$WORK/site"
missing=""
for l in $LOCALES; do
    for f in "$l/README.md" "$l/SUMMARY.md" "$l/text.svg" "$l/arena-hard.svg" \
             "$l/overview.md"; do
        [ -s "$TMP/docs/$f" ] || missing="$missing $f"
    done
    for b in $BOARDS; do
        [ -s "$TMP/docs/$l/$b.md" ] || missing="$missing $l/$b.md"
    done
done
check_eq "every locale's pages, index, SUMMARY and charts" "" "$missing"
expected=$( (cd "$TMP/docs" && find . -type f ! -name .lbgen-manifest | sed 's|^\./||' | LC_ALL=C sort))
check_eq "the manifest lists exactly the files written" "$expected" \
    "$(grep -v '^#' "$TMP/docs/.lbgen-manifest")"
check_eq "no benchmark chart (those boards shade their cells)" "" \
    "$(find "$TMP/docs" -name 'opensource.svg')"
result=$(links "$TMP/docs")
check_contains "every relative link and image resolves to a written file" "broken: none" "$result"
check_contains "... of which there are many" "links: 5635 images: 288" "$result"
check "no downloads without a base URL" sh -c "! grep -rq 'data/text' '$TMP/docs'"
check "no model page is in the docs tree, and without a base URL none is linked" \
    sh -c "! grep -rq 'model/' '$TMP/docs' && ! find '$TMP/docs' -name '*.html' | grep -q ."
check_eq "SUMMARY lists the index, the overview and every board in order, categories under their board" \
    "* [LLM Leaderboards](README.md)
* [Overview](overview.md)
* [Arena text leaderboard](text.md)
  * [Chinese](text/chinese.md)
  * [English](text/english.md)
  * [Coding](text/coding.md)
  * [Math](text/math.md)
  * [Creative writing](text/creative_writing.md)
  * [Hard prompts](text/hard_6.md)
  * [Expert](text/expert.md)
  * [Instruction following](text/if.md)
  * [Multi-turn](text/multiturn.md)
  * [Longer query](text/long_user.md)
* [Arena WebDev leaderboard](webdev.md)
* [Arena vision leaderboard](vision.md)
  * [Chinese](vision/chinese.md)
  * [English](vision/english.md)
  * [Captioning](vision/captioning.md)
  * [Creative writing](vision/creative_writing_vision.md)
  * [Diagrams](vision/diagram.md)
  * [Entity recognition](vision/entity_recognition.md)
  * [Homework](vision/homework.md)
  * [Humor](vision/humor.md)
  * [Text recognition (OCR)](vision/ocr.md)
* [Arena document leaderboard](document.md)
* [Arena search leaderboard](search.md)
* [Arena text-to-image leaderboard](text-to-image.md)
* [Arena image edit leaderboard](image-edit.md)
* [Arena text-to-video leaderboard](text-to-video.md)
* [Arena image-to-video leaderboard](image-to-video.md)
* [Arena video edit leaderboard](video-edit.md)
* [Arena agent leaderboard](agent.md)
* [Open-source LLM leaderboard](opensource.md)
* [Arena-Hard-Auto leaderboard](arena-hard.md)
* [Arena-Hard-Auto leaderboard (style control)](arena-hard-style.md)" \
    "$(grep '^ *\*' "$TMP/docs/en/SUMMARY.md")"
check_eq "each page links the same page in the eight other languages" \
    "Change language: [简体中文](../zh/text.md) · [繁體中文](../zh-TW/text.md) · **English** · [Español](../es/text.md) · [Français](../fr/text.md) · [Português](../pt/text.md) · [Русский](../ru/text.md) · [Ελληνικά](../el/text.md) · [日本語](../ja/text.md)" \
    "$(sed -n 3p "$TMP/docs/en/text.md")"
check "the chart has its own background" grep -q '<rect class="bg"' "$TMP/docs/en/text.svg"
check "the chart follows a dark colour scheme" grep -q 'prefers-color-scheme:dark' "$TMP/docs/en/text.svg"

# --- a second run changes nothing ---------------------------------------------
find "$TMP/docs" -type f -exec stat -c '%n %Y %s' {} + | sort >"$TMP/before"
sleep 1
run_lbgen build --strict --docs-out "$TMP/docs"
check_eq "a second run writes nothing" \
    "lbgen build: docs: 612 files in $TMP/docs (0 written, 0 removed)" "$err"
find "$TMP/docs" -type f -exec stat -c '%n %Y %s' {} + | sort >"$TMP/after"
check "... and touches no file" cmp -s "$TMP/before" "$TMP/after"

# --- with the base URL, downloads link the published site ------------------------
run_lbgen build --docs-out "$TMP/docs-url" --base-url https://o.github.io/r -q
check "downloads link the site's data files" \
    grep -q '\[JSON\](https://o.github.io/r/data/text.json)' "$TMP/docs-url/en/text.md"
check_contains "model names link their pages on the published site" \
    "| 1 | [claude-fable-5](https://o.github.io/r/en/model/claude-fable-5/index.html) | 1,507 |" \
    "$(cat "$TMP/docs-url/en/overview.md")"

# --- --out and --docs-out together ---------------------------------------------------
run_lbgen build --out "$TMP/both-site" --docs-out "$TMP/both-docs" -q
check "both trees are written" test -s "$TMP/both-site/en/text/index.html" -a -s "$TMP/both-docs/en/text.md"

# --- the layout of the repository lbgen replaces -----------------------------------------
CHERRY='{"path": "i18n/{locale}/other/model_rank/{board}.md",
         "paths": {"zh": "other/model_rank/{board}.md"}}'
config "$CHERRY"
REPO="$TMP/repo"
mkdir -p "$REPO/other" "$REPO/i18n/fr/other" "$REPO/.gitbook"
echo "# Docs" >"$REPO/README.md"
echo "* [Home](README.md)" >"$REPO/SUMMARY.md"
echo "mine" >"$REPO/other/mine.md"
echo "notes" >"$REPO/i18n/fr/other/notes.md"
echo "structure" >"$REPO/.gitbook/config.yaml"
(cd "$REPO" && find . -type f -exec sha256sum {} + | sort) >"$TMP/theirs"
run_lbgen build --strict --docs-out "$REPO"
check_eq "the docs repository layout builds" 0 "$status"
for f in other/model_rank/text.md other/model_rank/text.svg other/model_rank/README.md \
         other/model_rank/SUMMARY.md i18n/fr/other/model_rank/text.md \
         i18n/zh-TW/other/model_rank/arena-hard.svg i18n/ja/other/model_rank/README.md \
         other/model_rank/overview.md i18n/fr/other/model_rank/overview.md; do
    check "written: $f" test -s "$REPO/$f"
done
check "no Chinese page under i18n/" test ! -e "$REPO/i18n/zh"
check "the repository's own files are untouched" \
    sh -c "cd '$REPO' && sha256sum -c --quiet '$TMP/theirs'"
check_contains "links across the tree" "broken: none" "$(links "$REPO")"
check_contains "French links the Chinese page at its own place" \
    "[简体中文](../../../../other/model_rank/text.md)" "$(cat "$REPO/i18n/fr/other/model_rank/text.md")"
check_contains "the translation notice links the Chinese page" \
    "[version originale en chinois](../../../../other/model_rank/text.md)" \
    "$(cat "$REPO/i18n/fr/other/model_rank/text.md")"
check_contains "the French overview links the Chinese one at its own place" \
    "[简体中文](../../../../other/model_rank/overview.md)" "$(cat "$REPO/i18n/fr/other/model_rank/overview.md")"

# --- a board and a locale taken out of the configuration ---------------------------------------
python3 - "$WORK/leaderboards.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
c["leaderboards"] = [b for b in c["leaderboards"] if b["id"] != "arena-hard-style"]
c["locales"] = [l for l in c["locales"] if l != "fr"]
json.dump(c, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run_lbgen build --strict --docs-out "$REPO"
check_eq "a smaller configuration builds" 0 "$status"
check_contains "it rewrites the pages that change and removes the others" "528 files in $REPO (280 written, 84 removed)" "$err"
check "the removed board's pages are gone" \
    sh -c "! find '$REPO' -name 'arena-hard-style.*' | grep -q ."
check "the removed locale's pages are gone" test ! -e "$REPO/i18n/fr/other/model_rank"
check "... but not the files lbgen did not write beside them" test -s "$REPO/i18n/fr/other/notes.md"
check "the manifest no longer lists them" sh -c "! grep -q 'arena-hard-style\|i18n/fr/' '$REPO/.lbgen-manifest'"
check "the repository's own files are still untouched" \
    sh -c "cd '$REPO' && sha256sum -c --quiet '$TMP/theirs'"
check_contains "the remaining links still resolve" "broken: none" "$(links "$REPO")"
config "$CHERRY"

# --- what lbgen refuses ---------------------------------------------------------------------------
# A file in the way that lbgen did not write (not in the manifest).
FOREIGN="$TMP/foreign"
mkdir -p "$FOREIGN/zh"
echo "someone else's" >"$FOREIGN/zh/text.md"
config
run_lbgen build --docs-out "$FOREIGN"
check_eq "a file lbgen did not write is not replaced (exit 2)" 2 "$status"
check_contains "... and named" \
    "$FOREIGN/zh/text.md: exists and lbgen did not write it ($FOREIGN/.lbgen-manifest does not list it), so lbgen will not replace it" "$err"
check_eq "... and nothing is written" "zh/text.md" "$(cd "$FOREIGN" && find . -type f | sed 's|^\./||')"
# The same bytes already there are adopted.
run_lbgen build --docs-out "$TMP/adopt" -q
mv "$TMP/adopt/.lbgen-manifest" "$TMP/adopt.manifest"
run_lbgen build --docs-out "$TMP/adopt"
check_eq "identical files are taken over without a manifest" 0 "$status"
# A symbolic link on the way.
mkdir -p "$TMP/elsewhere" "$TMP/linked"
ln -s "$TMP/elsewhere" "$TMP/linked/zh"
run_lbgen build --docs-out "$TMP/linked"
check_eq "a symbolic link on the way is refused" 2 "$status"
check_contains "... by name" "$TMP/linked/zh: is a symbolic link; lbgen does not write through one" "$err"
check_eq "... and nothing is written through it" "" "$(ls "$TMP/elsewhere")"
# A manifest line that leaves the directory.
mkdir -p "$TMP/evil"
printf '# x\nen/text.md\n../outside.md\n' >"$TMP/evil/.lbgen-manifest"
echo keep >"$TMP/outside.md"
run_lbgen build --docs-out "$TMP/evil"
check_eq "a manifest line outside the tree is refused" 2 "$status"
check_contains "... with FILE:LINE" "$TMP/evil/.lbgen-manifest:3: not a path lbgen writes" "$err"
check "... and nothing outside is removed" test -s "$TMP/outside.md"
# --docs-out that is a file.
: >"$TMP/plainfile"
run_lbgen build --docs-out "$TMP/plainfile"
check_eq "--docs-out naming a file is bad input" 2 "$status"
check_contains "... and says so" "$TMP/plainfile: exists and is not a directory" "$err"
# A board whose data is bad fails alone: it keeps its pages in the docs
# tree, the others are written, exit 3. With a dated snapshot of it, the
# index pages still describe it from there: the tree is as it was.
cp -R "$TMP/docs" "$TMP/docs-before"
mkdir -p "$WORK/data/history/arena-hard"
cp "$WORK/data/arena-hard.json" "$WORK/data/history/arena-hard/2025-11-14.json"
sed -i 's/"rating": [0-9.]*/"rating": "x"/' "$WORK/data/arena-hard.json"
run_lbgen build --docs-out "$TMP/docs"
check_eq "bad data fails its board only (exit 3)" 3 "$status"
check_contains "... named with the error" \
    "lbgen build: arena-hard: data/arena-hard.json: models[0].rating: expected a number; keeping its previously published pages" "$err"
check "... and the docs tree is as it was" diff -r "$TMP/docs-before" "$TMP/docs"
# Without a snapshot the board keeps its pages, and the index pages, which
# have nothing to describe it by, leave it out.
rm -r "$WORK/data/history"
run_lbgen build --docs-out "$TMP/docs"
check_eq "without a snapshot: exit 3 too" 3 "$status"
kept=$(cd "$TMP/docs-before" && find . -name 'arena-hard.*' | sort)
check "... the board's pages are kept" test -n "$kept"
for f in $kept; do
    check "... $f unchanged" cmp "$TMP/docs-before/$f" "$TMP/docs/$f"
done
check_eq "... and no index page links it" "" \
    "$(cd "$TMP/docs" && grep -rl 'arena-hard\.md' --include=README.md --include=SUMMARY.md .)"
cp "$ROOT/data/arena-hard.json" "$WORK/data/arena-hard.json"

# Bad site.docs values, each named with the key.
bad_docs() { # DESCRIPTION JSON EXPECTED
    config "$2"
    run_lbgen build --docs-out "$TMP/never"
    check_eq "$1: exit 2" 2 "$status"
    check_contains "$1: named" "$3" "$err"
    check "$1: nothing written" test ! -e "$TMP/never"
}
bad_docs "a pattern leaving the tree" '{"path": "../{board}.md"}' \
    "site.docs.path: a docs path pattern is relative, and none of its segments is empty or starts with '.'"
bad_docs "a pattern without {board}" '{"path": "{locale}/index.md"}' \
    "site.docs.path: a docs path pattern has {board} exactly once"
bad_docs "a pattern into .git" '{"path": ".git/{board}.md"}' "site.docs.path: a docs path pattern is relative"
bad_docs "a pattern for an unknown locale" '{"paths": {"xx": "{board}.md"}}' \
    "site.docs.paths.xx: not one of the configured locales"
bad_docs "two locales on one path" '{"path": "docs/{board}.md"}' \
    "site.docs.path: locales zh and zh-TW would both write docs/README.md"
bad_docs "summary not a boolean" '{"summary": "no"}' "site.docs.summary: expected true or false"
bad_docs "an unknown key" '{"paht": "{board}.md"}' "site.docs.paht: unknown key (did you mean \`path\`?)"

# --- no SUMMARY when asked, GitHub alerts when asked ---------------------------------------------
config '{"summary": false}' zh,en
sed -i 's/"markdown_flavor": "gitbook"/"markdown_flavor": "github"/' "$WORK/leaderboards.json"
run_lbgen build --strict --docs-out "$TMP/nosummary" -q
check_eq "without SUMMARY: builds" 0 "$status"
check "without SUMMARY: none written" sh -c "! find '$TMP/nosummary' -name SUMMARY.md | grep -q ."
check "GitHub flavour: the notice is an alert" grep -q '^> \[!WARNING\]' "$TMP/nosummary/en/text.md"

# --- --locale cannot narrow a docs tree -----------------------------------------------------------
run_lbgen build --locale fr --docs-out "$TMP/subset"
check_eq "--locale with --docs-out is a usage error" 1 "$status"
check_contains "... explained" "--docs-out writes every configured locale; --locale cannot narrow it" "$err"
check "... and nothing is written" test ! -e "$TMP/subset"
