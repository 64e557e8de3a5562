#!/bin/sh
# `lbgen build` for the publish workflow (.github/workflows/publish.yml) and
# the composite action (action.yml). Arguments go to lbgen build (default
# --out site): `tools/publish-build.sh --out site`, or
# `tools/publish-build.sh --config docs/leaderboards.json --docs-out docs`.
#
# - FETCH=auto (the default): `--fetch` when SCRAPER_API_KEY is set.
#   Without it nothing is fetched: the pages are built from the committed
#   data and the job summary says so (a fork or a new repository without
#   the secret still publishes). FETCH=always fetches anyway (sources that
#   need no proxy key), FETCH=never never does.
# - Exit 3 (a source failed its checks; lbgen kept its last good data) is
#   not fatal here: the pages are still published, and the status goes to
#   $GITHUB_OUTPUT as fetch_status so the run is marked failed at the very
#   end. Any other failure stops the run.
# - The build's messages go to stderr and to $BUILD_LOG, which
#   `lbgen summary --log` quotes in the job summary.
set -u
: "${LBGEN:=./lbgen}"
: "${GITHUB_OUTPUT:=/dev/null}"
: "${GITHUB_STEP_SUMMARY:=/dev/null}"
: "${BUILD_LOG:=${RUNNER_TEMP:-/tmp}/lbgen-build.log}"
: "${FETCH:=auto}"

[ $# -gt 0 ] || set -- --out site
case $FETCH in
always) set -- build --fetch "$@" ;;
never) set -- build "$@" ;;
auto)
    if [ -n "${SCRAPER_API_KEY:-}" ]; then
        set -- build --fetch "$@"
    else
        set -- build "$@"
        {
            echo '> [!NOTE]'
            echo "> The \`SCRAPER_API_KEY\` secret is not set, so no data was fetched:"
            echo '> the pages were built from the data committed in the repository.'
            echo
        } >>"$GITHUB_STEP_SUMMARY"
        echo "::notice::SCRAPER_API_KEY is not set: building from the committed data"
    fi
    ;;
*)
    echo "publish-build.sh: FETCH is auto, always or never, not '$FETCH'" >&2
    exit 1
    ;;
esac

echo "+ $LBGEN $*"
"$LBGEN" "$@" 2>"$BUILD_LOG"
status=$?
cat "$BUILD_LOG" >&2
echo "fetch_status=$status" >>"$GITHUB_OUTPUT"
case $status in
0) ;;
3)
    echo "::error::a source failed its checks; the pages are published from" \
        "the last good data and the run will be marked failed"
    ;;
*) exit "$status" ;;
esac
