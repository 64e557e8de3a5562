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

# ---- rows are always in rank order ------------------------------------------
# rank_order FILE.json: the ranks of the rows are 1, 2, 3, ... in order.
rank_order() {
    python3 -c '
import json, sys
ranks = [m["rank"] for m in json.load(open(sys.argv[1]))["models"]]
sys.exit(0 if ranks == list(range(1, len(ranks) + 1)) else 1)' "$1"
}
for args in "--bootstrap 50" "--ci bootstrap --bootstrap 50" \
    "--method elo --bootstrap 20" "--style-control"; do
    # shellcheck disable=SC2086 # the arguments are meant to split
    run_lbgen rate "$F/battles.jsonl" $args --quiet --out "$TMP/r.json"
    check "rows in rank order: $args" rank_order "$TMP/r.json"
done

# ---- intervals: sandwich (default) or bootstrap -----------------------------
run_lbgen rate "$F/battles.jsonl" --quiet
check_contains "sandwich intervals by default" "\"ci\":${TAB}\"sandwich\"" "$out"
check_contains "no bootstrap by default: no rounds in the source" "\"method\":${TAB}\"bradley-terry\",
$TAB${TAB}\"ci\":${TAB}\"sandwich\",
$TAB${TAB}\"battles\":${TAB}270
$TAB}" "$out"
check_contains "symmetric sandwich interval around the point" "\"rating\":${TAB}1230.74,
$TAB$TAB${TAB}\"ci_lower\":${TAB}1179.5,
$TAB$TAB${TAB}\"ci_upper\":${TAB}1281.98," "$out"
run_lbgen rate "$F/battles.jsonl" --ci bootstrap --bootstrap 200 --quiet
check_contains "--ci bootstrap" "\"ci\":${TAB}\"bootstrap\"" "$out"
run_lbgen rate "$F/battles.jsonl" --ci jackknife
check_eq "--ci with an unknown method exits 1" 1 "$status"
check_contains "--ci message" "lbgen rate: --ci: expected sandwich or bootstrap, got 'jackknife'" "$err"
run_lbgen rate "$F/battles.jsonl" --method elo --ci sandwich
check_eq "--ci sandwich with elo exits 1" 1 "$status"
check_contains "--ci sandwich with elo: message" "lbgen rate: --ci: sandwich intervals go with method bt (elo intervals are bootstrap quantiles)" "$err"
run_lbgen rate "$F/battles.jsonl" --bootstrap 1000001
check_contains "--bootstrap range" "lbgen rate: --bootstrap: expected an integer from 0 to 1000000, got '1000001'" "$err"
run_lbgen rate "$F/battles.jsonl" --weight-field w --method elo
check_contains "weights go with bt" "lbgen rate: --weight-field: battle weights go with method bt" "$err"
run_lbgen rate "$F/judgments.jsonl" --baseline base
check_contains "--baseline without winrate" "lbgen rate: --baseline: goes with method winrate" "$err"

# ---- weights ----------------------------------------------------------------
python3 - "$F/battles.jsonl" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
with open(src) as f, open(tmp + "/w1.jsonl", "w") as one, \
        open(tmp + "/w2.jsonl", "w") as two:
    for line in f:
        r = json.loads(line)
        r["weight"] = 1
        one.write(json.dumps(r) + "\n")
        r["weight"] = 2
        r["w"] = 2
        two.write(json.dumps(r) + "\n")
PY
run_lbgen rate "$F/battles.jsonl" --quiet --id b
plain=$out
run_lbgen rate "$TMP/w1.jsonl" --quiet --id b
check_eq "weights of 1 change nothing" "$plain" "$out"
run_lbgen rate "$TMP/w2.jsonl" --quiet --id b
check_contains "weight 2 keeps the ratings" "\"rating\":${TAB}1230.74," "$out"
check "weight 2 changes the sandwich (ridge 1e-5, sum of squares)" test "$plain" != "$out"
run_lbgen rate "$TMP/w2.jsonl" --quiet --id b --weight-field w
w2=$out
check_contains "--weight-field names the column" "\"rating\":${TAB}1230.74," "$w2"

# ---- win rates: answers in both layouts, in the same file or beside it -------
A=$ROOT/tests/fixtures/rate/arena-hard
run_lbgen rate "$A/judgments.jsonl" --method winrate --baseline gpt-4-0314 \
    --answers "$A/answers" --bootstrap 0 --csv "$TMP/hard.csv" --quiet --id hard
v01=$out
check_contains "v0.1 answers: conv_metadata.token_len" "\"model\":${TAB}\"claude-x\",
$TAB$TAB${TAB}\"rating\":${TAB}61.11,
$TAB$TAB${TAB}\"rank\":${TAB}1,
$TAB$TAB${TAB}\"votes\":${TAB}40,
$TAB$TAB${TAB}\"avg_tokens\":${TAB}637.9" "$v01"
check_eq "the CSV carries avg_tokens" \
    "rank,model,rating,ci_lower,ci_upper,rank_spread_lo,rank_spread_hi,votes,preliminary,organization,license,url,display_name,price_input,price_output,context,sessions,avg_tokens
1,claude-x,61.11,,,,,40,,,,,,,,,,637.9" "$(head -2 "$TMP/hard.csv" | tr -d '\r')"
run_lbgen rate "$A/judgments.jsonl" --method winrate --baseline gpt-4-0314 \
    --answers "$A/answers-v2.jsonl" --bootstrap 0 --quiet --id hard
check_eq "v2.0 answers (metadata) give the same board" "$v01" "$out"
run_lbgen rate "$A/combined.jsonl" --method winrate --baseline gpt-4-0314 \
    --bootstrap 0 --quiet --id hard
check_eq "answers after the judgments in one file: the same board" "$v01" "$out"
mkdir "$TMP/some"
cp "$A/answers/claude-x.jsonl" "$A/answers/gpt-y.jsonl" "$TMP/some/"
run_lbgen rate "$A/judgments.jsonl" --method winrate --baseline gpt-4-0314 \
    --answers "$TMP/some" --bootstrap 0 --quiet
check_eq "models without token counts are named" "lbgen rate: warning: answers: no token count (metadata.token_len, conv_metadata.token_len or choices[0].turns[].token_len) for models 'gpt-4-0314', 'llama-z', 'qwen-w', 'tiny-v'; avg_tokens left empty" "$err"
printf '{"question_id": "q00", "model_id": "claude-x", "conv_metadata": {"token_len": -4, "header_count": 0, "list_count": 0, "bold_count": 0}}\n' >"$TMP/neg.jsonl"
run_lbgen rate "$A/judgments.jsonl" --method winrate --baseline gpt-4-0314 \
    --answers "$TMP/neg.jsonl" --bootstrap 0 --quiet
check_eq "negative token count: exit 2" 2 "$status"
check_eq "negative token count: message" "lbgen rate: $TMP/neg.jsonl:1:1: error: answer 1: conv_metadata.token_len must be a count from 0 to 1e12 (or an object of such counts)" "$err"

# ---- win rates: the baseline must be the judgments' --------------------------
run_lbgen rate "$A/combined.jsonl" --method winrate --baseline gpt-4 --bootstrap 0
check_eq "a baseline the answers contradict: exit 2" 2 "$status"
check_eq "a baseline the answers contradict: message" "lbgen rate: $A/combined.jsonl: the baseline 'gpt-4' has no answers, and the model that answered is never judged: 'gpt-4-0314' (is that the baseline?)" "$err"
printf '%s\n' '{"uid":"q1","model":"m","baseline":"o3-mini","games":[{"score":"A>B"}]}' \
    '{"uid":"q1","model":"n","baseline":"o3-mini","games":[{"score":"B>A"}]}' >"$TMP/v2j.jsonl"
run_lbgen rate "$TMP/v2j.jsonl" --method winrate --baseline gpt-4-0314
check_eq "a baseline the judgments never name: exit 2" 2 "$status"
check_eq "the baselines they name" "lbgen rate: $TMP/v2j.jsonl: no judgment is against the baseline 'gpt-4-0314'; the judgments name the baseline 'o3-mini'" "$err"
printf '%s\n' '{"uid":"q1","model":"m","games":[{"score":"A>B"}]}' \
    '{"uid":"q1","model":"n","baseline":"m","games":[{"score":"B>A"}]}' >"$TMP/mixed.jsonl"
run_lbgen rate "$TMP/mixed.jsonl" --method winrate --baseline base
check_eq "a model never judged against the baseline: exit 2" 2 "$status"
check_eq "it is named" "lbgen rate: $TMP/mixed.jsonl: model 'n' is never judged against the baseline 'base' (the judgments name the baseline 'm')" "$err"
printf '%s\n' '{"uid":"q1","model":"m","games":[{"score":"A>B"},{"score":"B>A"}]}' \
    '{"uid":"q2","model":"m","games":[{"score":"A>>B"},{"score":"B>A"}]}' >"$TMP/lose.jsonl"
run_lbgen rate "$TMP/lose.jsonl" --method winrate --baseline base --bootstrap 0 --quiet
check_eq "a model that never wins: still rated" 0 "$status"
check_eq "and the fallback is reported as for battles" "lbgen rate: warning: no finite maximum-likelihood ratings; a weak ridge prior keeps them finite (see README):
  never won (no finite maximum-likelihood rating): m
  never lost (no finite maximum-likelihood rating): base" "$err"

# ---- win rates with style control (Arena-Hard-Auto v0.1's method) -----------
run_lbgen rate "$A/combined.jsonl" --method winrate --baseline gpt-4-0314 \
    --style-control --bootstrap 100 --threads 1 --quiet --id s
one=$out
check_contains "style-controlled win rates" "\"method\":${TAB}\"winrate+style\"" "$one"
check_contains "their coefficients" "\"style_coefficients\":${TAB}{
$TAB$TAB$TAB\"length\":${TAB}0.072673," "$one"
check_contains "scores with the style removed" "\"model\":${TAB}\"gpt-y\",
$TAB$TAB${TAB}\"rating\":${TAB}57.7," "$one"
run_lbgen rate "$A/combined.jsonl" --method winrate --baseline gpt-4-0314 \
    --style-control --bootstrap 100 --threads 2 --quiet --id s
check_eq "style-controlled win rates: same on 1 and 2 threads" "$one" "$out"
printf '%s\n' "$one" >"$TMP/s.json"
check "style-controlled win rates: rows in rank order" rank_order "$TMP/s.json"
run_lbgen rate "$A/judgments.jsonl" --method winrate --baseline gpt-4-0314 \
    --style-control --bootstrap 0
check_eq "style control without answers: exit 2" 2 "$status"
check_eq "style control without answers: message" "lbgen rate: $A/judgments.jsonl: style control needs the answers' counts (metadata or conv_metadata: token_len, header_count, list_count, bold_count); there are none for model 'claude-x' on question 'q00'" "$err"

# ---- battles: both_bad and ISO-8601 timestamps (arena-human-preference-*) ---
printf '%s\n' '{"model_a":"a","model_b":"b","winner":"both_bad","timestamp":"2025-03-01T10:00:00.25Z"}' \
    '{"model_a":"a","model_b":"b","winner":"model_a","timestamp":"2025-03-02 10:00:00"}' >"$TMP/hp.jsonl"
run_lbgen rate "$TMP/hp.jsonl" --all --quiet
check_eq "both_bad and timestamp are read" 0 "$status"
check_contains "the newest timestamp is the board's time" "\"updated_at\":${TAB}\"2025-03-02T10:00:00Z\"" "$out"
run_lbgen rate "$TMP/hp.jsonl" --all --since 2025-03-02 --bootstrap 0
check_contains "--since applies to ISO timestamps" "2 battles read, 1 kept" "$err"

# ---- progress: a bar on a terminal, nothing otherwise ------------------------
run_lbgen rate "$F/battles.jsonl" --ci bootstrap --bootstrap 3000
check "no bar when stderr is not a terminal" sh -c "! printf '%s' \"\$1\" | grep -q \"\$(printf '\\r')\"" sh "$err"
python3 - "$LBGEN" "$TMP/big.jsonl" "$TMP/tty.txt" <<'PY'
import os, pty, random, sys
lbgen, battles, log = sys.argv[1:4]
random.seed(3)
with open(battles, "w") as f:  # enough for the bootstrap to take a while
    for k in range(60000):
        a, b = random.sample(range(150), 2)
        f.write('{"model_a":"m%d","model_b":"m%d","winner":"%s","anony":true}\n'
                % (a, b, "model_a" if random.random() < 0.6 else "model_b"))
pid, fd = pty.fork()
if pid == 0:
    out = os.open("/dev/null", os.O_WRONLY)
    os.dup2(out, 1)
    os.execv(lbgen, [lbgen, "rate", battles, "--ci", "bootstrap",
                     "--bootstrap", "600", "--threads", "1"])
data = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.waitpid(pid, 0)
open(log, "wb").write(data)
PY
tty=$(cat "$TMP/tty.txt")
check_contains "a bar on a terminal" "bootstrap [" "$tty"
check_contains "with rounds done" "/600 rounds" "$tty"
check_contains "and the time left" " s left" "$tty"

run_lbgen help rate
for flag in --method --ci --bootstrap --seed --threads --style-control --anchor \
    --weight-field --baseline --answers --anony-only --all --where --since \
    --until --preliminary-votes --preliminary-days --out --csv --matrix --id \
    --quiet; do
    check_contains "help rate names $flag" " $flag" "$out"
done

# ---- many models: no cap below 100,000, but no n x n matrix beyond 5000 ------
python3 -c "
with open('$TMP/chain.jsonl', 'w') as f:
    for i in range(5001):
        for w in ('model_a', 'model_b'):
            f.write('{\"model_a\":\"m%d\",\"model_b\":\"m%d\",\"winner\":\"%s\",\"anony\":true}\n' % (i, (i + 1) % 5001, w))"
run_lbgen rate "$TMP/chain.jsonl" --quiet --out "$TMP/chain.json"
check_eq "5001 models are rated" 0 "$status"
check "with every row in rank order" rank_order "$TMP/chain.json"
run_lbgen rate "$TMP/chain.jsonl" --quiet --matrix "$TMP/m.json" --out "$TMP/never.json"
check_eq "--matrix beyond 5000 models: exit 2" 2 "$status"
check_eq "--matrix beyond 5000 models: message" "lbgen rate: --matrix: 5001 models; the pairwise matrix (n x n) is written for at most 5000" "$err"
check "nothing written" test ! -e "$TMP/never.json"

# ---- ties after rounding: rank order is row order, equal ratings by name ----
# alpha wins 2 of 3 battles (66.667 %), zeta 6667 of 10000 (66.670 %): both
# print as 66.67. zeta is ahead before rounding; the rows must still read
# rank 1, rank 2, with equal printed ratings ordered by name.
python3 -c "
with open('$TMP/tied.jsonl', 'w') as f:
    f.write('{\"uid\":\"a0\",\"model\":\"alpha\",\"games\":[{\"score\":\"B>A\"},{\"score\":\"B>A\"}]}\n')
    f.write('{\"uid\":\"a1\",\"model\":\"alpha\",\"games\":[{\"score\":\"B>A\"}]}\n')
    for i in range(5000):
        wins = 2 if i < 1667 else 1
        games = [{'score': 'B>A' if wins else 'A>B'}, {'score': 'A>B' if wins == 2 else 'B>A'}]
        f.write('{\"uid\":\"z%d\",\"model\":\"zeta\",\"games\":[{\"score\":\"%s\"},{\"score\":\"%s\"}]}\n'
                % (i, games[0]['score'], games[1]['score']))"
run_lbgen rate "$TMP/tied.jsonl" --method winrate --baseline base --bootstrap 0 --quiet --out "$TMP/tied.json"
check_eq "tied after rounding: exit 0" 0 "$status"
check_eq "tied after rounding: rows in rank order, ties by name" "1 alpha 66.67
2 zeta 66.67
3 base 50" "$(python3 -c "
import json
for m in json.load(open('$TMP/tied.json'))['models']:
    print(m['rank'], m['model'], m['rating'])")"
run_lbgen rate "$TMP/chain.jsonl" --bootstrap 4000 --out "$TMP/never.json"
check_eq "a bootstrap table too large: exit 2" 2 "$status"
check_eq "a bootstrap table too large: message" "lbgen rate: $TMP/chain.jsonl: 4000 bootstrap rounds of 5001 models are more than the 20000000 the bootstrap keeps; use fewer rounds (or sandwich intervals)" "$(printf '%s\n' "$err" | tail -1)"
