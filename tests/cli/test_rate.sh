# `lbgen rate`: formats, invariances, determinism, methods, errors.
# Fixtures: tests/fixtures/rate (see generate.py there).
. "$(dirname "$0")/../lib.sh"
F=$ROOT/tests/fixtures/rate
TAB=$(printf '\t')

run_lbgen rate "$F/battles.jsonl" --bootstrap 200 --id arena --out "$TMP/a.json"
check_eq "JSONL battles rate" 0 "$status"
check_eq "nothing on stdout with --out" "" "$out"
check_contains "summary line" \
    "300 battles read, 270 kept (5 models); filtered: 30 not anonymous" "$err"
a=$(cat "$TMP/a.json")
check_contains "method" "\"method\":${TAB}\"bradley-terry\"" "$a"
check_contains "battle count" "\"battles\":${TAB}270" "$a"
check_contains "bootstrap rounds" "\"bootstrap_rounds\":${TAB}200" "$a"
check_contains "default anchor" "\"model\":${TAB}\"mixtral-8x7b-instruct-v0.1\",
$TAB$TAB${TAB}\"rating\":${TAB}1114," "$a"
check_contains "strongest first, with CI and ranks" "\"model\":${TAB}\"alpha\",
$TAB$TAB${TAB}\"rating\":${TAB}1230.74," "$a"
check_contains "rank spread" "\"rank_spread\":${TAB}[1, 1]" "$a"
check_contains "first seen" "\"first_seen\":${TAB}\"2024-06-01T" "$a"

run_lbgen rate "$F/battles.json" --bootstrap 200 --id arena --threads 1 \
    --quiet
check_eq "JSON array, one thread, gives the identical board" "$a" "$out"
check_eq "--quiet: silent stderr" "" "$err"

run_lbgen rate "$F/battles.jsonl" --bootstrap 30 --style-control --threads 1
one=$out
run_lbgen rate "$F/battles.jsonl" --bootstrap 30 --style-control --threads 2
check_eq "style control: same output on 1 and 2 threads" "$one" "$out"

run_lbgen rate "$F/battles-swapped.jsonl" --bootstrap 200 --id arena
check_eq "swapping model_a/model_b and the winner changes nothing" "$a" "$out"

run_lbgen rate "$F/battles.jsonl" --bootstrap 200 --id arena --seed 7
check "another seed moves the intervals" test "$a" != "$out"

run_lbgen rate "$F/battles.jsonl" --bootstrap 50 --style-control \
    --csv "$TMP/a.csv" --matrix "$TMP/m.json"
check_eq "style control" 0 "$status"
check_contains "style rating" "\"style_rating\":" "$out"
check_contains "style coefficients" "\"style_coefficients\":$TAB{" "$out"
check "CSV written" test -s "$TMP/a.csv"
check_contains "CSV header" "model" "$(head -1 "$TMP/a.csv")"
m=$(cat "$TMP/m.json")
check_contains "matrix counts" "\"battles\":" "$m"
check_contains "matrix win fractions" "\"win_fraction\":" "$m"

run_lbgen rate "$F/battles.jsonl" --bootstrap 0 --where language=Chinese \
    --where dedup_tag.sampled=true --all
check_contains "--where on nested paths, --all" \
    "300 battles read, 85 kept (5 models); filtered: 0 not anonymous, 215 by --where" "$err"

run_lbgen rate "$F/battles.jsonl" --bootstrap 0 --since 2024-06-05 \
    --until 1717800000
check_contains "--since/--until" "by --since/--until" "$err"
check_eq "--since/--until exit" 0 "$status"

run_lbgen rate "$F/battles.jsonl" --bootstrap 0 --anchor alpha=1500
check_contains "explicit anchor" "\"rating\":${TAB}1500," "$out"
run_lbgen rate "$F/battles.jsonl" --anchor nobody=1000
check_eq "unknown anchor model exits 2" 2 "$status"
check_contains "unknown anchor named" "model 'nobody' has no battles" "$err"

run_lbgen rate "$F/battles.jsonl" --method elo --bootstrap 20 --seed 3
check_eq "online Elo" 0 "$status"
check_contains "Elo method" "\"method\":${TAB}\"elo\"" "$out"

run_lbgen rate "$F/judgments.jsonl" --method winrate --baseline base \
    --bootstrap 100
check_eq "win rate" 0 "$status"
check_contains "win-rate kind" "\"kind\":${TAB}\"winrate\"" "$out"
check_contains "baseline fixed at 50" "\"model\":${TAB}\"base\",
$TAB$TAB${TAB}\"rating\":${TAB}50,
$TAB$TAB${TAB}\"ci_lower\":${TAB}50,
$TAB$TAB${TAB}\"ci_upper\":${TAB}50," "$out"
check_contains "judgment summary" "60 judgments read, 30 questions" "$err"

mkdir "$TMP/answers"
printf '{"uid":"q00","model":"strong","metadata":{"token_len":120}}\n{"uid":"q01","model":"strong","metadata":{"token_len":80}}\n' \
    >"$TMP/answers/strong.jsonl"
printf 'not json\n' >"$TMP/answers/notes.txt"
run_lbgen rate "$F/judgments.jsonl" --method winrate --baseline base \
    --bootstrap 10 --answers "$TMP/answers"
check_contains "average tokens from an answers directory" \
    "\"avg_tokens\":${TAB}100" "$out"

run_lbgen rate "$F/battles.jsonl" --all --bootstrap 0 --where tstamp=1717200000
check_contains "--where compares numbers" "300 battles read, 1 kept" "$err"

: >"$TMP/empty.jsonl"
run_lbgen rate "$TMP/empty.jsonl"
check_eq "empty file exits 0" 0 "$status"
check_contains "empty file: no models" "\"models\":${TAB}[]" "$out"
check_contains "empty file warns" "holds no battles" "$err"

printf '{"model_a":"a","model_b":"b","winner":"model_a","anony":true}\n{"model_a":"a","model_b":"b","winner":"draw","anony":true}\n' \
    >"$TMP/bad.jsonl"
run_lbgen rate "$TMP/bad.jsonl" --out "$TMP/never.json"
check_eq "unknown winner exits 2" 2 "$status"
check_eq "unknown winner message" "lbgen rate: $TMP/bad.jsonl:2:39: error: record 2: unknown winner \"draw\" (expected model_a, model_b, tie, tie (bothbad) or both_bad) (byte 100)" "$err"
check "nothing written on error" test ! -e "$TMP/never.json"

printf '[{"model_a":"a","model_b":"b","winner":"tie"},\n {"model_a":"a","model_b":"b","winner":"tie"' >"$TMP/cut.json"
run_lbgen rate "$TMP/cut.json"
check_eq "truncated JSON exits 2" 2 "$status"
check_contains "truncated JSON located" "cut.json:2:45: error: record 2: expected ',' or '}', found end of input" "$err"

printf '{"model_a":"a","model_b":"a","winner":"tie","anony":true}\n{"model_a":"a","model_b":"b","winner":"model_b","anony":true}\n' >"$TMP/self.jsonl"
run_lbgen rate "$TMP/self.jsonl" --bootstrap 10
check_contains "self-battles counted" "1 self-battles skipped" "$err"
check_contains "never-winning model named" "never won (no finite maximum-likelihood rating): a" "$err"
check_eq "degenerate data still exits 0" 0 "$status"

run_lbgen rate "$F/battles.jsonl" --bootstrap
check_eq "missing option value exits 1" 1 "$status"
run_lbgen rate "$F/battles.jsonl" --method magic
check_eq "bad method exits 1" 1 "$status"
check_contains "bad method named" "lbgen rate: --method: expected bt, elo or winrate, got 'magic'" "$err"
run_lbgen rate "$F/battles.jsonl" --method winrate
check_eq "winrate without baseline exits 1" 1 "$status"
run_lbgen rate "$F/battles.jsonl" --since tomorrow
check_eq "bad --since exits 1" 1 "$status"
run_lbgen rate
check_eq "no input exits 1" 1 "$status"
run_lbgen help rate
check_contains "help rate" "usage: lbgen rate BATTLES.json[l]" "$out"
