# `lbgen i18n check` and `lbgen i18n hash` on the real locale files and on
# broken copies of them.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

run_lbgen i18n check --locales "$ROOT/locales"
check_eq "the committed locales pass i18n check" 0 "$status"
check_contains "a clean check prints a summary" "no problems" "$out"
check_eq "a clean check prints nothing on stderr" "" "$err"

# fresh DIR: a copy of the real locales to break.
fresh() {
    rm -rf "${TMP:?}/$1"
    mkdir -p "$TMP/$1"
    cp "$ROOT"/locales/*.json "$TMP/$1/"
}

# Missing key: delete the French "nav.leaderboards" entry (4 lines).
fresh missing
sed -i '/"nav.leaderboards": {/,/},/d' "$TMP/missing/fr.json"
run_lbgen i18n check --locales "$TMP/missing"
check_eq "missing key exits 2" 2 "$status"
check_contains "missing key is named" "$TMP/missing/fr.json: nav.leaderboards: missing" "$err"
check_contains "problems are counted" "1 problem in" "$err"

# Extra key, with its position.
fresh extra
sed -i 's/^  "strings": {$/  "strings": {\n    "nav.bogus": {"text": "x", "source": "00000000"},/' "$TMP/extra/en.json"
line=$(grep -n '"nav.bogus"' "$TMP/extra/en.json" | cut -d: -f1)
run_lbgen i18n check --locales "$TMP/extra"
check_eq "extra key exits 2" 2 "$status"
check_contains "extra key is named with line:col" \
    "$TMP/extra/en.json:$line:5: nav.bogus: not a key of the source locale" "$err"

# Placeholder mismatch: {source_link} renamed in the French text.
fresh placeholder
sed -i 's/Source des données : {source_link}/Source des données : {lien}/' "$TMP/placeholder/fr.json"
run_lbgen i18n check --locales "$TMP/placeholder"
check_eq "placeholder mismatch exits 2" 2 "$status"
check_contains "placeholder mismatch is explained" \
    "source.sentence: placeholders {lien} differ from the source's {source_link}" "$err"

# Stale translation: the Chinese source text changed after translation.
fresh stale
sed -i 's/"nav.skip": "跳到正文"/"nav.skip": "跳至正文"/' "$TMP/stale/zh.json"
new_hash=$("$LBGEN" i18n hash --locales "$TMP/stale" nav.skip | cut -d' ' -f1)
run_lbgen i18n check --locales "$TMP/stale"
check_eq "stale translation exits 2" 2 "$status"
check_contains "stale English is reported" "en.json:" "$err"
check_contains "stale French is reported with the new hash" \
    "nav.skip: stale: translated from a source text with hash 29c99a17, the source text now hashes to $new_hash" "$err"
check_contains "one stale translation per translated locale" "8 problems in" "$err"
# Updating "source" to the printed hash makes the check pass again.
sed -i "s/\"source\": \"29c99a17\"/\"source\": \"$new_hash\"/" \
    "$TMP"/stale/*.json
run_lbgen i18n check --locales "$TMP/stale"
check_eq "re-hashed translations pass" 0 "$status"

# Invalid JSON: a missing comma at a known place.
fresh badjson
printf '{\n  "meta": {\n    "name": "Français"\n    "tag": "fr"\n  }\n}\n' >"$TMP/badjson/fr.json"
run_lbgen i18n check --locales "$TMP/badjson"
check_eq "invalid JSON exits 2" 2 "$status"
check_contains "invalid JSON names FILE:LINE:COL" "$TMP/badjson/fr.json:4:5: error: invalid JSON" "$err"

# Bad meta: an unknown status.
fresh status
sed -i 's/"status": "machine"/"status": "automatic"/' "$TMP/status/fr.json"
line=$(grep -n '"status"' "$TMP/status/fr.json" | cut -d: -f1)
run_lbgen i18n check --locales "$TMP/status"
check_eq "bad status exits 2" 2 "$status"
check_contains "bad status is located and explained" \
    "$TMP/status/fr.json:$line:5: error: meta.status: must be \"source\", \"machine\" or \"reviewed\"" "$err"

# Bad meta: a translation that claims to be the source.
fresh twosources
sed -i 's/"status": "machine"/"status": "source"/' "$TMP/twosources/en.json"
run_lbgen i18n check --locales "$TMP/twosources"
check_eq "two source locales exit 2" 2 "$status"
check_contains "the second source's translations are rejected" \
    "en.json:24:5: error: site.title: a source-locale string must be a JSON string" "$err"

# A translation that is a plain string instead of {text, source}.
fresh plain
sed -i 's/^    "nav.leaderboards": {$/    "nav.leaderboards": "Leaderboards", "x.unused": {/' "$TMP/plain/en.json"
run_lbgen i18n check --locales "$TMP/plain"
check_eq "plain-string translation exits 2" 2 "$status"
check_contains "plain-string translation is explained" "nav.leaderboards: a translation must be" "$err"

# A stray brace in a translation.
fresh brace
sed -i 's/"Leaderboards"/"Leaderboards {"/' "$TMP/brace/en.json"
run_lbgen i18n check --locales "$TMP/brace"
check_eq "stray brace exits 2" 2 "$status"
check_contains "stray brace is reported" "nav.leaderboards: stray '{'" "$err"

# hash: known key, all keys, unknown key.
run_lbgen i18n hash --locales "$ROOT/locales" nav.leaderboards
check_eq "hash of nav.leaderboards" "eb955ece nav.leaderboards" "$out"
run_lbgen i18n hash --locales "$ROOT/locales"
keys=$(grep -c '"source": "' "$ROOT/locales/en.json")
check_eq "hash with no key lists every source key" "$keys" "$(echo "$out" | wc -l)"
run_lbgen i18n hash --locales "$ROOT/locales" no.such.key
check_eq "hash of an unknown key exits 2" 2 "$status"

run_lbgen i18n
check_eq "i18n without a subcommand is a usage error" 1 "$status"
run_lbgen i18n check --locales "$TMP/nonexistent"
check_eq "a missing locales directory exits 2" 2 "$status"

# Keys no page uses, and keys the pages use that the source lacks. "Used":
# looked up by the view code, a t.NAME string a template prints, or named
# by the configuration (titles, column labels and notes, time zones).
# unused DIR: the real locales and a key "nav.forgotten" nothing uses.
unused() {
    fresh "$1"
    sed -i 's/^  "strings": {$/  "strings": {\n    "nav.forgotten": "没人用",/' "$TMP/$1/zh.json"
    hash=$("$LBGEN" i18n hash --locales "$TMP/$1" nav.forgotten | cut -d' ' -f1)
    for f in "$TMP/$1"/*.json; do
        [ "$f" = "$TMP/$1/zh.json" ] && continue
        sed -i "s/^  \"strings\": {\$/  \"strings\": {\\n    \"nav.forgotten\": {\"text\": \"unused\", \"source\": \"$hash\"},/" "$f"
    done
}
unused unused
sed -i '/"col.votes.note": /d' "$TMP/unused/zh.json"
run_lbgen i18n check --locales "$TMP/unused"
check_eq "an unused key exits 2" 2 "$status"
check_contains "an unused key is named with its position" \
    "$TMP/unused/zh.json:24:5: nav.forgotten: no page uses it (remove it, or use it: \`lbgen help i18n\`)" "$err"
check_contains "a column note the board shows but the source lacks is named" \
    "$TMP/unused/zh.json: col.votes.note: the pages use it, but the source locale does not have it" "$err"
# A template string counts only when a template prints it.
mkdir -p "$TMP/tsite"
cp -r "$ROOT/templates" "$TMP/tsite/"
cp -r "$ROOT/locales" "$TMP/tsite/"
cp -r "$ROOT/data" "$TMP/tsite/"
cp "$ROOT/leaderboards.json" "$TMP/tsite/"
sed -i 's/{{t.disclaimer_title}}//' "$TMP/tsite/templates/html/board.html" "$TMP/tsite/templates/md/board.md"
run_lbgen i18n check --config "$TMP/tsite/leaderboards.json"
check_eq "a template string no template prints is unused" 2 "$status"
check_contains "... and named" "$TMP/tsite/locales/zh.json:$(grep -n '"section.disclaimer"' "$TMP/tsite/locales/zh.json" | cut -d: -f1):5: section.disclaimer: no page uses it" "$err"
# Without a configuration there is nothing to compare with.
unused unused2
(cd "$TMP" && "$LBGEN" i18n check --locales "$TMP/unused2") >"$TMP/o" 2>"$TMP/e"
check_eq "without leaderboards.json unused keys are not checked" "0" "$?"
run_lbgen i18n check --config "$TMP/nonexistent.json"
check_eq "an explicit --config that does not exist exits 2" 2 "$status"
mkdir -p "$TMP/empty"
run_lbgen i18n check --locales "$TMP/empty"
check_eq "an empty locales directory exits 2 (no qsort of nothing)" 2 "$status"
check_contains "... and says there is no source locale" "no locale has status \"source\"" "$err"

# --- plural forms -------------------------------------------------------------
# A Russian plain text where the count needs four forms.
fresh plural
python3 - "$TMP/plural/ru.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d["strings"]["index.models"]["text"] = "{count} моделей"
d["strings"]["table.caption"]["text"]["few"] = "{title}: моделей"
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run_lbgen i18n check --locales "$TMP/plural"
check_eq "missing plural forms exit 2" 2 "$status"
check_contains "a counted string without its forms is named" \
    "ru.json:$(grep -n '"index.models"' "$TMP/plural/ru.json" | cut -d: -f1):5: index.models: counts {count}: give the plural forms \"one\", \"few\", \"many\", \"other\" of ru" "$err"
check_contains "a form without the source's placeholders is named" \
    "table.caption: plural form \"few\": placeholders {title} differ from the source's {count,title}" "$err"
check_contains "exactly those two" "2 problems in" "$err"
# Japanese and traditional Chinese have one form: plain texts are right.
check "Japanese counts with one text" sh -c "! grep -q 'ja.json.*counts' '$TMP/.err'"
# A language plural.c does not know.
fresh klingon
sed -i 's/"tag": "ja"/"tag": "tlh"/' "$TMP/klingon/ja.json"
run_lbgen i18n check --locales "$TMP/klingon"
check_contains "a language without plural rules is named" \
    "ja.json: meta.tag: plural.c has no plural rules for the language of \"tlh\" (add a row to its table)" "$err"
# ... and plural forms in such a file do not load.
sed -i 's/"tag": "el"/"tag": "tlh"/' "$TMP/klingon/el.json"
run_lbgen i18n check --locales "$TMP/klingon"
check_contains "plural forms of an unknown language are refused" \
    "el.json:$(grep -n '"table.caption"' "$TMP/klingon/el.json" | cut -d: -f1):5: error: table.caption: plural forms, but plural.c has no rules for the language of meta.tag" "$err"
