# The publish workflow's scripts: tools/publish-build.sh (fetch or not,
# exit 3 still publishes) with a stand-in lbgen, and tools/publish-commit.sh
# (commits data/ back only when it changed, naming the boards) in a
# throw-away git repository with a local bare origin.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# A stand-in for lbgen that records its arguments and exits $FAKE_STATUS.
cat >"$TMP/fake-lbgen" <<'FAKE'
#!/bin/sh
echo "$*" >"$FAKE_ARGS"
echo "lbgen build: https://example.org/text: the table has 0 rows" >&2
exit "${FAKE_STATUS:-0}"
FAKE
chmod +x "$TMP/fake-lbgen"

publish_build() { # KEY STATUS
    : >"$TMP/summary"
    : >"$TMP/output"
    env SCRAPER_API_KEY="$1" FAKE_STATUS="$2" FAKE_ARGS="$TMP/args" \
        LBGEN="$TMP/fake-lbgen" GITHUB_OUTPUT="$TMP/output" \
        GITHUB_STEP_SUMMARY="$TMP/summary" BUILD_LOG="$TMP/build.log" \
        sh "$ROOT/tools/publish-build.sh" >/dev/null 2>&1
    status=$?
}

publish_build "" 0
check_eq "without the secret: exit 0" 0 "$status"
check_eq "without the secret: no --fetch" "build --out site" "$(cat "$TMP/args")"
check_contains "the job summary says the committed data was used" \
    "built from the data committed" "$(cat "$TMP/summary")"
check_eq "the status is passed on" "fetch_status=0" "$(cat "$TMP/output")"

publish_build "k3y" 0
check_eq "with the secret: --fetch" "build --fetch --out site" "$(cat "$TMP/args")"
check_eq "with the secret: the summary has no note" "" "$(cat "$TMP/summary")"
check_contains "the build's messages are kept for the summary" \
    "the table has 0 rows" "$(cat "$TMP/build.log")"

publish_build "k3y" 3
check_eq "exit 3 still lets the site be published" 0 "$status"
check_eq "and is reported to the workflow" "fetch_status=3" "$(cat "$TMP/output")"

publish_build "k3y" 2
check_eq "any other failure stops the run" 2 "$status"

# Arguments go to lbgen build; FETCH=always/never overrides the key.
: >"$TMP/summary"
env -u SCRAPER_API_KEY FETCH=always FAKE_ARGS="$TMP/args" LBGEN="$TMP/fake-lbgen" \
    GITHUB_OUTPUT="$TMP/output" GITHUB_STEP_SUMMARY="$TMP/summary" BUILD_LOG="$TMP/build.log" \
    sh "$ROOT/tools/publish-build.sh" --config d/leaderboards.json --docs-out docs >/dev/null 2>&1
check_eq "FETCH=always fetches without a key, with the arguments given" \
    "build --fetch --config d/leaderboards.json --docs-out docs" "$(cat "$TMP/args")"
check_eq "... and says nothing about a key" "" "$(cat "$TMP/summary")"
env SCRAPER_API_KEY=k3y FETCH=never FAKE_ARGS="$TMP/args" LBGEN="$TMP/fake-lbgen" \
    GITHUB_OUTPUT="$TMP/output" BUILD_LOG="$TMP/build.log" \
    sh "$ROOT/tools/publish-build.sh" >/dev/null 2>&1
check_eq "FETCH=never never fetches" "build --out site" "$(cat "$TMP/args")"
env FETCH=sometimes LBGEN="$TMP/fake-lbgen" sh "$ROOT/tools/publish-build.sh" >/dev/null 2>"$TMP/err"
check_eq "another FETCH is a usage error" 1 "$?"
check_contains "... named" "FETCH is auto, always or never, not 'sometimes'" "$(cat "$TMP/err")"

# publish-commit.sh in a repository with the real config and data.
git init -q --bare "$TMP/origin.git"
repo="$TMP/repo"
git init -q -b main "$repo"
cp -R "$ROOT/leaderboards.json" "$ROOT/data" "$repo/"
cd "$repo" || exit 2
git add -A
git -c user.name=t -c user.email=t@example.org commit -q -m init
git remote add origin "$TMP/origin.git"
git push -q origin main
cp -R data "$TMP/previous"

commits() { git rev-list --count HEAD; }
publish_commit() {
    env -u GITHUB_ACTIONS GITHUB_REF_NAME=main LBGEN="$LBGEN" \
        sh "$ROOT/tools/publish-commit.sh" "$TMP/previous" >"$TMP/commit.log" 2>&1
    status=$?
}

publish_commit
check_eq "unchanged data: exit 0" 0 "$status"
check_eq "unchanged data: no commit" 1 "$(commits)"

sed -i '0,/"rating": [0-9.]*/s//"rating": 99.5/' data/arena-hard.json
mkdir -p data/history
echo '{}' >data/history/2026-11-23.json
publish_commit
check_eq "changed data: exit 0" 0 "$status"
check_eq "changed data: one commit" 2 "$(commits)"
check_eq "the message names the changed board" "data: refresh arena-hard" \
    "$(git log -1 --format=%s)"
check_eq "the author is the github-actions bot" "github-actions[bot]" \
    "$(git log -1 --format=%an)"
check_contains "history is committed too" "data/history/2026-11-23.json" \
    "$(git show --stat --format= HEAD)"
check_eq "the commit is pushed" "$(git rev-parse HEAD)" \
    "$(git --git-dir="$TMP/origin.git" rev-parse main)"

publish_commit
check_eq "run again: no new commit" 2 "$(commits)"

# The workflow's commit job names the boards from a file and runs no lbgen.
sed -i '0,/"rating": [0-9.]*/s//"rating": 98.5/' data/arena-hard-style.json
printf 'arena-hard-style\ntext\n' >"$TMP/boards"
env -u GITHUB_ACTIONS GITHUB_REF_NAME=main LBGEN=/nonexistent BOARDS_FILE="$TMP/boards" \
    GITHUB_OUTPUT="$TMP/gh-output" sh "$ROOT/tools/publish-commit.sh" >"$TMP/commit.log" 2>&1
check_eq "with BOARDS_FILE: exit 0" 0 "$?"
check_eq "... the message names its boards" "data: refresh arena-hard-style, text" "$(git log -1 --format=%s)"
check_eq "... and the commit is an output" "commit=$(git rev-parse HEAD)" "$(cat "$TMP/gh-output")"
env -u GITHUB_ACTIONS LBGEN=/nonexistent sh "$ROOT/tools/publish-commit.sh" >/dev/null 2>"$TMP/err"
check_eq "without a previous directory or BOARDS_FILE: usage" 1 "$?"
