# The default site, refreshed end to end: the repository's own
# leaderboards.json with every source pointed at a loopback server
# (tests/http_server.py) serving what each real source serves, in its
# format: the Arena's JSON with its plain twin and price list
# (arena-catalog), the Hugging Face dataset viewer (hf-rows) and today's
# arena.ai markup through a rendering proxy (arena-html). `lbgen build
# --fetch` must refresh every board and every category, each from the
# source expected, falling back where the first source fails.
#
# The served documents are written here from the committed data (never
# from the real-data folder): the Arena's JSON rebuilt from
# data/arena-text/*.json, data/arena-vision/*.json and their 2025-12-17
# snapshots; dataset rows from each board's committed data; the pages are
# tests/fixtures/fetch/arena_today_*.html.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 2

TAB=$(printf '\t')
REPO=$TMP/repo
FIX=$TMP/fixtures
mkdir -p "$REPO" "$FIX"
cp -r leaderboards.json templates locales data "$REPO/"
cp tests/fixtures/fetch/arena_today_*.html tests/fixtures/fetch/arena_no_table.html \
    tests/fixtures/fetch/arena_catalog_prices.json "$FIX/"

start_http_server "$FIX"

# The served documents, and the configuration pointed at them.
python3 - "$REPO" "$FIX" "$B" <<'PY'
import json, os, re, sys
repo, fix, base = sys.argv[1:4]
conf = json.load(open(repo + "/leaderboards.json", encoding="utf-8"))

def load(path):
    return json.load(open(os.path.join(repo, path), encoding="utf-8"))

def catalog(boards, plain):
    """{category: {model: {rating, rating_q025, rating_q975}}}."""
    out = {}
    for cat, lb in boards.items():
        out[cat] = {}
        for m in lb["models"]:
            r, lo, hi = (("plain_rating", "plain_ci_lower", "plain_ci_upper")
                         if plain else ("rating", "ci_lower", "ci_upper"))
            if r in m:
                out[cat][m["model"]] = {"rating": m[r], "rating_q025": m[lo],
                                        "rating_q975": m[hi]}
    return out

served = {}
for board in ("text", "vision"):
    b = next(x for x in conf["leaderboards"] if x["id"] == board)
    cats = {}
    for c in b["categories"]:
        cats[c["id"]] = load(c["data"])
    # The overall board: a category's rows will do (every model, with
    # intervals, which history snapshots do not keep).
    cats["full"] = cats["english"]
    for plain in (False, True):
        name = "catalog_%s_%s.json" % (board, "plain" if plain else "style")
        json.dump(catalog(cats, plain), open(os.path.join(fix, name), "w"))
served["leaderboard-text-style-control.json"] = "catalog_text_style.json"
served["leaderboard-text.json"] = "catalog_text_plain.json"
served["leaderboard-vision-style-control.json"] = "catalog_vision_style.json"
served["leaderboard-vision.json"] = "catalog_vision_plain.json"
served["scatterplot-data.json"] = "arena_catalog_prices.json"
# text-to-image: its first source has changed shape (a page, not JSON).
served["leaderboard-image.json"] = "arena_no_table.html"

def rows(board):
    """A dataset viewer split of the board's committed data, in the columns
    of lmarena-ai/leaderboard-dataset."""
    out = []
    for m in load("data/arena-%s.json" % board)["models"]:
        out.append({"model_name": m["model"], "organization": m.get("organization", ""),
                    "license": m.get("license", ""), "rating": m["rating"],
                    "rating_lower": m["ci_lower"], "rating_upper": m["ci_upper"],
                    "variance": None, "vote_count": m.get("votes"),
                    "rank": m["rank"], "category": "overall",
                    "leaderboard_publish_date": "2026-09-01"})
    return out

for b in conf["leaderboards"]:
    for s in b.get("sources", []):
        url = s["url"]
        if s["adapter"] == "arena-catalog":
            s["url"] = base + "/ok?f=" + served[url.rsplit("/", 1)[1]]
            for k in ("prices", "plain"):
                if k in s["options"]:
                    s["options"][k] = base + "/ok?f=" + served[s["options"][k].rsplit("/", 1)[1]]
        elif s["adapter"] == "hf-rows":
            config = re.search(r"config=([a-z_]+)", url).group(1)
            mode = "ok"
            if b["id"] == "document":
                mode = "missing"  # its first source fails: 404
                s["url"] = base + "/status/404"
                continue
            json.dump(rows(b["id"]), open(os.path.join(fix, "hf_%s_split.json" % config), "w"))
            s["url"] = url.replace("https://datasets-server.huggingface.co", base + "/viewer/" + mode)
        elif s["adapter"] == "arena-html":
            page = {"webdev": "code", "text-to-image": "text_to_image",
                    "image-edit": "image_edit", "text-to-video": "text_to_video",
                    "image-to-video": "image_to_video", "video-edit": "video_edit"}.get(b["id"], b["id"])
            s["url"] = "https://arena.ai/x/arena_today_%s.html" % page
            s["via"] = base + "/proxy?api_key=${LBGEN_PROXY_KEY}&url={url}"
json.dump(conf, open(repo + "/leaderboards.json", "w", encoding="utf-8"),
          ensure_ascii=False, indent=2)
PY
check "every source points at the loopback server" \
    sh -c "! grep -v '\"link\":' '$REPO/leaderboards.json' | grep -q 'https://raw\|datasets-server\|\"https://arena.ai/leaderboard'"

export SOURCE_DATE_EPOCH=1788220800 # 2026-09-01T00:00:00Z
LBGEN_PROXY_KEY=secret123 "$LBGEN" build --strict --config "$REPO/leaderboards.json" \
    --out "$REPO/site" --fetch >"$TMP/out" 2>"$TMP/err"
status=$?
check_eq "build --fetch of the default site exits 0" 0 "$status"
grep "source 1 of" "$TMP/err" | sed "s/^/# /"; [ "$status" = 0 ] || sed 's/^/# /' "$TMP/err"

# adapter_of FILE: the adapter that gave the data.
adapter_of() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["source"].get("adapter", ""))' "$1"
}
for spec in text:arena-catalog webdev:hf-rows vision:arena-catalog \
    document:arena-html search:hf-rows text-to-image:hf-rows \
    image-edit:hf-rows text-to-video:hf-rows image-to-video:hf-rows \
    video-edit:hf-rows agent:arena-html; do
    board=${spec%%:*}
    adapter=${spec#*:}
    check_contains "$board is refreshed" "lbgen build: $board: refreshed" "$(cat "$TMP/err")"
    check_eq "$board comes from $adapter" "$adapter" "$(adapter_of "$REPO/data/arena-$board.json")"
    check "$board's refresh is recorded in its history" \
        sh -c "ls '$REPO/data/history/$board/' | grep -q '^2026-09-01.json$'"
done
for cat in chinese english coding math creative_writing hard_6 expert if multiturn long_user; do
    check_contains "text/$cat is refreshed from its category of the Arena's JSON" \
        "lbgen build: text/$cat: refreshed" "$(cat "$TMP/err")"
done
for cat in chinese english captioning creative_writing_vision diagram entity_recognition homework humor ocr; do
    check_contains "vision/$cat is refreshed" "lbgen build: vision/$cat: refreshed" "$(cat "$TMP/err")"
done
check_contains "a category reads its own category of the same source" \
    "\"category\":${TAB}\"coding\"" "$(cat "$REPO/data/arena-text/coding.json")"
check "a category's refresh goes into its own history" \
    test -s "$REPO/data/history/text/coding/2026-09-01.json"
check_contains "the Arena's JSON keeps both ratings" "\"plain_rating\":" "$(cat "$REPO/data/arena-text.json")"
check_contains "and says its ratings are style-controlled" "\"style_control\":${TAB}true" \
    "$(cat "$REPO/data/arena-text.json")"
check_contains "the dataset's rows are marked style-controlled on a style-controlled board" \
    "\"style_control\":${TAB}true" "$(cat "$REPO/data/arena-vision.json")"
check_contains "a board whose first source has changed shape falls back to the next" \
    "lbgen build: text-to-image: source 1 of 3 (arena-catalog $B/ok?f=arena_no_table.html) skipped:" \
    "$(cat "$TMP/err")"
check_contains "and says which source it used" \
    "text-to-image: refreshed, 30 models, from source 2 of 3 (hf-rows" "$(cat "$TMP/err")"
check_contains "a board whose first source is down falls back to the page through the proxy" \
    "document: refreshed, 14 models, from source 2 of 2 (arena-html https://arena.ai/x/arena_today_document.html)" \
    "$(cat "$TMP/err")"
check "the proxy key never appears in any output" sh -c "! grep -q secret123 '$TMP/out' '$TMP/err'"
check "the agent board keeps its six metrics" \
    grep -q '"name":	"Tool Hallucination"' "$REPO/data/arena-agent.json"
md=$(cat "$REPO/site/en/agent.md")
check_contains "and its page shows them with their intervals" "12.47% ±1.54%" "$md"
check "the refreshed site has every category page" test -s "$REPO/site/fr/vision/ocr/index.html"
