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

# Missing key: delete the French "nav.home" entry (4 lines).
fresh missing
sed -i '/"nav.home": {/,/},/d' "$TMP/missing/fr.json"
run_lbgen i18n check --locales "$TMP/missing"
check_eq "missing key exits 2" 2 "$status"
check_contains "missing key is named" "$TMP/missing/fr.json: nav.home: missing" "$err"
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
sed -i 's/directement sur {source_link}/directement sur {lien}/' "$TMP/placeholder/fr.json"
run_lbgen i18n check --locales "$TMP/placeholder"
check_eq "placeholder mismatch exits 2" 2 "$status"
check_contains "placeholder mismatch is explained" \
    "source.sentence: placeholders {lien} differ from the source's {source_link}" "$err"

# Stale translation: the Chinese source text changed after translation.
fresh stale
sed -i 's/"nav.home": "首页"/"nav.home": "主页"/' "$TMP/stale/zh.json"
new_hash=$("$LBGEN" i18n hash --locales "$TMP/stale" nav.home | cut -d' ' -f1)
run_lbgen i18n check --locales "$TMP/stale"
check_eq "stale translation exits 2" 2 "$status"
check_contains "stale English is reported" "en.json:" "$err"
check_contains "stale French is reported with the new hash" \
    "nav.home: stale: translated from a source text with hash cbb87ce1, the source text now hashes to $new_hash" "$err"
check_contains "two stale translations" "2 problems in" "$err"
# Updating "source" to the printed hash makes the check pass again.
sed -i "s/\"source\": \"cbb87ce1\"/\"source\": \"$new_hash\"/" \
    "$TMP/stale/en.json" "$TMP/stale/fr.json"
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
sed -i 's/^    "nav.home": {$/    "nav.home": "Home", "x.unused": {/' "$TMP/plain/en.json"
run_lbgen i18n check --locales "$TMP/plain"
check_eq "plain-string translation exits 2" 2 "$status"
check_contains "plain-string translation is explained" "nav.home: a translation must be" "$err"

# A stray brace in a translation.
fresh brace
sed -i 's/"Home"/"Home {"/' "$TMP/brace/en.json"
run_lbgen i18n check --locales "$TMP/brace"
check_eq "stray brace exits 2" 2 "$status"
check_contains "stray brace is reported" "nav.home: stray '{'" "$err"

# hash: known key, all keys, unknown key.
run_lbgen i18n hash --locales "$ROOT/locales" nav.home
check_eq "hash of nav.home" "cbb87ce1 nav.home" "$out"
run_lbgen i18n hash --locales "$ROOT/locales"
keys=$(grep -c '"source": "' "$ROOT/locales/en.json")
check_eq "hash with no key lists every source key" "$keys" "$(echo "$out" | wc -l)"
run_lbgen i18n hash --locales "$ROOT/locales" no.such.key
check_eq "hash of an unknown key exits 2" 2 "$status"

run_lbgen i18n
check_eq "i18n without a subcommand is a usage error" 1 "$status"
run_lbgen i18n check --locales "$TMP/nonexistent"
check_eq "a missing locales directory exits 2" 2 "$status"
