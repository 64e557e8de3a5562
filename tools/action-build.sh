#!/bin/sh
# The composite action's build step (action.yml): keep the data as it was,
# run tools/publish-build.sh with the action's inputs, and write the job
# summary. Inputs come from the environment, never spliced into a script:
#   LBGEN               the lbgen the action built
#   INPUT_CONFIG        the configuration (default leaderboards.json)
#   INPUT_DOCS_DIR      --docs-out (default .)
#   INPUT_DATA_DIR      the data directory (default: data beside the
#                       configuration)
#   INPUT_FETCH         auto, always or never (tools/publish-build.sh)
#   LBGEN_BASE_URL, SCRAPER_API_KEY   passed on to lbgen
# Writes data_dir= and fetch_status= to $GITHUB_OUTPUT; the previous data
# goes to $RUNNER_TEMP/lbgen-previous-data for the commit step.
set -u
: "${LBGEN:?the lbgen binary}"
: "${GITHUB_OUTPUT:=/dev/null}"
: "${GITHUB_STEP_SUMMARY:=/dev/null}"
: "${RUNNER_TEMP:=/tmp}"
config=${INPUT_CONFIG:-leaderboards.json}
docs=${INPUT_DOCS_DIR:-.}
data=${INPUT_DATA_DIR:-$(dirname "$config")/data}
data=${data#./}
previous="$RUNNER_TEMP/lbgen-previous-data"
export BUILD_LOG="$RUNNER_TEMP/lbgen-build.log"

if [ ! -f "$config" ]; then
    echo "::error::$config: no such configuration (input config)"
    exit 2
fi
rm -rf "$previous"
if [ -d "$data" ]; then cp -R "$data" "$previous"; else mkdir -p "$previous"; fi
echo "data_dir=$data" >>"$GITHUB_OUTPUT"

FETCH=${INPUT_FETCH:-auto} sh "$(dirname "$0")/publish-build.sh" \
    --config "$config" --docs-out "$docs"
status=$?
"$LBGEN" summary --config "$config" --previous "$previous" --log "$BUILD_LOG" \
    >>"$GITHUB_STEP_SUMMARY" || true
exit "$status"
