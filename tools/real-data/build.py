#!/usr/bin/env python3
"""Builds the default site's Arena data and history from real snapshots.

    tools/real-data/build.py --real DIR [--catalog-git DIR] [--lbgen PATH]

writes, relative to the current directory (the repository root):

    data/arena-<board>.json          the newest real values of each board
    data/arena-text/<category>.json  the text board's categories
    data/arena-vision/<category>.json  the vision board's categories
    data/history/<board>/<date>.json   one snapshot per dated real source
    data/history/<board>/<category>/<date>.json

and prints every value it fixed or dropped. The inputs (see
tools/real-data/README.md for what each is and where it comes from):

  --real DIR         a copy of the project's real-data folder: arena-catalog/
                     (lmarena/arena-catalog data/*.json at four commits),
                     arena-ai-daily/ (oolong-tea-2026/arena-ai-leaderboards
                     data/2026-04-12 ... 2026-04-19 at a2694df) and
                     cherry-docs-2026-08/ (CherryHQ/cherry-studio-docs
                     other/model_rank/*.md at f4853e9).
  --catalog-git DIR  optional: a clone of github.com/lmarena/arena-catalog.
                     Its older commits hold the style-controlled files the
                     folder keeps only for 2025-12-17; with it, the history
                     of 2025-11-05, 2025-11-06 and 2025-12-11 carries the
                     ratings the Arena shows by default (style control) as
                     well as the plain ones, and the categories get history.
  --seed-text FILE   optional: LMArena's text board of 2026-01-02, the board
                     lbgen first shipped (git show 0818c8e:data/arena-text.json),
                     kept as that date's history snapshot.
  --lbgen PATH       the lbgen binary (default ./lbgen): the Arena's JSON is
                     converted by lbgen's own arena-catalog adapter.

The script is deterministic: the same inputs give the same files. It is a
maintainer's tool; the build and the tests never run it.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

# ---- what goes where --------------------------------------------------------

ARENA = "https://arena.ai/leaderboard/"

# board id -> (cherry file, daily file, arena.ai page)
BOARDS = {
    "text": ("text.md", "text", ARENA + "text"),
    "webdev": ("code-webdev.md", "code", ARENA + "code/webdev"),
    "vision": ("vision.md", "vision", ARENA + "vision"),
    "document": (None, "document", ARENA + "document"),
    "search": ("search.md", "search", ARENA + "search"),
    "text-to-image": ("text-to-image.md", "text-to-image", ARENA + "text-to-image"),
    "image-edit": (None, "image-edit", ARENA + "image-edit"),
    "text-to-video": (None, "text-to-video", ARENA + "text-to-video"),
    "image-to-video": (None, "image-to-video", ARENA + "image-to-video"),
    "video-edit": (None, "video-edit", ARENA + "video-edit"),
    "agent": ("agent.md", None, ARENA + "agent"),
}

# Boards whose scores are style-controlled, as the Arena shows them by
# default. Checked, not assumed: the 2025-12-17 JSON's full category,
# plain and style-controlled, against the scores the pages showed
# (LMArena's text page of 2026-01-02: mean |difference| 1.4 to the
# style-controlled ratings, 41 to the plain ones; the April 2026 daily
# text and vision pages: 3.5-4.6 and 2.8 against 17-20). Boards not
# listed are left unmarked: there is nothing to check them against.
STYLE_CONTROLLED = {"text", "vision"}

# The Arena's JSON: board -> (file, its style-controlled twin or None)
CATALOG_FILES = {
    "text": ("leaderboard-text.json", "leaderboard-text-style-control.json"),
    "vision": ("leaderboard-vision.json", "leaderboard-vision-style-control.json"),
    "text-to-image": ("leaderboard-image.json", None),
}
# The dated versions: folder date -> commit of lmarena/arena-catalog
CATALOG_COMMITS = {
    "2025-11-05": "236f9a4",
    "2025-11-06": "99f1ead",
    "2025-12-11": "ea8297b",
    "2025-12-17": "c9558b6",
}
# When each file last changed as of those commits (git log -1 --format=%cI
# COMMIT -- data/FILE), in UTC: the data's own time.
CATALOG_TIMES = {
    ("2025-11-05", "*"): "2025-11-06T02:05:21Z",
    ("2025-11-06", "*"): "2025-11-06T19:38:29Z",
    ("2025-12-11", "*"): "2025-12-11T22:32:56Z",
    ("2025-12-17", "*"): "2025-12-11T22:32:56Z",
    ("2025-12-17", "leaderboard-text-style-control.json"): "2025-12-17T16:35:44Z",
}

TEXT_CATEGORIES = ["chinese", "english", "coding", "math", "creative_writing",
                   "hard_6", "expert", "if", "multiturn", "long_user"]
VISION_CATEGORIES = ["chinese", "english", "captioning", "creative_writing_vision",
                     "diagram", "entity_recognition", "homework", "humor", "ocr"]
CATEGORIES = {"text": TEXT_CATEGORIES, "vision": VISION_CATEGORIES}

# The agent board's metric columns in the cherry pages (Chinese headers)
# and the names arena.ai gives them (what the arena-html adapter reads).
AGENT_METRICS = [
    ("净改进率", "Net Improvement"),
    ("确认成功率", "Confirmed Success"),
    ("赞踩比", "Praise vs. Complaint"),
    ("可控性", "Steerability"),
    ("Bash 恢复率", "Bash Recovery"),
    ("工具幻觉率", "Tool Hallucination"),
]

# The organization behind a model link, for rows whose organization no
# real source names (the cherry pages drop the page's "Organization ·
# License" line when the name has a link). The link is the vendor's own
# announcement, so its host names the vendor; spelled as the Arena's pages
# spell them (the daily snapshots' `vendor`). Hugging Face links name the
# vendor in their first path segment.
LINK_VENDORS = {
    "www.anthropic.com": "Anthropic", "openai.com": "OpenAI",
    "platform.openai.com": "OpenAI", "developers.openai.com": "OpenAI",
    "x.com/OpenAI": "OpenAI", "blog.google": "Google",
    "aistudio.google.com": "Google", "ai.google.dev": "Google",
    "ai.studio": "Google", "ai.meta.com": "Meta", "developer.meta.com": "Meta",
    "platform.kimi.ai": "Moonshot", "www.kimi.com": "Moonshot",
    "z.ai": "Z.ai", "huggingface.co/zai-org": "Z.ai",
    "www.qwencloud.com": "Alibaba", "chat.qwen.ai": "Alibaba",
    "huggingface.co/Qwen": "Alibaba",
    "bailian.console.alibabacloud.com": "Alibaba",
    "modelstudio.console.alibabacloud.com": "Alibaba",
    "grok.com": "xAI", "docs.x.ai": "xAI", "x.ai": "xAI",
    "api-docs.deepseek.com": "DeepSeek", "ernie.baidu.com": "Baidu",
    "microsoft.ai": "Microsoft AI", "reve.com": "Reve", "app.reve.com": "Reve",
    "seed.bytedance.com": "Bytedance", "ideogram.ai": "Ideogram",
    "www.recraft.ai": "Recraft", "lumalabs.ai": "Luma AI",
    "bfl.ai": "Black Forest Labs", "docs.perplexity.ai": "Perplexity",
    "hunyuan.tencent.com": "Tencent", "huggingface.co/tencent": "Tencent",
    "huggingface.co/nvidia": "NVIDIA",
}

FIXES = []


def fixed(what):
    FIXES.append(what)


# ---- output -----------------------------------------------------------------

def write(path, board):
    """One model a line: small, and a change shows as the lines it moved."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    head = {k: v for k, v in board.items() if k != "models"}
    text = json.dumps(head, ensure_ascii=False)[:-1]
    rows = ",\n".join(json.dumps(m, ensure_ascii=False, separators=(",", ":"))
                      for m in board["models"])
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + ', "models": [\n' + rows + "\n]}\n")


def lean(board):
    """A history snapshot keeps what history is for (rank changes, trends):
    names, ratings, ranks, votes and metrics; not the intervals, links,
    prices or licenses, which each board's current data has. Every build
    reads the whole history, so it stays small."""
    keep = {"model", "display_name", "rating", "rank", "rank_spread", "votes",
            "sessions", "preliminary", "metrics", "plain_rating", "plain_rank"}
    out = {k: v for k, v in board.items() if k != "models"}
    out["models"] = [{k: v for k, v in m.items() if k in keep}
                     for m in board["models"]]
    return out


def iso(date_time):
    return date_time.replace(" ", "T") + "Z"


# ---- the Arena's JSON (lbgen's own adapter) ---------------------------------

def catalog_file(args, date, name):
    """Bytes of the Arena's file `name` as published on `date`: from the
    real-data folder, else from the arena-catalog clone at that date's
    commit; None when neither has it."""
    path = os.path.join(args.real, "arena-catalog", date, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    if not args.catalog_git:
        return None
    r = subprocess.run(["git", "-C", args.catalog_git, "show",
                        "%s:data/%s" % (CATALOG_COMMITS[date], name)],
                       capture_output=True, check=False)
    return r.stdout if r.returncode == 0 else None


def catalog_time(date, name):
    return CATALOG_TIMES.get((date, name), CATALOG_TIMES[(date, "*")])


def lbgen_catalog(args, board, date, category, tmp, with_prices):
    """The board (one category) of the Arena's JSON of `date`, converted by
    `lbgen fetch --adapter arena-catalog`: the style-controlled file with
    its plain twin when both exist, else the one file there is."""
    plain_name, style_name = CATALOG_FILES[board]
    plain = catalog_file(args, date, plain_name)
    style = catalog_file(args, date, style_name) if style_name else None
    if plain is None:
        return None
    main, main_name = (style, style_name) if style else (plain, plain_name)
    files = {}
    for n, data in ((main_name, main), (plain_name, plain)):
        files[n] = os.path.join(tmp, date + "-" + n)
        with open(files[n], "wb") as f:
            f.write(data)
    if category not in json.loads(main):
        return None
    options = {"category": category}
    if style:
        options["plain"] = files[plain_name]
    prices = os.path.join(args.real, "arena-catalog", date, "scatterplot-data.json")
    if with_prices and os.path.exists(prices):
        options["prices"] = prices
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC")
    r = subprocess.run([args.lbgen, "fetch", files[main_name], "--adapter",
                        "arena-catalog", "--id", board, "--options",
                        json.dumps(options)], capture_output=True, env=env,
                       check=False)
    if r.returncode != 0:
        sys.exit("lbgen fetch %s %s %s: %s" % (date, main_name, category,
                                              r.stderr.decode()))
    lb = json.loads(r.stdout)
    lb["updated_at"] = catalog_time(date, main_name)
    lb["source"] = {"url": ARENA + ("text" if board == "text" else
                                    "vision" if board == "vision" else
                                    "text-to-image"),
                    "adapter": "arena-catalog"}
    if with_prices and "prices" in options:
        lb["source"]["prices_url"] = ("https://raw.githubusercontent.com/"
                                      "lmarena/arena-catalog/main/data/"
                                      "scatterplot-data.json")
    if not style and board in STYLE_CONTROLLED:
        # Only the plain file exists for this date: its ratings are not
        # the board's default view.
        lb["style_control"] = False
    return lb


# ---- the daily snapshots of arena.ai (oolong-tea-2026) ----------------------

LICENSES = {"proprietary": "Proprietary", "open": "Open"}


def read_daily(args):
    """{day: {board file: json}} of every daily snapshot."""
    root = os.path.join(args.real, "arena-ai-daily")
    out = {}
    for day in sorted(os.listdir(root)):
        if not re.match(r"\d{4}-\d\d-\d\d$", day):
            continue
        out[day] = {}
        for name in sorted(os.listdir(os.path.join(root, day))):
            if name.startswith("_") or not name.endswith(".json"):
                continue
            with open(os.path.join(root, day, name), encoding="utf-8") as f:
                out[day][name[:-5]] = json.load(f)
    return out


def vendor_and_license(daily, scatter):
    """Per model name: the organization and license the real sources give,
    checked for agreement. A value the sources contradict is dropped (and
    reported) unless the Arena's own price list settles it."""
    seen = collections.defaultdict(lambda: collections.defaultdict(set))
    for day, boards in daily.items():
        for name, snap in boards.items():
            for m in snap["models"]:
                if m.get("vendor"):
                    seen[m["model"]]["vendor"].add(m["vendor"])
                if m.get("license"):
                    seen[m["model"]]["license"].add(LICENSES[m["license"]])
    orgs, licenses = {}, {}
    for model, fields in sorted(seen.items()):
        for field, values in fields.items():
            table = orgs if field == "vendor" else licenses
            if len(values) == 1:
                table[model] = next(iter(values))
                continue
            settled = scatter.get(model, {}).get(
                "organization" if field == "vendor" else "license")
            if field == "vendor" and settled in values:
                table[model] = settled
                fixed("daily: %s: organization given as %s; kept %s (the "
                      "Arena's price list)" % (model, " and ".join(sorted(values)),
                                               settled))
            else:
                fixed("daily: %s: %s given as %s on different days or "
                      "boards; dropped" % (model, "organization" if field ==
                                            "vendor" else "license",
                                            " and ".join(sorted(values))))
    return orgs, licenses


def daily_board(board, snap, orgs, licenses):
    meta = snap["meta"]
    models = []
    names = set()
    for m in snap["models"]:
        if m["model"] in names:
            fixed("daily %s %s: %s listed twice; the second dropped" %
                  (meta["fetched_at"][:10], board, m["model"]))
            continue
        names.add(m["model"])
        if m.get("score") is None:
            fixed("daily %s %s: %s has no score; dropped" %
                  (meta["fetched_at"][:10], board, m["model"]))
            continue
        row = {"model": m["model"]}
        if m["model"] in orgs:
            row["organization"] = orgs[m["model"]]
        if m["model"] in licenses:
            row["license"] = licenses[m["model"]]
        row["rating"] = m["score"]
        ci = m.get("ci")
        if ci is not None and 0 < ci <= 100:
            row["ci_lower"] = m["score"] - ci
            row["ci_upper"] = m["score"] + ci
        elif ci is not None:
            fixed("daily %s %s: %s: implausible interval ±%s dropped" %
                  (meta["fetched_at"][:10], board, m["model"], ci))
        row["rank"] = m["rank"]
        if m.get("votes") is not None:
            row["votes"] = m["votes"]
        models.append(row)
    check_ranks(board, meta["fetched_at"][:10], models)
    out = {"id": board, "kind": "arena",
           "updated_at": meta["fetched_at"][:19] + "Z"}
    if board in STYLE_CONTROLLED:
        out["style_control"] = True
    out["truncated"] = True
    out["source"] = {"url": meta["source_url"]}
    out["models"] = models
    return out


def check_ranks(board, day, models):
    """Ranks start at 1, never decrease, follow the scores; each model once."""
    last_rank, last_score = 0, None
    for m in models:
        if m["rank"] < last_rank or (last_score is not None
                                     and m.get("rating", 0) > last_score):
            sys.exit("%s %s: %s: rank %d out of order" %
                     (day, board, m["model"], m["rank"]))
        last_rank, last_score = m["rank"], m.get("rating")
    if models and models[0]["rank"] != 1:
        sys.exit("%s %s: the first rank is %d" % (day, board, models[0]["rank"]))


# ---- the pages of the pipeline we replace (cherry-studio-docs) ---------------

ROW = re.compile(r"^\|\s*\d+\s*\|")
LINK = re.compile(r"\s*\[<sup>1</sup>\]\((https?://[^)\s]+)\)\s*$")


def cells_of(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def link_vendor(url):
    m = re.match(r"https?://([^/]+)(/[^/?#]+)?", url)
    host, first = m.group(1), (m.group(2) or "")
    return LINK_VENDORS.get(host + first) or LINK_VENDORS.get(host)


def split_glued(text, known_orgs, where):
    """'DeepSeek V4 Pro (High) (0813)DeepSeek · MIT' -> name, org, license:
    the page's model cell when the name has no link, flattened."""
    m = re.match(r"^(.*\S)\s*·\s*(.+)$", text)
    if not m:
        return text, None, None
    head, license = m.group(1), m.group(2).strip()
    for org in sorted(known_orgs, key=len, reverse=True):
        if head.endswith(org) and len(head) > len(org):
            name = head[: -len(org)].rstrip()
            fixed("cherry %s: \"%s\" split into model \"%s\", organization "
                  "%s, license %s" % (where, text, name, org, license))
            return name, org, license
    sys.exit("cherry %s: cannot split \"%s\"" % (where, text))


def score_cell(text, where):
    """'1507 (±5)', '1490 (±8) Preliminary', '1691 (++9/-9)'."""
    m = re.match(r"^(\d+(?:\.\d+)?)\s*\((?:±(\d+(?:\.\d+)?)|\+{1,2}(\d+(?:\.\d+)?)"
                 r"/-(\d+(?:\.\d+)?))\)\s*(Preliminary)?$", text)
    if not m:
        sys.exit("cherry %s: score cell \"%s\"" % (where, text))
    score = float(m.group(1))
    plus = float(m.group(2) or m.group(3))
    minus = float(m.group(2) or m.group(4))
    if "++" in text:
        fixed("cherry %s: score cell \"%s\" read as %g +%g/-%g" %
              (where, text, score, plus, minus))
    return score, score - minus, score + plus, bool(m.group(5))


def price_cell(text, where):
    if text == "N/A":
        return None, None
    m = re.match(r"^\$(\d+(?:\.\d+)?)/\$(\d+(?:\.\d+)?)$", text)
    if not m:
        sys.exit("cherry %s: price cell \"%s\"" % (where, text))
    return float(m.group(1)), float(m.group(2))


def context_cell(text, where):
    if text == "N/A":
        return None
    m = re.match(r"^(\d+(?:\.\d+)?)([KM])$", text)
    if not m:
        sys.exit("cherry %s: context cell \"%s\"" % (where, text))
    return int(round(float(m.group(1)) * (1000 if m.group(2) == "K" else 1000000)))


def metric_cell(text, where):
    m = re.match(r"^(-?\d+(?:\.\d+)?)%±(\d+(?:\.\d+)?)%$", text)
    if not m:
        sys.exit("cherry %s: metric cell \"%s\"" % (where, text))
    v, h = float(m.group(1)), float(m.group(2))
    return v, round(v - h, 2), round(v + h, 2)


def integer(text):
    return int(text.replace(",", ""))


def number(x):
    return int(x) if float(x).is_integer() else x


def cherry_board(args, board, name, link, orgs, licenses, scatter, known_orgs):
    path = os.path.join(args.real, "cherry-docs-2026-08", name)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    when = next(re.search(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", l).group(1)
                for l in lines if "数据更新时间" in l)
    source = next(re.search(r"\]\((https://arena\.ai/leaderboard/[^)]+)\)\s*，", l).group(1)
                  for l in lines if l.startswith("数据来自"))
    if source != link:
        sys.exit("cherry %s: source %s, expected %s" % (name, source, link))
    header = next(cells_of(l) for l in lines if l.startswith("|") and "排名" in l)
    col = {h: i for i, h in enumerate(header)}
    models = []
    for l in lines:
        if not ROW.match(l):
            continue
        c = cells_of(l)
        where = "%s row %s" % (name, c[0])
        row = {}
        cell = c[col["模型"]]
        m = LINK.search(cell)
        url = None
        if m:
            url = m.group(1)
            cell = cell[: m.start()].strip()
            org = lic = None
        else:
            cell, org, lic = split_glued(cell, known_orgs, where)
        row["model"] = cell
        if url:
            row["url"] = url
        org = org or orgs.get(cell) or scatter.get(cell, {}).get("organization") \
            or (link_vendor(url) if url else None)
        lic = lic or licenses.get(cell) or scatter.get(cell, {}).get("license")
        if org:
            row["organization"] = org
        if lic:
            row["license"] = lic
        if "分数" in col:
            score, lo, hi, prelim = score_cell(c[col["分数"]], where)
            row["rating"] = number(score)
            row["ci_lower"] = number(lo)
            row["ci_upper"] = number(hi)
        row["rank"] = int(c[col["排名"]])
        lo_hi = re.match(r"^(\d+)-(\d+)$", c[col["排名区间"]])
        row["rank_spread"] = [int(lo_hi.group(1)), int(lo_hi.group(2))]
        if not row["rank_spread"][0] <= row["rank"] <= row["rank_spread"][1]:
            sys.exit("%s: rank outside its spread" % where)
        if "票数" in col:
            row["votes"] = integer(c[col["票数"]])
        if "会话数" in col:
            row["sessions"] = integer(c[col["会话数"]])
        if "分数" in col:
            row["preliminary"] = prelim
        price_head = next((h for h in col if h.startswith("价格")), None)
        if price_head:
            pin, pout = price_cell(c[col[price_head]], where)
            if pin is not None:
                row["price_input"] = number(pin)
                row["price_output"] = number(pout)
        if "上下文" in col:
            ctx = context_cell(c[col["上下文"]], where)
            if ctx:
                row["context"] = ctx
        metrics = []
        for zh, en in AGENT_METRICS:
            if zh in col:
                v, lo, hi = metric_cell(c[col[zh]], where)
                metrics.append({"name": en, "value": number(v),
                                "ci_lower": number(lo), "ci_upper": number(hi)})
        if metrics:
            row["metrics"] = metrics
        models.append(row)
    if len({m["model"] for m in models}) != len(models):
        sys.exit("cherry %s: a model twice" % name)
    out = {"id": board, "kind": "arena", "updated_at": iso(when)}
    if board in STYLE_CONTROLLED:
        out["style_control"] = True
    out["truncated"] = True
    out["source"] = {"url": source}
    out["models"] = models
    return out


# ---- everything -------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", required=True)
    ap.add_argument("--catalog-git")
    ap.add_argument("--seed-text")
    ap.add_argument("--lbgen", default="./lbgen")
    args = ap.parse_args()

    with open(os.path.join(args.real, "arena-catalog", "2025-12-17",
                           "scatterplot-data.json"), encoding="utf-8") as f:
        scatter = {e["model_api_name"]: e for e in json.load(f)}
    daily = read_daily(args)
    orgs, licenses = vendor_and_license(daily, scatter)
    known_orgs = set(orgs.values()) | {e["organization"] for e in scatter.values()
                                        if e.get("organization")}

    history = collections.defaultdict(dict)  # board -> date -> snapshot
    current = {}

    # The Arena's JSON: full boards as history, categories as pages.
    with tempfile.TemporaryDirectory() as tmp:
        for board in CATALOG_FILES:
            last = None
            for date in CATALOG_COMMITS:
                lb = lbgen_catalog(args, board, date, "full", tmp, False)
                if lb and lean(lb) != last:  # a version that changed
                    history[board][date] = last = lean(lb)
            for cat in CATEGORIES.get(board, []):
                last = None
                for date in CATALOG_COMMITS:
                    lb = lbgen_catalog(args, board, date, cat, tmp,
                                       date == "2025-12-17")
                    if not lb:
                        continue
                    if date == "2025-12-17":
                        write("data/arena-%s/%s.json" % (board, cat), lb)
                    if lb.get("style_control") is not False and lean(lb) != last:
                        last = lean(lb)
                        write("data/history/%s/%s/%s.json" % (board, cat, date),
                              last)

    # LMArena's text page of 2026-01-02, the seed the site was first built
    # from (data/arena-text.json before this tool): style-controlled.
    if args.seed_text:
        with open(args.seed_text, encoding="utf-8") as f:
            lb = json.load(f)
        lb["style_control"] = True
        history["text"]["2026-01-02"] = lean(lb)

    # The daily snapshots of arena.ai.
    for day, boards in daily.items():
        for board, (_, dname, _) in BOARDS.items():
            if dname and dname in boards:
                lb = daily_board(board, boards[dname], orgs, licenses)
                history[board][day] = lean(lb)
                if day == max(daily):
                    current[board] = lb

    # The pipeline we replace, 2026-08-21/22: the newest values.
    for board, (cname, _, link) in BOARDS.items():
        if cname:
            lb = cherry_board(args, board, cname, link, orgs, licenses, scatter,
                              known_orgs)
            current[board] = lb
            history[board][lb["updated_at"][:10]] = lean(lb)

    for board, lb in current.items():
        write("data/arena-%s.json" % board, lb)
    for board, dates in history.items():
        for date, lb in dates.items():
            write("data/history/%s/%s.json" % (board, date), lb)

    for f in FIXES:
        print("fixed:", f)


if __name__ == "__main__":
    main()
