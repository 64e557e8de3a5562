# The nine languages: the committed locales pass `i18n check`, and each
# built page is in its own language: lang and hreflang tags, the translation
# notice, numbers, dates, time zones, full-width punctuation, plural forms,
# and a language switcher that lists all nine.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cd "$ROOT" || exit 2
run_lbgen i18n check
check_eq "i18n check of the committed locales is clean" 0 "$status"
check_contains "... all nine of them" "i18n check: 9 locales, " "$out"
check_contains "... with no problems" "source zh: no problems" "$out"

run_lbgen build --strict --out "$TMP/site" -q
check_eq "the default site builds in nine languages (strict)" 0 "$status"

text() { # LOCALE KEY: the locale's text of KEY (the "other" form)
    python3 - "$ROOT/locales/$1.json" "$2" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))["strings"][sys.argv[2]]
v = v if isinstance(v, str) else v["text"]
print(v if isinstance(v, str) else v["other"])
PY
}
NNBSP=$(printf '\342\200\257')
NBSP=$(printf '\302\240')
# locale, lang tag, votes of the first row, its rating, the first win rate,
# the update line's second time.
while IFS='|' read -r l tag votes rating winrate when; do
    page="$TMP/site/$l/text.md"
    html=$(cat "$TMP/site/$l/text/index.html")
    check_contains "$l: <html lang=\"$tag\">" "<html lang=\"$tag\" dir=\"ltr\">" "$html"
    row=$(grep -m1 '^| 1 |' "$page")
    check_contains "$l: votes as $votes" "| $votes |" "$row"
    check_contains "$l: rating as $rating" "| $rating |" "$row"
    check_contains "$l: a win rate as $winrate" "| $winrate |" "$(grep -m1 '^| 1 |' "$TMP/site/$l/arena-hard.md")"
    check_contains "$l: updated $when" "$when" "$(cat "$page")"
    if [ "$l" = zh ]; then
        check "zh: the source has no notice" sh -c "! grep -q 'hint style' '$page'"
    else
        check_contains "$l: the notice in its own language" "$(text "$l" notice.machine)" "$(cat "$page")"
        check_contains "$l: ... in the HTML page too" "$(text "$l" notice.machine)" "$html"
    fi
done <<EOF
zh|zh-Hans|23,626|1,507|93.4|2026-08-21 16:35:38（北京时间）
zh-TW|zh-Hant-TW|23,626|1,507|93.4|2026/08/21 16:35:38（臺北時間）
en|en|23,626|1,507|93.4|2026-08-21 16:35:38 (Beijing time)
es|es|23.626|1507|93,4|21/08/2026 16:35:38 (hora de Pekín)
fr|fr|23${NNBSP}626|1${NNBSP}507|93,4|21/08/2026 à 16:35:38 (heure de Pékin)
pt|pt-BR|23.626|1.507|93,4|21/08/2026 05:35:38 (horário de Brasília)
ru|ru|23${NBSP}626|1${NBSP}507|93,4|21.08.2026 11:35:38 (МСК)
el|el|23.626|1.507|93,4|21/08/2026 16:35:38 (ώρα Πεκίνου)
ja|ja|23,626|1,507|93.4|2026/08/21 17:35:38（日本時間）
EOF

check_contains "ja: full-width colon and parentheses" "データ更新日時：2026/08/21 08:35:38（UTC）" \
    "$(cat "$TMP/site/ja/text.md")"
check_contains "zh-TW: full-width colon in the notes" "**排名**：" "$(cat "$TMP/site/zh-TW/text.md")"
check_contains "ru: Moscow time is three hours ahead" "21.08.2026 08:35:38 (UTC) / 21.08.2026 11:35:38 (МСК)" \
    "$(cat "$TMP/site/ru/text.md")"

# The switcher and the alternates list all nine, each in its own language.
nav=$(sed -n '/<nav class="langs"/,/<\/nav>/p' "$TMP/site/el/text/index.html")
check_eq "the HTML switcher lists nine languages" 9 "$(echo "$nav" | grep -c '<li>')"
check_contains "... the current one marked, not linked" \
    '<span aria-current="page" lang="el">Ελληνικά</span>' "$nav"
check_contains "... each link with its hreflang and lang" \
    '<a href="../../zh-TW/text/index.html" hreflang="zh-Hant-TW" lang="zh-Hant-TW">繁體中文</a>' "$nav"
check_eq "the Markdown switcher is one line linking the eight others" 8 \
    "$(sed -n 3p "$TMP/site/el/text.md" | grep -o '](\.\./[a-zA-Z-]*/text\.md)' | wc -l)"
check_eq "the language chooser offers nine languages" 9 \
    "$(grep -c '<li lang=' "$TMP/site/index.html")"
check_eq "the 404 page speaks nine languages" 9 "$(grep -c '<li lang=' "$TMP/site/404.html")"

# Plural forms, with a one-board site of three models in every language.
FIX="$TMP/fixture"
mkdir -p "$FIX"
cp -R "$ROOT/tests/fixtures/site/data" "$FIX/"
python3 - "$ROOT/tests/fixtures/site/leaderboards.json" "$FIX/leaderboards.json" "$ROOT" <<'PY'
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
c["paths"] = {"templates": sys.argv[3] + "/templates", "locales": sys.argv[3] + "/locales"}
c["locales"] = ["zh", "zh-TW", "en", "es", "fr", "pt", "ru", "el", "ja"]
# One board, without its categories: "1 leaderboard" in every language.
c["leaderboards"] = [b for b in c["leaderboards"] if b["id"] == "text"]
c["leaderboards"][0].pop("categories", None)
json.dump(c, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run_lbgen build --strict --config "$FIX/leaderboards.json" --out "$TMP/mini" -q
check_eq "the one-board site builds in nine languages" 0 "$status"
while IFS='|' read -r l site models; do
    readme=$(cat "$TMP/mini/$l/README.md")
    check_contains "$l: one leaderboard" "$site" "$readme"
    check_contains "$l: three models" "$models" "$readme"
done <<'EOF'
en|This site has 1 leaderboard, available in several languages.|3 models
fr|Ce site propose 1 classement, disponible en plusieurs langues.|3 modèles
es|Este sitio reúne 1 clasificación, disponible en varios idiomas.|3 modelos
pt|Este site reúne 1 ranking, disponível em vários idiomas.|3 modelos
el|Ο ιστότοπος περιλαμβάνει 1 κατάταξη, διαθέσιμη σε πολλές γλώσσες.|3 μοντέλα
ru|На сайте 1 рейтинг, доступный на нескольких языках.|3 модели
ja|このサイトには 1 件のリーダーボードがあり、いずれも複数の言語で読めます。|3 モデル
zh-TW|本站收錄 1 個排行榜，均提供多種語言版本。|3 個模型
EOF
check_contains "en: the table caption counts in the plural" "3 models" "$(cat "$TMP/mini/en/text.md")"
check "en: never \"1 models\"" sh -c "! grep -rq '\b1 models\|\b1 leaderboards' '$TMP/site' '$TMP/mini'"
check_contains "ru: 42 models take the \"few\" form" "42 модели" \
    "$(cat "$TMP/site/ru/README.md")"
check_contains "ru: the text board's 30 models take \"many\"" "30 моделей" \
    "$(cat "$TMP/site/ru/README.md")"
check_contains "ru: 43 models take \"few\" too" "43 модели" "$(cat "$TMP/site/ru/README.md")"
check_contains "ru: 70 models take \"many\"" "70 моделей" "$(cat "$TMP/site/ru/README.md")"
check_contains "ru: 20 charted models take \"many\"" "Рейтинги 20 лучших моделей" \
    "$(cat "$TMP/site/ru/text/index.html")"

# HTML validity of a page per language is part of test_site.sh (html-validate
# over the whole site).
