#!/bin/sh
# Fault proof: `lbgen build --fetch` killed with SIGKILL at random moments
# never leaves a mixed result. On a copy of the repository whose
# open-source board gets a live source of 5,000 rows (so the refresh
# writes a MB to data/ and the site build has real work), each run
# starts from the old state, is killed after a random delay between 0 and
# the measured time of a whole build, and then:
#   - site/ is entirely the old site or entirely the new one (diff -r);
#   - nothing half-built sits inside site/ (it is what gets published);
#   - every data/ file holds the old bytes or the new ones (or is absent
#     if it is new);
# and a last, unkilled build removes whatever the killed ones left beside
# their outputs (.site.tmp.PID.*, data/*.tmp.PID.*).
# LBGEN_FAULT_RUNS sets the number of runs (default 30), LBGEN_FAULT_ROWS
# the size of the source (default 5000; 20000 makes every phase longer).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

RUNS=${LBGEN_FAULT_RUNS:-30}
ROWS=${LBGEN_FAULT_ROWS:-5000}
export SOURCE_DATE_EPOCH=1767340800 # 2026-01-02: the same new bytes each run

# The old state: the repository's data and a site built from it. The
# source is 100 times the committed board, more than the growth check
# lets through: --force publishes it (the guard is test_refresh.sh's).
OLD=$TMP/old
mkdir -p "$OLD"
cp -R "$ROOT/templates" "$ROOT/locales" "$ROOT/data" "$OLD/"
python3 - "$ROOT/leaderboards.json" "$OLD/leaderboards.json" "$TMP/big.csv" "$ROWS" <<'EOF'
import json, random, sys
src, dst, csv, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
config = json.load(open(src))
for board in config["leaderboards"]:
    board.pop("live", None)  # no network: only the generated source
    board.pop("sources", None)
    if board["id"] == "opensource":
        board["live"] = {"url": csv, "adapter": "table"}
        # The table adapter reads "size" as params and "total" as the
        # rating, where the committed snapshot has extra.size and
        # scores.total: show neither.
        board["columns"] = [c for c in board["columns"]
                            if c not in ("size", "total")]
json.dump(config, open(dst, "w"), indent=2)
cols = ["medical", "education", "finance", "law", "public_administration",
        "mental_health", "reasoning_math", "language_instruction"]
rng = random.Random(7)
with open(csv, "w") as f:
    f.write("model,organization," + ",".join(cols) + ",total\n")
    for i in range(rows):
        scores = [round(rng.uniform(10, 95), 1) for _ in cols]
        f.write("model-%05d,org-%d," % (i, i % 97)
                + ",".join("%.1f" % v for v in scores)
                + ",%.1f\n" % (sum(scores) / len(scores)))
EOF
(cd "$OLD" && "$LBGEN" build -q)
check "the old site is built" test -f "$OLD/site/index.html"

# The new state, from one whole run; its duration sets the kill window.
NEW=$TMP/new
cp -R "$OLD" "$NEW"
start=$(date +%s%N)
(cd "$NEW" && "$LBGEN" build --fetch --force -q)
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
check "the new site is built ($ms ms)" test -f "$NEW/site/index.html"
check "the refresh changed the data" test -n "$(diff -rq "$OLD/data" "$NEW/data")"
check "and so the site" test -n "$(diff -rq "$OLD/site" "$NEW/site")"

# same_as_old_or_new DIR: every file under DIR/data is the old or new copy.
data_ok() {
    (cd "$1/data" && find . -type f ! -name '*.tmp.*') | while read -r f; do
        if cmp -s "$1/data/$f" "$OLD/data/$f" || cmp -s "$1/data/$f" "$NEW/data/$f"; then
            :
        else
            echo "$f"
        fi
    done
}

W=$TMP/work
old_sites=0
new_sites=0
in_site_write=0
data_new=0
bad=0
i=0
while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    rm -rf "$W"
    cp -R "$OLD" "$W"
    delay=$(awk -v ms="$ms" -v seed="$i$$" 'BEGIN { srand(seed); printf "%.3f", rand() * ms / 1000 }')
    (cd "$W" && exec "$LBGEN" build --fetch --force -q) 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if diff -r "$W/site" "$OLD/site" >/dev/null 2>&1; then
        old_sites=$((old_sites + 1))
    elif diff -r "$W/site" "$NEW/site" >/dev/null 2>&1; then
        new_sites=$((new_sites + 1))
    else
        bad=$((bad + 1))
        not_ok "run $i (killed after ${delay}s): site/ is neither the old nor the new site"
        diff -rq "$W/site" "$NEW/site" 2>&1 | head -5 | sed 's/^/#   /'
    fi
    # Where the kill landed: with a staging tree beside site/, while the
    # site was being written; with new data but the old site, after the
    # refresh and before the swap.
    if [ -n "$(find "$W" -maxdepth 1 -name '.site.tmp.*')" ]; then
        in_site_write=$((in_site_write + 1))
    fi
    if ! diff -rq "$W/data" "$OLD/data" >/dev/null 2>&1; then
        data_new=$((data_new + 1))
    fi
    inside=$(find "$W/site" -name '*.tmp.*' 2>/dev/null)
    [ -z "$inside" ] || { bad=$((bad + 1)); not_ok "run $i: staging files inside site/: $inside"; }
    mixed=$(data_ok "$W")
    [ -z "$mixed" ] || { bad=$((bad + 1)); not_ok "run $i (killed after ${delay}s): data/ files neither old nor new: $mixed"; }
done
check_eq "$RUNS killed builds: no mixed site or data (old site $old_sites, new site $new_sites; data refreshed $data_new; killed while writing the site $in_site_write)" 0 "$bad"
check "some runs were killed before the swap" test "$old_sites" -gt 0
check "some runs were killed after the data was written" test "$data_new" -gt 0

# Leftovers of killed builds beside the outputs are cleaned up by the next
# build: stage one of each (a dead PID's name), then build to the end.
rm -rf "$W"
cp -R "$OLD" "$W"
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$W/.site.tmp.$dead.AbCdEf/en"
echo half >"$W/.site.tmp.$dead.AbCdEf/en/index.html"
echo half >"$W/data/opensource-benchmark.json.tmp.$dead.AbCdEf"
mkdir -p "$W/.site.tmp.1.XyZ123" # PID 1 runs: someone else's, kept
(cd "$W" && "$LBGEN" build --fetch --force -q)
check_eq "a whole build after the kills" 0 $?
check "it is the new site" diff -r "$W/site" "$NEW/site"
check "stale staging tree of a dead build removed" test ! -e "$W/.site.tmp.$dead.AbCdEf"
check "stale temporary data file of a dead build removed" \
    test ! -e "$W/data/opensource-benchmark.json.tmp.$dead.AbCdEf"
check "a staging tree whose PID is alive is left alone" test -d "$W/.site.tmp.1.XyZ123"
