#!/bin/sh
# The publish workflow's build step: fetch fresh data and build site/.
#
# - With SCRAPER_API_KEY set: `lbgen build --fetch`. Without it: no fetch;
#   the site is built from the committed data and the job summary says so
#   (a fork or a new repository without the secret still publishes).
# - Exit 3 (a source failed its checks; lbgen kept its last good data) is
#   not fatal here: the site is still uploaded and deployed, and the status
#   goes to $GITHUB_OUTPUT as fetch_status so the workflow marks the run
#   failed at the very end. Any other failure stops the run.
# - The build's messages go to stderr and to $BUILD_LOG, which
#   `lbgen summary --log` quotes in the job summary.
set -u
: "${LBGEN:=./lbgen}"
: "${GITHUB_OUTPUT:=/dev/null}"
: "${GITHUB_STEP_SUMMARY:=/dev/null}"
: "${BUILD_LOG:=${RUNNER_TEMP:-/tmp}/lbgen-build.log}"

if [ -n "${SCRAPER_API_KEY:-}" ]; then
    set -- build --fetch --out site
else
    set -- build --out site
    {
        echo '> [!NOTE]'
        echo "> The \`SCRAPER_API_KEY\` secret is not set, so no data was fetched:"
        echo '> the site was built from the data committed in the repository.'
        echo
    } >>"$GITHUB_STEP_SUMMARY"
    echo "::notice::SCRAPER_API_KEY is not set: building from the committed data"
fi

echo "+ $LBGEN $*"
"$LBGEN" "$@" 2>"$BUILD_LOG"
status=$?
cat "$BUILD_LOG" >&2
echo "fetch_status=$status" >>"$GITHUB_OUTPUT"
case $status in
0) ;;
3)
    echo "::error::a source failed its checks; the site is published from" \
        "the last good data and the run will be marked failed"
    ;;
*) exit "$status" ;;
esac
