#!/bin/sh
# The hostile-input catalogue: every parser fed what an attacker, a broken
# source or a bad edit could send. Each case states the exact message and
# exit status, or the exact escaped output; none may crash (ASan/UBSan or
# valgrind would say so), and none may leave a partial file: a failed
# `fetch --out` writes nothing, a failed build leaves the previous site
# byte for byte as it was. Small inputs live in tests/hostile/ (one file a
# case); big ones are generated here, in $TMP.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
H=$TMP/h
cp -R "$ROOT/tests/hostile" "$H"
mkdir -p "$TMP/o"
cd "$H" || exit 1

# fetch_fails FILE ADAPTER STATUS MESSAGE [OPTION...]: `lbgen fetch FILE
# --out` must fail with exactly MESSAGE and write nothing.
fetch_fails() {
    f=$1 adapter=$2 want_status=$3 want=$4
    shift 4
    run_lbgen fetch "$f" --adapter "$adapter" --no-cache --out "$TMP/o/$f.json" "$@"
    check_eq "$f: exit status" "$want_status" "$status"
    check_eq "$f: message" "$want" "$err"
    check "$f: nothing written" test ! -e "$TMP/o/$f.json"
}

# fetch_ok FILE ADAPTER: `lbgen fetch FILE --out` succeeds; $json is the
# result.
fetch_ok() {
    run_lbgen fetch "$1" --adapter "$2" --no-cache --out "$TMP/o/$1.json"
    check_eq "$1: accepted" "0 " "$status $err"
    json=$(cat "$TMP/o/$1.json" 2>/dev/null)
}

# ---- encodings and bytes --------------------------------------------------
fetch_fails table-invalid-utf8.csv table 2 \
    "lbgen fetch: table-invalid-utf8.csv:2:1: error: invalid UTF-8"
fetch_fails table-overlong-utf8.csv table 2 \
    "lbgen fetch: table-overlong-utf8.csv:3:4: error: invalid UTF-8"
fetch_fails table-surrogate.md table 2 \
    "lbgen fetch: table-surrogate.md:4:4: error: invalid UTF-8"
fetch_fails table-nul-byte.csv table 2 \
    "lbgen fetch: table-nul-byte.csv:2:2: error: a NUL byte"
fetch_fails arena-latin1.html arena-html 2 \
    "lbgen fetch: arena-latin1.html:1:91: error: invalid UTF-8"
fetch_fails catalog-invalid-utf8.csv catalog 2 \
    "lbgen fetch: catalog-invalid-utf8.csv:2:3: error: invalid UTF-8"

# ---- numbers ----------------------------------------------------------------
fetch_fails table-1e400.csv table 2 \
    "lbgen fetch: table-1e400.csv:2:3: error: \"1e400\" is not a number (column \"score\")" \
    --scores score
fetch_fails table-nan.csv table 2 \
    "lbgen fetch: table-nan.csv:2:3: error: \"NaN\" is not a number (column \"score\")" \
    --scores score
fetch_fails table-1e400.json table 2 \
    "lbgen fetch: table-1e400.json: row 1: \"score\": expected a string, finite number, boolean, null or a list of those"
fetch_fails table-nan.json table 2 \
    "lbgen fetch: table-nan.json:1:23: error: invalid JSON"
fetch_fails arena-1e400.html arena-html 2 \
    "lbgen fetch: arena-1e400.html:3: error: table row 1, column \"Score\": unexpected \"e400\" after the score"
fetch_fails arena-negative-votes.html arena-html 2 \
    "lbgen fetch: arena-negative-votes.html:3: error: table row 1, column \"Votes\": \"-1,000\" is not a vote count"
# Without --scores, "score" is recognised as the column that ranks: the
# same refusal.
run_lbgen fetch table-nan.csv --adapter table --no-cache
check_eq "table-nan.csv without --scores: the score column is recognised" \
    "2 lbgen fetch: table-nan.csv:2:3: error: \"NaN\" is not a number (column \"score\")" \
    "$status $err"

# ---- duplicates and shape ---------------------------------------------------
fetch_fails table-duplicate-model.csv table 2 \
    "lbgen fetch: table-duplicate-model.csv:4:1: error: model \"a\" appears twice (rows 1 and 3)"
fetch_fails table-duplicate.json table 2 \
    "lbgen fetch: table-duplicate.json: row 2, column \"model\": model \"a\" appears twice (rows 1 and 2)"
fetch_fails arena-duplicate.html arena-html 2 \
    "lbgen fetch: arena-duplicate.html: models[1]: model \"twin\" appears twice (first as models[0])"
fetch_fails table-unclosed-quote.csv table 2 \
    "lbgen fetch: table-unclosed-quote.csv:2:1: error: unterminated quoted field"
fetch_fails table-empty.csv table 2 "lbgen fetch: table-empty.csv: empty CSV"
fetch_fails table-header-only.csv table 2 \
    "lbgen fetch: table-header-only.csv: the table has no rows"
# The same model from two organisations is two catalog entries.
fetch_ok catalog-duplicate.csv catalog
check_contains "catalog-duplicate.csv: told apart by organization" \
    '"model":	"Org/m"' "$json"
check_contains "catalog-duplicate.csv: second entry" '"model":	"Other/m"' "$json"

# ---- what ranks a table -------------------------------------------------------
# An LMArena-style release: "Arena Score" ranks it (not the votes, not a
# mean of every number), "Rank (UB)" is kept, "95% CI" is the interval, the
# row without a score is not first, and the model listed twice identically
# (but for its rank) is kept once with a warning naming it.
run_lbgen fetch table-arena-release.csv --adapter table --no-cache --out "$TMP/o/release.json"
check_eq "table-arena-release.csv: accepted" 0 "$status"
check_eq "table-arena-release.csv: the repeated row is a warning naming the model" \
    "lbgen fetch: warning: table-arena-release.csv:4:1: model \"gpt-4o-2024-05-13\" is listed again (rows 2 and 3), identical but for the rank; kept once" "$err"
check_eq "table-arena-release.csv: ranks, names, ratings, intervals and votes as published" \
    "1 gemini-2.5-pro 1460 1455 1465 12345|2 gpt-4o-2024-05-13 1440 1436 1444 90123|4 new-model None None None None|5 small-model 1200 1191 1209 300|" \
    "$(python3 -c "
import json, sys
for m in json.load(open(sys.argv[1]))['models']:
    print(m['rank'], m['model'], *(m.get(k) for k in ('rating', 'ci_lower', 'ci_upper', 'votes')), end='|')
" "$TMP/o/release.json")"
python3 -c "
with open('repeats.csv', 'w') as f:
    f.write('rank,model,score\n')
    f.writelines('%d,same,1\n' % (i + 1) for i in range(1000))"
run_lbgen fetch repeats.csv --adapter table --no-cache
check_eq "a row repeated 999 times: kept once, ten warnings and a summary" \
    "0 11 lbgen fetch: warning: repeats.csv: 989 more rows repeat an earlier one identically but for the rank; each model kept once" \
    "$status $(printf '%s\n' "$err" | wc -l) $(printf '%s\n' "$err" | tail -n 1)"
fetch_fails table-arena-disagree.csv table 2 \
    "lbgen fetch: table-arena-disagree.csv:4:3: error: model \"gpt-4o-2024-05-13\" appears twice (rows 2 and 3)"
fetch_fails table-no-score.csv table 2 \
    "lbgen fetch: table-no-score.csv: no score column to rank by (looked for: score, arena_score, arena score, rating, elo, elo rating, elo score, 分数, 得分, 评分, 积分, 竞技场分数, elo 评分, elo评分, total, total score, overall, average, avg, 总分, 综合, 综合得分, 平均分, 总成绩); pass --scores C[=W],... to name the columns whose (weighted) mean ranks the models"
run_lbgen fetch table-no-score.csv --adapter table --no-cache --scores votes
check_eq "table-no-score.csv: --scores names what ranks" "0 " "$status $err"
# Chinese headers; the source's own 排名 is kept even where the scores
# would order the rows otherwise.
fetch_ok table-chinese.md table
check_eq "table-chinese.md: 得分 ranks, 排名 kept, 票数 are votes" \
    "模型甲 1 88.5 1200|模型乙 2 90.1 800|" \
    "$(printf '%s' "$json" | python3 -c "
import json, sys
for m in json.load(sys.stdin)['models']:
    print(m['model'], m['rank'], m['rating'], m['votes'], end='|')")"
# Links in Markdown cells: the text is the name, the URL its link.
fetch_ok table-links.md table
check_eq "table-links.md: [name](url) and name [<sup>1</sup>](url)" \
    "alpha https://example.org/alpha|beta https://example.org/beta|gamma None|" \
    "$(printf '%s' "$json" | python3 -c "
import json, sys
for m in json.load(sys.stdin)['models']:
    print(m['model'], m.get('url'), end='|')")"
fetch_fails table-link-javascript.md table 2 \
    "lbgen fetch: table-link-javascript.md:4:3: error: not an absolute http(s) URL"
fetch_fails table-1e308.csv table 2 \
    "lbgen fetch: table-1e308.csv:2:3: error: 1e+308 is outside the plausible range of a benchmark score (-1e+06 to 1e+06) (column \"score\")"
fetch_fails table-control.csv table 2 \
    "lbgen fetch: table-control.csv:2:1: error: a control character (U+001B) in a cell"
fetch_fails table-newline-key.json table 2 \
    "lbgen fetch: table-newline-key.json: a control character (U+000A) in the column name \"x\\n::error ::pwned\""

# ---- links and markup -------------------------------------------------------
fetch_ok arena-links.html arena-html
check_contains "arena-links.html: javascript: link dropped, model kept" \
    '"model":	"js-model"' "$json"
case "$json" in
*javascript* | *JaVaScRiPt* | *data:* | *evil.example* | *'"url"'*)
    not_ok "arena-links.html: no javascript:, data: or scheme-relative link survives" ;;
*) ok "arena-links.html: no javascript:, data: or scheme-relative link survives" ;;
esac
check_contains "arena-links.html: markup in a name is kept as text" \
    '"model":	"<script>alert(1)</script>"' "$json"
fetch_fails catalog-javascript-url.csv catalog 2 \
    "lbgen fetch: catalog-javascript-url.csv:2:11: error: not an absolute http(s) URL"
fetch_ok table-markup.md table
check_contains "table-markup.md: escaped pipe read as a pipe" '"model":	"a | b"' "$json"

# ---- the Arena's JSON, its price list, dataset viewer rows --------------------
fetch_fails catalog-json-array.json arena-catalog 2 \
    "lbgen fetch: catalog-json-array.json: expected an object of categories, like {\"full\": {\"model\": {\"rating\": ..., \"rating_q025\": ..., \"rating_q975\": ...}}}"
fetch_fails catalog-json-missing-bound.json arena-catalog 2 \
    "lbgen fetch: catalog-json-missing-bound.json: full: \"gpt-x\": no rating_q975 (or rating_upper)"
fetch_fails catalog-json-1e400.json arena-catalog 2 \
    "lbgen fetch: catalog-json-1e400.json: full: \"gpt-x\": rating: expected a finite number"
fetch_fails catalog-json-lower-above-upper.json arena-catalog 2 \
    "lbgen fetch: catalog-json-lower-above-upper.json: full: \"gpt-x\": lower bound 1420 above upper bound 1380"
fetch_fails catalog-json-no-full.json arena-catalog 2 \
    "lbgen fetch: catalog-json-no-full.json: no category \"full\" (categories: chinese, coding)"
run_lbgen fetch catalog-json-ok.json --adapter arena-catalog --no-cache \
    --out "$TMP/o/free.json" --options '{"prices": "catalog-prices-free.json"}'
check_eq "catalog-prices-free.json: a price of \"free\" fails the source" \
    "2 lbgen fetch: catalog-prices-free.json: [0] (\"gpt-x\"): input_token_price: \"free\" is not a price in USD per million tokens (a decimal like \"2.5\", from 0 to 1000000)" \
    "$status $err"
check "catalog-prices-free.json: nothing written" test ! -e "$TMP/o/free.json"
run_lbgen fetch catalog-json-ok.json --adapter arena-catalog --no-cache \
    --out "$TMP/o/neg.json" --options '{"prices": "catalog-prices-negative.json"}'
check_eq "catalog-prices-negative.json: a negative price fails the source" \
    "2 lbgen fetch: catalog-prices-negative.json: [0] (\"gpt-x\"): output_token_price: -10 is not a price in USD per million tokens (a decimal like \"2.5\", from 0 to 1000000)" \
    "$status $err"
fetch_fails rows-huge-total.json hf-rows 2 \
    "lbgen fetch: rows-huge-total.json: holds 1 of the split's 1000000000 rows (num_rows_total); over http(s) lbgen pages through them all"
fetch_fails rows-duplicate-idx.json hf-rows 2 \
    "lbgen fetch: rows-duplicate-idx.json: row_idx 0: after row_idx 0 (rows repeated or out of order)"
fetch_fails rows-partial.json hf-rows 2 \
    "lbgen fetch: rows-partial.json: the viewer's answer is partial (it did not index the whole split); lbgen does not publish incomplete data"
fetch_fails rows-nan.json hf-rows 2 "lbgen fetch: rows-nan.json:1:63: error: invalid JSON"
fetch_fails arena-today-price-changed.html arena-html 2 \
    "lbgen fetch: arena-today-price-changed.html:4: error: table row 1, column \"Price \$/M\": \"fast\" is not a price like \$5/\$25 or N/A"
run_lbgen fetch arena-today-links.html --adapter arena-html --no-cache \
    --base-url https://arena.ai/leaderboard/text
check_contains "arena-today-links.html: percent-encoding kept exactly" \
    '"url":	"https://arena.ai/model/a%26b"' "$out"
case "$out" in
*[Jj][Aa][Vv][Aa][Ss][Cc][Rr][Ii][Pp][Tt]*) not_ok "arena-today-links.html: no javascript: link" ;;
*) ok "arena-today-links.html: no javascript: link" ;;
esac

# ---- sizes and depth (generated) --------------------------------------------
python3 - <<'EOF'
line = "x" * 10_000_000
open("long-line.csv", "w").write("model,score\n" + line + ",1\n")
open("long-line.md", "w").write("| model | score |\n|---|---|\n| " + line + " | 1 |\n")
open("long-line.html", "w").write(
    "<table><tr><th>Rank</th><th>Model</th><th>Score</th></tr><tr><td>1</td><td>"
    + line + "</td><td>1400</td></tr></table>")
open("long-line.mustache", "w").write(line + "{{! a comment }}" + line)
deep = "[" * 100_000 + "]" * 100_000
open("deep.json", "w").write(deep)
open("deep-object.json", "w").write('{"a":' * 100_000 + "1" + "}" * 100_000)
EOF
fetch_fails long-line.csv table 2 \
    "lbgen fetch: long-line.csv: models[0].model: longer than 2048 bytes"
fetch_fails long-line.md table 2 \
    "lbgen fetch: long-line.md: models[0].model: longer than 2048 bytes"
fetch_fails long-line.html arena-html 2 \
    "lbgen fetch: long-line.html: models[0].model: longer than 2048 bytes"
fetch_fails deep.json table 2 \
    "lbgen fetch: deep.json:1:1001: error: JSON nested more than 1000 levels deep"
cp deep-object.json deep-catalog.json
fetch_fails deep-catalog.json catalog 2 \
    "lbgen fetch: deep-catalog.json:1:5001: error: JSON nested more than 1000 levels deep"

# A source row limit (default 20,000; --max-rows, live.max_rows), and
# memory bounded while parsing: a 17 MB CSV of 2 million rows took 2.7 GB
# before it was refused; now the parser stops at the limit.
python3 - <<'PY'
with open("rows-2m.csv", "w") as f:
    f.write("model,score\n")
    f.writelines("m%07d,%d\n" % (i, i % 100) for i in range(2_000_000))
with open("rows-260k.md", "w") as f:
    f.write("| model | score |\n|---|---|\n")
    f.writelines("| m%06d | %d |\n" % (i, i % 100) for i in range(260_000))
with open("rows-30.csv", "w") as f:
    f.write("model,score\n")
    f.writelines("m%02d,%d\n" % (i, i) for i in range(30))
open("wide.csv", "w").write(",".join("c%d" % i for i in range(300)) + "\n")
open("wide.md", "w").write("|" + "|".join("c%d" % i for i in range(300)) + "|\n"
                           + "|" + "|".join(["-"] * 300) + "|\n")
open("wide-row.csv", "w").write("model,score\na,1" + ",x" * 1_000_000 + "\n")
open("many-values.json", "w").write("[" + ",".join(["0"] * 2_000_001) + "]")
# Link syntax that never closes, in every cell: found in linear time.
with open("brackets.md", "w") as f:
    f.write("| model | score |\n|---|---|\n")
    f.writelines("| %s%s%d | 1 |\n" % ("[a](" * 1000, "[" * 4000, i) for i in range(2000))
PY
start=$(date +%s)
fetch_fails brackets.md table 2 \
    "lbgen fetch: brackets.md: models[0].model: longer than 2048 bytes"
check "brackets.md: 2,000 cells of unclosed links in seconds ($(($(date +%s) - start)) s)" \
    test $(($(date +%s) - start)) -lt 30
peak_kb() { # COMMAND...: runs it, prints its peak resident memory in KB
    python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
fetch_fails rows-2m.csv table 2 \
    "lbgen fetch: rows-2m.csv:20002:1: error: more than 20000 rows (the source row limit: --max-rows, live.max_rows)"
kb=$(peak_kb "$LBGEN" fetch rows-2m.csv --adapter table --no-cache)
check "rows-2m.csv: refused within 400 MB even under ASan (peak $kb KB)" test "$kb" -lt 409600
fetch_fails rows-260k.md table 2 \
    "lbgen fetch: rows-260k.md:20003:1: error: more than 20000 rows (the source row limit: --max-rows, live.max_rows)"
fetch_fails rows-30.csv table 2 \
    "lbgen fetch: rows-30.csv:12:1: error: more than 10 rows (the source row limit: --max-rows, live.max_rows)" \
    --max-rows 10
run_lbgen fetch rows-30.csv --adapter table --no-cache --max-rows 0
check_eq "--max-rows 0 is a usage error" 1 "$status"
fetch_fails wide.csv table 2 "lbgen fetch: wide.csv:1:1171: error: more than 256 columns"
fetch_fails wide.md table 2 "lbgen fetch: wide.md:1:1172: error: more than 256 columns"
fetch_fails wide-row.csv table 2 \
    "lbgen fetch: wide-row.csv:2:1: error: expected 2 fields like the header, found 1000002"
fetch_fails many-values.json table 2 \
    "lbgen fetch: many-values.json:1:4000000: error: more than 2000000 JSON values; refusing the file before it takes too much memory"

# ---- battles (array and JSON Lines) and judgments ----------------------------
B_OPTS='{"bootstrap": 0, "anony_only": false}'
J_OPTS='{"baseline": "base", "bootstrap": 0}'
fetch_fails battles-utf8.jsonl battles 2 \
    "lbgen fetch: battles-utf8.jsonl:1:16: error: invalid UTF-8" --options "$B_OPTS"
fetch_fails battles-nul-escape.jsonl battles 2 \
    "lbgen fetch: battles-nul-escape.jsonl:1:12: error: record 1: model_a contains the control character U+0000 (model names must be printable) (byte 11)" \
    --options "$B_OPTS"
fetch_fails battles-1e400.jsonl battles 2 \
    "lbgen fetch: battles-1e400.jsonl:1:71: error: record 1: number out of range (byte 70)" \
    --options "$B_OPTS"
fetch_fails battles-nan.jsonl battles 2 \
    "lbgen fetch: battles-nan.jsonl:1:71: error: record 1: expected a JSON value, found 'N' (byte 70)" \
    --options "$B_OPTS"
fetch_fails battles-negative-tstamp.jsonl battles 2 \
    "lbgen fetch: battles-negative-tstamp.jsonl:1:65: error: record 1: tstamp out of range (seconds since 1970, before year 10000) (byte 64)" \
    --options "$B_OPTS"
fetch_fails battles-winner.jsonl battles 2 \
    "lbgen fetch: battles-winner.jsonl:1:39: error: record 1: unknown winner \"model_c\" (expected model_a, model_b, tie, tie (bothbad) or both_bad) (byte 38)" \
    --options "$B_OPTS"
fetch_fails battles-truncated.json battles 2 \
    "lbgen fetch: battles-truncated.json:1:64: error: record 2: a battle must be a JSON object (byte 63)" \
    --options "$B_OPTS"
fetch_fails battles-record2.jsonl battles 2 \
    "lbgen fetch: battles-record2.jsonl:2:29: error: record 2: expected ',' or '}', found end of line (byte 90)" \
    --options "$B_OPTS"
python3 - <<'PY'
open("battles-long.jsonl", "w").write(
    '{"model_a": "' + "x" * 10_000_000 + '", "model_b": "b", "winner": "model_a"}\n')
open("battles-deep.json", "w").write("[" + '{"model_a": ' * 100_000)
PY
fetch_fails battles-long.jsonl battles 2 \
    "lbgen fetch: battles-long.jsonl:1:13: error: record 1: model_a is longer than 2048 bytes (byte 12)" \
    --options "$B_OPTS"
fetch_fails battles-deep.json battles 2 \
    "lbgen fetch: battles-deep.json:1:14: error: record 1: model_a must be a string (byte 13)" \
    --options "$B_OPTS"
python3 -c "
open('battles-deep-field.jsonl', 'w').write('{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\", \"x\": ' + '[' * 100_000 + '\n')"
# A field no run reads is skimmed without recursion (jsonscan.h), so its
# depth is no hazard; left open, it runs to the end of the line.
fetch_fails battles-deep-field.jsonl battles 2 \
    "lbgen fetch: battles-deep-field.jsonl:1:100060: error: record 1: expected a closing '}' or ']', found end of line (byte 100059)" \
    --options "$B_OPTS"
# More models than the engine takes (100,000, far beyond any real board):
# refused at the record that names one too many, before memory runs away.
python3 - <<'PY'
n = 100_001
with open("battles-many-models.jsonl", "w") as f:
    for i in range(n):
        f.write('{"model_a": "m%d", "model_b": "m%d", "winner": "model_a"}\n'
                % (i, (i + 1) % n))
with open("judgments-many-models.jsonl", "w") as f:
    for i in range(n):
        f.write('{"uid": "q", "model": "m%d", "games": [{"score": "A>B"}]}\n' % i)
PY
fetch_fails battles-many-models.jsonl battles 2 \
    "lbgen fetch: battles-many-models.jsonl:100000:1: error: record 100000: more than 100000 models; the ratings engine takes at most 100000 (byte 6377720)" \
    --options "$B_OPTS"
fetch_fails judgments-many-models.jsonl arena-hard 2 \
    "lbgen fetch: judgments-many-models.jsonl: more than 100000 models; the ratings engine takes at most 100000" \
    --options "$J_OPTS"
fetch_fails battles-control-esc.jsonl battles 2 \
    "lbgen fetch: battles-control-esc.jsonl:1:12: error: record 1: model_a contains the control character U+001B (model names must be printable) (byte 11)" \
    --options "$B_OPTS"
fetch_fails battles-control-bs.jsonl battles 2 \
    "lbgen fetch: battles-control-bs.jsonl:1:26: error: record 1: model_b contains the control character U+0008 (model names must be printable) (byte 25)" \
    --options "$B_OPTS"
S_OPTS='{"bootstrap": 0, "anony_only": false, "style_control": true}'
fetch_fails battles-style-negative.jsonl battles 2 \
    "lbgen fetch: battles-style-negative.jsonl:1:104: error: record 1: conv_metadata.sum_assistant_a_tokens: negative count -5 (byte 103)" \
    --options "$S_OPTS"
fetch_fails battles-style-overflow.jsonl battles 2 \
    "lbgen fetch: battles-style-overflow.jsonl:1:129: error: record 1: conv_metadata.header_count_a: count 1e+308 is above 1e+12 (byte 128)" \
    --options "$S_OPTS"
fetch_fails battles-weight-mixed.jsonl battles 2 \
    "lbgen fetch: battles-weight-mixed.jsonl:2:1: error: record 2: no weight, but record 1 has one: give every battle a weight or none (byte 73)" \
    --options "$B_OPTS"
run_lbgen fetch battles-markup.jsonl --adapter battles --no-cache --options "$B_OPTS"
check_eq "battles-markup.jsonl: rated" 0 "$status"
check_contains "battles-markup.jsonl: markup kept as text in the JSON" \
    '"model":	"<script>alert(1)</script>"' "$out"
fetch_fails judgments-utf8.jsonl arena-hard 2 \
    "lbgen fetch: judgments-utf8.jsonl:1:25: error: invalid UTF-8" --options "$J_OPTS"
fetch_fails judgments-bad-line.jsonl arena-hard 2 \
    "lbgen fetch: judgments-bad-line.jsonl:2:49: error: judgment 2: malformed JSON" \
    --options "$J_OPTS"
fetch_fails judgments-duplicate.jsonl arena-hard 2 \
    "lbgen fetch: judgments-duplicate.jsonl:2:1: error: judgment 2: model 'm' judged again on question 'q1' (first in judgment 1)" \
    --options "$J_OPTS"
fetch_fails judgments-baseline.jsonl arena-hard 2 \
    "lbgen fetch: judgments-baseline.jsonl: no judgment is against the baseline 'base'; the judgments name the baseline 'other'" \
    --options "$J_OPTS"
fetch_fails judgments-control.jsonl arena-hard 2 \
    "lbgen fetch: judgments-control.jsonl:1:1: error: judgment 1: model contains the control character U+001B (model names must be printable)" \
    --options "$J_OPTS"
fetch_fails judgments-nul.jsonl arena-hard 2 \
    "lbgen fetch: judgments-nul.jsonl:1:11: error: judgment 1: \\u0000 in a string (it would cut the text short)" \
    --options "$J_OPTS"
python3 -c "
open('judgments-deep.jsonl', 'w').write('{\"uid\": ' + '[' * 100_000 + '\n')"
fetch_fails judgments-deep.jsonl arena-hard 2 \
    "lbgen fetch: judgments-deep.jsonl:1:1008: error: judgment 1: malformed JSON" \
    --options "$J_OPTS"

# ---- the site build: data/, locales, configuration --------------------------
SITE=$TMP/site
mkdir -p "$SITE/data" "$SITE/badloc"
cp "$ROOT"/tests/fixtures/site/data/*.json "$SITE/data/"
cp "$ROOT"/locales/*.json "$SITE/badloc/"
sed "s|\.\./\.\./\.\./templates|$ROOT/templates|; s|\.\./\.\./\.\./locales|$ROOT/locales|" \
    "$ROOT/tests/fixtures/site/leaderboards.json" >"$SITE/leaderboards.json"
cd "$SITE" || exit 1
"$LBGEN" build --out out -q
check "a good site to spoil" test -f out/index.html
cp -R out reference

# config_with FILE [SED]: the site's configuration, its board reading
# data/FILE, as c.json.
config_with() {
    sed "s|data/mini.json|data/$1|${2:+; $2}" leaderboards.json >c.json
}

# build_fails CASE STATUS MESSAGE: `lbgen build --config c.json --out out`
# fails with exactly MESSAGE and leaves out/ as it was.
build_fails() {
    run_lbgen build --config c.json --out out -q
    check_eq "$1: exit status" "$2" "$status"
    check_eq "$1: message" "$3" "$err"
    check "$1: the previous site is untouched" diff -r reference out
    check_eq "$1: no staging directory left" "" "$(find . -maxdepth 1 -name '.out.tmp.*')"
}

# A board whose data is bad fails alone: it keeps its previously published
# pages, the build names it and the error, the rest of the site is
# published, exit 3. With one board, the site is then exactly as before.
KEPT="lbgen build: 1 board(s) failed (text) and kept their previously published pages; the rest of the site was published"
board_fails() {
    cp "$H/$1" "data/$1"
    config_with "$1"
    build_fails "$1" 3 "lbgen build: text: $2; keeping its previously published pages
$KEPT"
}
board_fails board-negative-votes.json \
    "data/board-negative-votes.json: models[0].votes: expected a non-negative integer"
board_fails board-negative-rank.json \
    "data/board-negative-rank.json: models[0].rank: expected a positive integer"
board_fails board-duplicate-model.json \
    "data/board-duplicate-model.json: models[2]: model \"a\" appears twice (first as models[0])"
board_fails board-javascript-url.json \
    "data/board-javascript-url.json: models[0].url: only absolute http(s) links are allowed"
board_fails board-data-url.json \
    "data/board-data-url.json: models[0].url: only absolute http(s) links are allowed"
board_fails board-1e400.json \
    "data/board-1e400.json: models[0].rating: number out of range"
board_fails board-nan.json "data/board-nan.json:1:133: error: invalid JSON"
board_fails board-invalid-utf8.json \
    "data/board-invalid-utf8.json:1:124: error: invalid UTF-8"
board_fails board-nul-byte.json "data/board-nul-byte.json:1:122: error: a NUL byte"
# Control characters are refused at the reader; a name that would start a
# line of the build log ("::error ..." is a GitHub Actions command) is
# refused, and the message quoting it stays on one line.
board_fails board-control-char.json \
    "data/board-control-char.json: models[0].model: contains a control character (U+001B)"
board_fails board-log-injection.json \
    "data/board-log-injection.json: models[0].model: contains a control character (U+000A)"
check_eq "board-log-injection.json: no line of the log starts with ::" "" \
    "$(grep '^::' "$TMP/.err")"
board_fails board-nul-escape.json \
    "data/board-nul-escape.json:1:135: error: a \\u0000 escape (a NUL character) in a string"
# Invisible and direction characters do not make a second name: each
# look-alike is a duplicate, and the message shows what hides in it.
board_fails board-lookalike-zwj.json \
    "data/board-lookalike-zwj.json: models[1]: model \"gpt\\u200D-4\" appears twice (first as models[0])"
board_fails board-lookalike-rlo.json \
    "data/board-lookalike-rlo.json: models[1]: model \"\\u202Egpt-4\\u202C\" appears twice (first as models[0])"
board_fails board-lookalike-shy.json \
    "data/board-lookalike-shy.json: models[1]: model \"gp\\u00ADt-4\" appears twice (first as models[0])"
board_fails board-lookalike-bom.json \
    "data/board-lookalike-bom.json: models[1]: model \"\\uFEFFgpt-4\\u200E\" appears twice (first as models[0])"
# Every number must be plausible for its field (leaderboard.c, lb_ranges):
# an interval of ±1e308 used to pass every check and abort the chart.
board_fails board-ci-1e308.json \
    "data/board-ci-1e308.json: models[0].ci_lower: -1e+308 is outside the plausible range of a rating (Elo scale) (0 to 10000)"
board_fails board-votes-1e12.json \
    "data/board-votes-1e12.json: models[0].votes: 1e+12 is outside the plausible range of a vote count (0 to 1e+09)"
# A data file's id never names a file: the configuration's does. One that
# is not a slug, or is another board's, is refused before anything is
# written (it once wrote data/../../leaderboards.json over the config).
cp leaderboards.json config.orig
board_fails board-id-path.json \
    "data/board-id-path.json: id: \"../../leaderboards\" is not a valid id (1 to 64 lowercase letters, digits and '-', not starting with '-')"
check "board-id-path.json: leaderboards.json is untouched" cmp config.orig leaderboards.json
check_eq "board-id-path.json: nothing written outside out/" "" \
    "$(find "$TMP" -name 'leaderboards.json*' ! -path "$SITE/leaderboards.json")"
board_fails board-id-other.json \
    "data/board-id-other.json: id is \"other\" but c.json says \"text\""
# The same rule for the ids given on the command line.
SLUG_RULE="1 to 64 lowercase letters, digits and '-', not starting with '-'"
run_lbgen fetch "$ROOT/tests/fixtures/fetch/small.csv" --adapter table --id ../x --out x.json
check_eq "fetch --id ../x: exit status" 1 "$status"
check_eq "fetch --id ../x: message" "lbgen fetch: --id: \"../x\" is not a valid id ($SLUG_RULE)" \
    "$(printf '%s\n' "$err" | head -n 1)"
run_lbgen rate "$ROOT/tests/fixtures/rate/battles.jsonl" --id Text_1 --out x.json
check_eq "rate --id Text_1: exit status" 1 "$status"
check_eq "rate --id Text_1: message" "lbgen rate: --id: \"Text_1\" is not a valid id ($SLUG_RULE)" \
    "$(printf '%s\n' "$err" | head -n 1)"
check "no x.json written" test ! -e x.json
cp "$H/deep.json" data/
config_with deep.json
build_fails board-deep 3 \
    "lbgen build: text: data/deep.json:1:1001: error: JSON nested more than 1000 levels deep; keeping its previously published pages
$KEPT"
python3 -c "
import json
d = json.load(open('data/mini.json'))
d['models'][0]['model'] = 'y' * 10_000_000
open('data/long-name.json', 'w').write(json.dumps(d))"
config_with long-name.json
build_fails board-long-name 3 \
    "lbgen build: text: data/long-name.json: models[0].model: longer than 2048 bytes; keeping its previously published pages
$KEPT"

# Markup and Markdown in names reach the pages escaped.
cp "$H/board-markup-names.json" data/
config_with board-markup-names.json
run_lbgen build --config c.json --out markup -q
check_eq "board-markup-names.json: builds" "0 " "$status $err"
check_eq "no raw <script> or <img> in any page" "" \
    "$(grep -rlE '<script>alert|<img src=x' markup --include='*.html' --include='*.svg')"
check "HTML table cell escaped" grep -qF \
    '<th scope="row" class="model"><a href="../model/script-5649a5fc/index.html">&lt;script&gt;alert(1)&lt;/script&gt;</a></th>' markup/en/text/index.html
check "HTML attribute-breaking organization escaped" grep -qF \
    '<td class="text">&lt;img src=x onerror=alert(1)&gt;</td>' markup/en/text/index.html
check "SVG chart label escaped" grep -qF \
    '<text class="name" x="242.0" y="43.0" text-anchor="end">&lt;script&gt;alert(1)&lt;/script&gt;</text>' \
    markup/en/text.svg
check "Markdown: markup escaped" grep -qF \
    '| [\<script\>alert(1)\</script\>](https://example.org/boards/en/model/script-5649a5fc/index.html) | 1,400 |  | 10 | \<img src=x onerror=alert(1)\> | MIT |' markup/en/text.md
check "Markdown: | escaped, link syntax escaped" grep -qF \
    '| [evil\|name second line](https://example.org/boards/en/model/evil-name-second-line-999f789a/index.html) | 1,300 |  | 5 | A\|B | \[x\](javascript:alert(1)) |' markup/en/text.md

# Formulas in the CSV download are neutralised (CSV injection).
cp "$H/board-csv-formulas.json" data/
config_with board-csv-formulas.json
run_lbgen build --config c.json --out formulas -q
check_eq "board-csv-formulas.json: builds" "0 " "$status $err"
check_eq "board-csv-formulas.json: CSV cells that start a formula begin with '" \
    ",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",1400,,,,,,,\"'+cmd|calc\",\"'@SUM(1)\",,,,,,
,\"'-2+3\",1300,,,,,,,,,,,,,," "$(sed 1d formulas/data/text.csv | tr -d '\r')"

# Locales: `i18n check` and the build both name the file and position.
cp "$H/locale-invalid-json.json" badloc/fr.json
run_lbgen i18n check --locales badloc
check_eq "locale-invalid-json.json: i18n check exit status" 2 "$status"
check_contains "locale-invalid-json.json: i18n check message" \
    "badloc/fr.json:1:44: error: invalid JSON" "$out$err"
config_with mini.json "s|$ROOT/locales|badloc|"
build_fails locale-invalid-json.json 2 \
    "lbgen build: badloc/fr.json:1:44: error: invalid JSON"
cp "$H/locale-latin1.json" badloc/fr.json
build_fails locale-latin1.json 2 \
    "lbgen build: badloc/fr.json:1:24: error: invalid UTF-8"
cp "$H/deep-object.json" badloc/fr.json
build_fails locale-deep 2 \
    "lbgen build: badloc/fr.json:1:5001: error: JSON nested more than 1000 levels deep"

# The configuration itself.
config_with mini.json 's|"top_n": 0,|"top_n": 0, "live": {"url": "https://example.org/", "adapter": "no-such"},|'
build_fails config-unknown-adapter 2 \
    "lbgen build: c.json: leaderboards[0].live.adapter: unknown adapter \"no-such\""
# Unknown keys anywhere, with the nearest known one.
config_with mini.json 's|"top_n": 0,|"top_N": 0,|'
build_fails config-top_N 2 \
    "lbgen build: c.json:17:7: error: leaderboards[0].top_N: unknown key (did you mean \`top_n\`?)"
config_with mini.json 's|"top_n": 0,|"top_n": 0, "chart_topn": 5,|'
build_fails config-chart_topn 2 \
    "lbgen build: c.json:17:19: error: leaderboards[0].chart_topn: unknown key (did you mean \`chart_top_n\`?)"
config_with mini.json 's|"base_url"|"baseurl"|'
build_fails config-site.baseurl 2 \
    "lbgen build: c.json:5:5: error: site.baseurl: unknown key (did you mean \`base_url\`?)"
config_with mini.json 's|"top_n": 0,|"top_n": 0, "live": {"url": "https://example.org/", "adapter": "table", "cache": 1},|'
build_fails config-live.cache 2 \
    "lbgen build: c.json:17:79: error: leaderboards[0].live.cache: unknown key (known keys here: \`url\`, \`adapter\`, \`via\`, \`max_rows\`, \`options\`)"
config_with mini.json 's|^{$|{"theme": "dark",|'
build_fails config-theme 2 \
    "lbgen build: c.json:1:2: error: theme: unknown key (known keys here: \`site\`, \`paths\`, \`catalog\`, \`locales\`, \`leaderboards\`)"
config_with mini.json 's|"locales": \["zh", "en", "fr"\]|"locales": ["zh", "../en"]|'
build_fails config-locale-path 2 \
    "lbgen build: c.json: locales: a locale code is letters, digits and '-' (it names a directory and a file)"
printf '[1]\n' >c.json
build_fails config-not-an-object 2 "lbgen build: c.json: expected an object"
cp "$H/deep-object.json" c.json
build_fails config-deep 2 \
    "lbgen build: c.json:1:5001: error: JSON nested more than 1000 levels deep"
printf '{"site": {"title_key": "\377"}}' >c.json
build_fails config-invalid-utf8 2 "lbgen build: c.json:1:25: error: invalid UTF-8"
check "after all that, out/ is still the first build" diff -r reference out

# ---- templates ---------------------------------------------------------------
cd "$H" || exit 1
mkdir -p tpl/p
echo secret >tpl/secret.mustache
echo '{"l": [1, 2, 3, 4], "name": "<b>"}' >view.json
# render_fails CASE MESSAGE: `lbgen render tpl/p/CASE view.json` exits 2
# with exactly MESSAGE and prints nothing on stdout.
render_fails() {
    run_lbgen render "tpl/p/$1" view.json
    check_eq "$1: exit status" 2 "$status"
    check_eq "$1: message" "$2" "$err"
    check_eq "$1: no partial output" "" "$out"
}
printf 'a{{>../secret}}b' >tpl/p/dotdot.html
render_fails dotdot.html \
    "tpl/p/dotdot.html:1:2: error: partial name '../secret' must stay inside the partials directory"
printf '{{>/etc/passwd}}' >tpl/p/absolute.html
render_fails absolute.html \
    "tpl/p/absolute.html:1:1: error: partial name '/etc/passwd' must stay inside the partials directory"
ln -s ../secret.mustache tpl/p/link.mustache
printf '{{>link}}' >tpl/p/symlink.html
render_fails symlink.html \
    "tpl/p/symlink.html:1:1: error: partial 'link' resolves outside the partials directory ($(pwd -P)/tpl/secret.mustache)"
printf 'x{{>self}}' >tpl/p/self.mustache
render_fails self.mustache \
    "tpl/p/self.mustache:1:2: error: partials, parents and blocks nested more than 64 deep (recursive partial?)"
# Twenty nested sections over a four-item list: 4^20 steps, stopped.
python3 -c "print('{{#l}}' * 20 + 'x' + '{{/l}}' * 20)" >tpl/p/explode.txt
render_fails explode.txt \
    "tpl/p/explode.txt:1:121: error: rendering takes more than 20000000 steps (partials or sections multiplying?)"
printf '{{#l}}\n{{name}\n' >tpl/p/unclosed.md
render_fails unclosed.md "tpl/p/unclosed.md:2:1: error: unclosed tag: no '}}' after it"
run_lbgen render long-line.mustache view.json
check_eq "long-line.mustache: a 20 MB line renders" "0 " "$status $err"
check_eq "long-line.mustache: unchanged but the comment" 20000000 "${#out}"

# ---- a 200 MB response over loopback ----------------------------------------
start_http_server "$ROOT/tests/fixtures/fetch"
N=209715200
run_lbgen fetch "$B/big?n=$N&token=big" --adapter table --no-cache --out "$TMP/o/big.json"
check_eq "200 MB with Content-Length: exit status" 3 "$status"
check_eq "200 MB with Content-Length: message" \
    "lbgen fetch: $B/big?n=$N&token=big: body larger than the 67108864-byte limit" "$err"
check "200 MB with Content-Length: nothing written" test ! -e "$TMP/o/big.json"
run_lbgen fetch "$B/stream?n=$N&token=stream" --adapter table --no-cache --out "$TMP/o/stream.json"
check_eq "200 MB streamed: exit status" 3 "$status"
check_eq "200 MB streamed: message" \
    "lbgen fetch: $B/stream?n=$N&token=stream: body larger than the 67108864-byte limit" "$err"
check "200 MB streamed: nothing written" test ! -e "$TMP/o/stream.json"
sleep 0.5
big_sent=$(curl -s "$B/sent?token=big")
stream_sent=$(curl -s "$B/sent?token=stream")
check "200 MB with Content-Length: refused before the body ($big_sent bytes sent)" \
    test "$big_sent" -lt 67108864
check "200 MB streamed: stopped early ($stream_sent bytes sent)" \
    test "$stream_sent" -lt 100000000
