/* route: every page path, and the link from every page kind to every other. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"

static const Router ROUTER = {"https://example.org/boards/", NULL};

/* Every page kind, in two locales and two boards so that links across
 * locales, across boards and within one page all occur. */
static size_t all_routes(Route *out)
{
    static const char *const locales[] = {"zh", "fr"};
    static const char *const boards[] = {"text", "arena-hard"};
    size_t n = 0;
    out[n++] = route_site(ROUTE_ROOT);
    out[n++] = route_site(ROUTE_NOT_FOUND);
    out[n++] = route_site(ROUTE_SITEMAP);
    out[n++] = route_site(ROUTE_NOJEKYLL);
    out[n++] = route_asset("style.css");
    for (int b = 0; b < 2; b++) {
        out[n++] = route_data(ROUTE_DATA_JSON, boards[b]);
        out[n++] = route_data(ROUTE_DATA_CSV, boards[b]);
        out[n++] = route_category(ROUTE_CATEGORY_JSON, NULL, boards[b], "coding");
        out[n++] = route_category(ROUTE_CATEGORY_CSV, NULL, boards[b], "coding");
    }
    for (int l = 0; l < 2; l++) {
        out[n++] = route_locale(ROUTE_LOCALE_INDEX, locales[l]);
        out[n++] = route_locale(ROUTE_LOCALE_README, locales[l]);
        out[n++] = route_locale(ROUTE_LOCALE_SUMMARY, locales[l]);
        for (int b = 0; b < 2; b++) {
            out[n++] = route_board(ROUTE_BOARD_HTML, locales[l], boards[b]);
            out[n++] = route_board(ROUTE_BOARD_MD, locales[l], boards[b]);
            out[n++] = route_board(ROUTE_BOARD_CHART, locales[l], boards[b]);
            out[n++] = route_category(ROUTE_CATEGORY_HTML, locales[l], boards[b],
                                      "creative_writing");
            out[n++] = route_category(ROUTE_CATEGORY_MD, locales[l], boards[b],
                                      "creative_writing");
            out[n++] = route_category(ROUTE_CATEGORY_CHART, locales[l],
                                      boards[b], "hard_6");
        }
        out[n++] = route_model(locales[l], "gpt-4o");
        out[n++] = route_model(locales[l], "qwen2.5-72b-instruct");
        out[n++] = route_locale(ROUTE_OVERVIEW_HTML, locales[l]);
        out[n++] = route_locale(ROUTE_OVERVIEW_MD, locales[l]);
        out[n++] = route_locale(ROUTE_OVERVIEW_CHART, locales[l]);
        out[n++] = route_locale(ROUTE_FEED, locales[l]);
    }
    return n;
}

/* What a browser does with a relative link: resolve it against the
 * directory of the page it is on. Returns a site-relative path, or NULL
 * when the link climbs above the site root. */
static char *resolve(const char *page, const char *href)
{
    char *out = calloc(1, strlen(page) + strlen(href) + 2);
    const char *slash = strrchr(page, '/');
    size_t len = slash ? (size_t)(slash - page + 1) : 0;
    memcpy(out, page, len);
    while (strncmp(href, "../", 3) == 0) {
        if (len == 0) {
            free(out);
            return NULL;
        }
        len--; /* the trailing '/' */
        while (len > 0 && out[len - 1] != '/')
            len--;
        href += 3;
    }
    strcpy(out + len, href);
    return out;
}

static void paths_of_every_page(void **state)
{
    (void)state;
    static const struct {
        Route r;
        const char *path;
    } cases[] = {
        {{ROUTE_ROOT, NULL, NULL, NULL, NULL, NULL}, "index.html"},
        {{ROUTE_NOT_FOUND, NULL, NULL, NULL, NULL, NULL}, "404.html"},
        {{ROUTE_SITEMAP, NULL, NULL, NULL, NULL, NULL}, "sitemap.xml"},
        {{ROUTE_NOJEKYLL, NULL, NULL, NULL, NULL, NULL}, ".nojekyll"},
        {{ROUTE_ASSET, NULL, NULL, "sort.js", NULL, NULL}, "assets/sort.js"},
        {{ROUTE_DATA_JSON, NULL, "text", NULL, NULL, NULL}, "data/text.json"},
        {{ROUTE_DATA_CSV, NULL, "text", NULL, NULL, NULL}, "data/text.csv"},
        {{ROUTE_LOCALE_INDEX, "fr", NULL, NULL, NULL, NULL}, "fr/index.html"},
        {{ROUTE_LOCALE_README, "fr", NULL, NULL, NULL, NULL}, "fr/README.md"},
        {{ROUTE_LOCALE_SUMMARY, "fr", NULL, NULL, NULL, NULL}, "fr/SUMMARY.md"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL}, "fr/text/index.html"},
        {{ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL}, "fr/text.md"},
        {{ROUTE_BOARD_CHART, "fr", "text", NULL, NULL, NULL}, "fr/text.svg"},
        {{ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "creative_writing"},
         "fr/text/creative_writing/index.html"},
        {{ROUTE_CATEGORY_MD, "fr", "text", NULL, NULL, "coding"}, "fr/text/coding.md"},
        {{ROUTE_CATEGORY_CHART, "fr", "text", NULL, NULL, "coding"}, "fr/text/coding.svg"},
        {{ROUTE_CATEGORY_JSON, NULL, "text", NULL, NULL, "coding"}, "data/text/coding.json"},
        {{ROUTE_CATEGORY_CSV, NULL, "text", NULL, NULL, "coding"}, "data/text/coding.csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = route_path(&ROUTER, cases[i].r);
        assert_string_equal(path, cases[i].path);
        free(path);
    }
    /* The pages across boards. */
    static const struct {
        Route r;
        const char *path;
    } across[] = {
        {{.kind = ROUTE_MODEL_HTML, .locale = "fr", .model = "gpt-4o"},
         "fr/model/gpt-4o/index.html"},
        {{.kind = ROUTE_OVERVIEW_HTML, .locale = "fr"}, "fr/overview/index.html"},
        {{.kind = ROUTE_OVERVIEW_MD, .locale = "fr"}, "fr/overview.md"},
        {{.kind = ROUTE_OVERVIEW_CHART, .locale = "fr"}, "fr/overview.svg"},
        {{.kind = ROUTE_FEED, .locale = "fr"}, "fr/feed.xml"},
    };
    for (size_t i = 0; i < sizeof across / sizeof across[0]; i++) {
        char *path = route_path(&ROUTER, across[i].r);
        assert_string_equal(path, across[i].path);
        free(path);
    }
}

/* Board ids that would share a directory with the pages across boards are
 * not board ids. */
static void reserved_board_ids(void **state)
{
    (void)state;
    assert_true(route_reserved_board_id("model"));
    assert_true(route_reserved_board_id("overview"));
    assert_false(route_reserved_board_id("models"));
    assert_false(route_reserved_board_id("text"));
    assert_false(route_reserved_board_id("feed")); /* feed.xml is not feed/ */
}

/* From every page to every page: the link resolves to the target, and
 * never leaves the site. */
static void every_link_resolves_to_its_target(void **state)
{
    (void)state;
    Route routes[96];
    size_t n = all_routes(routes);
    for (size_t i = 0; i < n; i++) {
        if (routes[i].kind == ROUTE_NOT_FOUND)
            continue; /* absolute links, below */
        char *from = route_path(&ROUTER, routes[i]);
        for (size_t j = 0; j < n; j++) {
            char *to = route_path(&ROUTER, routes[j]);
            char *href = route_href(&ROUTER, routes[i], routes[j]);
            char *landed = resolve(from, href);
            if (!landed || strcmp(landed, to) != 0)
                fail_msg("%s -> %s: href \"%s\" lands on %s", from, to, href,
                         landed ? landed : "(above the root)");
            assert_null(strstr(href, "//"));
            assert_true(href[0] != '/');
            free(landed);
            free(href);
            free(to);
        }
        free(from);
    }
}

static void links_are_the_shortest_relative_ones(void **state)
{
    (void)state;
    static const struct {
        Route from, to;
        const char *href;
    } cases[] = {
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_LOCALE_INDEX, "fr", NULL, NULL, NULL, NULL}, "../index.html"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_BOARD_HTML, "zh", "text", NULL, NULL, NULL}, "../../zh/text/index.html"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_BOARD_HTML, "fr", "arena-hard", NULL, NULL, NULL}, "../arena-hard/index.html"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_DATA_JSON, NULL, "text", NULL, NULL, NULL}, "../../data/text.json"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_ASSET, NULL, NULL, "style.css", NULL, NULL}, "../../assets/style.css"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL}, "index.html"},
        {{ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL},
         {ROUTE_BOARD_CHART, "fr", "text", NULL, NULL, NULL}, "text.svg"},
        {{ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL},
         {ROUTE_BOARD_MD, "zh", "text", NULL, NULL, NULL}, "../zh/text.md"},
        {{ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL},
         {ROUTE_DATA_CSV, NULL, "text", NULL, NULL, NULL}, "../data/text.csv"},
        {{ROUTE_LOCALE_SUMMARY, "fr", NULL, NULL, NULL, NULL},
         {ROUTE_LOCALE_README, "fr", NULL, NULL, NULL, NULL}, "README.md"},
        {{ROUTE_LOCALE_README, "en", NULL, NULL, NULL, NULL},
         {ROUTE_BOARD_MD, "en", "text", NULL, NULL, NULL}, "text.md"},
        {{ROUTE_LOCALE_INDEX, "en", NULL, NULL, NULL, NULL},
         {ROUTE_BOARD_HTML, "en", "text", NULL, NULL, NULL}, "text/index.html"},
        {{ROUTE_ROOT, NULL, NULL, NULL, NULL, NULL},
         {ROUTE_LOCALE_INDEX, "en", NULL, NULL, NULL, NULL}, "en/index.html"},
        {{ROUTE_ROOT, NULL, NULL, NULL, NULL, NULL},
         {ROUTE_ASSET, NULL, NULL, "style.css", NULL, NULL}, "assets/style.css"},
        /* A category's page and its board's, both ways, and its switcher. */
        {{ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "coding"},
         {ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL}, "../index.html"},
        {{ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "coding"},
         {ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "math"}, "../math/index.html"},
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL},
         {ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "coding"}, "coding/index.html"},
        {{ROUTE_CATEGORY_MD, "fr", "text", NULL, NULL, "coding"},
         {ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL}, "../text.md"},
        {{ROUTE_BOARD_MD, "fr", "text", NULL, NULL, NULL},
         {ROUTE_CATEGORY_MD, "fr", "text", NULL, NULL, "coding"}, "text/coding.md"},
        {{ROUTE_CATEGORY_MD, "fr", "text", NULL, NULL, "coding"},
         {ROUTE_CATEGORY_CHART, "fr", "text", NULL, NULL, "coding"}, "coding.svg"},
        {{ROUTE_CATEGORY_MD, "fr", "text", NULL, NULL, "coding"},
         {ROUTE_CATEGORY_JSON, NULL, "text", NULL, NULL, "coding"},
         "../../data/text/coding.json"},
        {{ROUTE_CATEGORY_HTML, "zh", "text", NULL, NULL, "coding"},
         {ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "coding"},
         "../../../fr/text/coding/index.html"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *href = route_href(&ROUTER, cases[i].from, cases[i].to);
        assert_string_equal(href, cases[i].href);
        free(href);
    }
}

/* GitHub Pages serves 404.html at whatever address was asked for, so its
 * links are absolute; without a base URL they fall back to links from the
 * root. */
static void the_404_page_links_absolutely(void **state)
{
    (void)state;
    Route nf = route_site(ROUTE_NOT_FOUND);
    char *href = route_href(&ROUTER, nf, route_locale(ROUTE_LOCALE_INDEX, "fr"));
    assert_string_equal(href, "https://example.org/boards/fr/index.html");
    free(href);
    href = route_href(&ROUTER, nf, route_asset("style.css"));
    assert_string_equal(href, "https://example.org/boards/assets/style.css");
    free(href);
    const Router unknown = {NULL, NULL};
    href = route_href(&unknown, nf, route_asset("style.css"));
    assert_string_equal(href, "assets/style.css");
    free(href);
}

static void absolute_urls_come_from_the_base_url(void **state)
{
    (void)state;
    char *url = route_url(&ROUTER, route_board(ROUTE_BOARD_HTML, "zh", "text"));
    assert_string_equal(url, "https://example.org/boards/zh/text/index.html");
    free(url);
    url = route_url(&ROUTER, route_site(ROUTE_ROOT));
    assert_string_equal(url, "https://example.org/boards/index.html");
    free(url);
    const Router unknown = {NULL, NULL};
    assert_null(route_url(&unknown, route_site(ROUTE_ROOT)));
}

/* The link arithmetic itself, at depths the site does not use (yet). */
static void relative_links_at_any_depth(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"index.html", "a/b/c/d.html", "a/b/c/d.html"},
        {"a/b/c/d.html", "index.html", "../../../index.html"},
        {"a/b/c/d.html", "a/x/y.html", "../../x/y.html"},
        {"a/b/c/d.html", "a/b/c/e.html", "e.html"},
        {"a/b/c/d.html", "a/b/c/d.html", "d.html"},
        {"a/b/c/d.html", "a/b/c/e/f/g.html", "e/f/g.html"},
        /* shared characters are not a shared directory */
        {"ab/x.html", "a/y.html", "../a/y.html"},
        {"a/x.html", "ab/y.html", "../ab/y.html"},
        {"fr/text-2/index.html", "fr/text/index.html", "../text/index.html"},
        {"i18n/fr/other/model_rank/text.md", "i18n/zh/other/model_rank/text.md",
         "../../../zh/other/model_rank/text.md"},
        {"other/model_rank/text.md", "i18n/fr/other/model_rank/text.md",
         "../../i18n/fr/other/model_rank/text.md"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *href = route_relative(cases[i][0], cases[i][1]);
        if (strcmp(href, cases[i][2]) != 0)
            fail_msg("%s -> %s: got %s, want %s", cases[i][0], cases[i][1],
                     href, cases[i][2]);
        char *landed = resolve(cases[i][0], href);
        assert_non_null(landed);
        assert_string_equal(landed, cases[i][1]);
        free(landed);
        free(href);
    }
}

static void twins_and_translations(void **state)
{
    (void)state;
    Route board = route_board(ROUTE_BOARD_HTML, "fr", "text");
    Route md = route_markdown_twin(board);
    assert_int_equal(md.kind, ROUTE_BOARD_MD);
    assert_string_equal(md.board, "text");
    Route zh = route_in_locale(md, "zh");
    assert_string_equal(zh.locale, "zh");
    assert_int_equal(route_markdown_twin(route_locale(ROUTE_LOCALE_INDEX, "fr")).kind,
                     ROUTE_LOCALE_README);
    /* pages without a locale or a twin stay what they are */
    Route root = route_in_locale(route_site(ROUTE_ROOT), "fr");
    assert_null(root.locale);
    assert_int_equal(route_markdown_twin(root).kind, ROUTE_ROOT);
    assert_true(route_is_public_html(board));
    assert_true(route_is_public_html(route_site(ROUTE_ROOT)));
    assert_false(route_is_public_html(route_site(ROUTE_NOT_FOUND)));
    assert_false(route_is_public_html(md));
    /* The overview has a Markdown twin; model pages and the feed do not. */
    Route overview = route_locale(ROUTE_OVERVIEW_HTML, "fr");
    assert_int_equal(route_markdown_twin(overview).kind, ROUTE_OVERVIEW_MD);
    Route model = route_model("fr", "gpt-4o");
    assert_int_equal(route_markdown_twin(model).kind, ROUTE_MODEL_HTML);
    assert_string_equal(route_in_locale(model, "zh").locale, "zh");
    assert_string_equal(route_in_locale(model, "zh").model, "gpt-4o");
    assert_true(route_is_public_html(model));
    assert_true(route_is_public_html(overview));
    assert_false(route_is_public_html(route_locale(ROUTE_FEED, "fr")));
    char *href = route_href(&ROUTER, route_board(ROUTE_BOARD_HTML, "fr", "text"), model);
    assert_string_equal(href, "../model/gpt-4o/index.html");
    free(href);
    href = route_href(&ROUTER, model, route_locale(ROUTE_FEED, "fr"));
    assert_string_equal(href, "../../feed.xml");
    free(href);
    /* a category page: its twin, its locale, its board's page and back */
    Route cat = route_with_category(board, "coding");
    assert_int_equal(cat.kind, ROUTE_CATEGORY_HTML);
    assert_string_equal(cat.category, "coding");
    assert_true(route_is_public_html(cat));
    Route cat_md = route_markdown_twin(route_in_locale(cat, "zh"));
    assert_int_equal(cat_md.kind, ROUTE_CATEGORY_MD);
    assert_string_equal(cat_md.locale, "zh");
    assert_string_equal(cat_md.category, "coding");
    Route back = route_with_category(cat, NULL);
    assert_int_equal(back.kind, ROUTE_BOARD_HTML);
    assert_null(back.category);
    assert_int_equal(route_with_category(route_data(ROUTE_DATA_CSV, "text"),
                                         "math").kind, ROUTE_CATEGORY_CSV);
    assert_int_equal(route_with_category(route_site(ROUTE_ROOT), "math").kind,
                     ROUTE_ROOT);
}

/* ---- the docs tree ------------------------------------------------------- */

/* The layout of the repository lbgen replaces: Chinese pages at
 * other/model_rank/, translations under i18n/<locale>/. */
static const DocsPath CHERRY_PATHS[] = {{"zh", "other/model_rank/{board}.md"}};
static const DocsLayout CHERRY = {"i18n/{locale}/other/model_rank/{board}.md",
                                  CHERRY_PATHS, 1, 1};

static void docs_paths_follow_the_patterns(void **state)
{
    (void)state;
    const Router docs = {NULL, &CHERRY};
    static const struct {
        Route r;
        const char *path;
    } cases[] = {
        {{ROUTE_BOARD_MD, "zh", "text", NULL, NULL, NULL}, "other/model_rank/text.md"},
        {{ROUTE_BOARD_CHART, "zh", "text", NULL, NULL, NULL}, "other/model_rank/text.svg"},
        {{ROUTE_LOCALE_README, "zh", NULL, NULL, NULL, NULL}, "other/model_rank/README.md"},
        {{ROUTE_LOCALE_SUMMARY, "zh", NULL, NULL, NULL, NULL}, "other/model_rank/SUMMARY.md"},
        {{ROUTE_BOARD_MD, "fr", "arena-hard", NULL, NULL, NULL},
         "i18n/fr/other/model_rank/arena-hard.md"},
        {{ROUTE_BOARD_CHART, "zh-TW", "text", NULL, NULL, NULL},
         "i18n/zh-TW/other/model_rank/text.svg"},
        {{ROUTE_LOCALE_README, "ja", NULL, NULL, NULL, NULL}, "i18n/ja/other/model_rank/README.md"},
        /* the overview's Markdown page and chart, named like a board's */
        {{ROUTE_OVERVIEW_MD, "ja", NULL, NULL, NULL, NULL}, "i18n/ja/other/model_rank/overview.md"},
        {{ROUTE_OVERVIEW_CHART, "zh", NULL, NULL, NULL, NULL}, "other/model_rank/overview.svg"},
        /* what the docs tree does not hold keeps its site path */
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL}, "fr/text/index.html"},
        {{ROUTE_MODEL_HTML, "fr", NULL, NULL, "gpt-4o", NULL}, "fr/model/gpt-4o/index.html"},
        {{ROUTE_FEED, "fr", NULL, NULL, NULL, NULL}, "fr/feed.xml"},
        /* a board's categories: in the directory named like its page */
        {{ROUTE_CATEGORY_MD, "zh", "text", NULL, NULL, "coding"},
         "other/model_rank/text/coding.md"},
        {{ROUTE_CATEGORY_CHART, "fr", "text", NULL, NULL, "hard_6"},
         "i18n/fr/other/model_rank/text/hard_6.svg"},
        /* what the docs tree does not hold keeps its site path */
        {{ROUTE_BOARD_HTML, "fr", "text", NULL, NULL, NULL}, "fr/text/index.html"},
        {{ROUTE_CATEGORY_HTML, "fr", "text", NULL, NULL, "coding"},
         "fr/text/coding/index.html"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = route_path(&docs, cases[i].r);
        assert_string_equal(path, cases[i].path);
        free(path);
    }
    const DocsLayout plain = {DOCS_DEFAULT_PATTERN, NULL, 0, 0};
    const Router dflt = {NULL, &plain};
    char *path = route_path(&dflt, route_locale(ROUTE_LOCALE_README, "en"));
    assert_string_equal(path, "en/README.md");
    free(path);
    assert_true(route_in_tree(&docs, ROUTE_LOCALE_SUMMARY));
    assert_false(route_in_tree(&dflt, ROUTE_LOCALE_SUMMARY)); /* summary off */
    assert_false(route_in_tree(&docs, ROUTE_DATA_JSON));
    assert_false(route_in_tree(&docs, ROUTE_BOARD_HTML));
    assert_true(route_in_tree(&docs, ROUTE_CATEGORY_MD));
    assert_false(route_in_tree(&docs, ROUTE_CATEGORY_JSON));
    assert_true(route_in_tree(&ROUTER, ROUTE_DATA_JSON));
    assert_true(route_in_tree(&docs, ROUTE_OVERVIEW_MD));
    assert_false(route_in_tree(&docs, ROUTE_MODEL_HTML));
    /* From the docs tree a model page is the published site's. */
    const Router docs_site = {"https://example.org/boards/", &CHERRY};
    char *href = route_href(&docs_site, route_locale(ROUTE_OVERVIEW_MD, "fr"),
                            route_model("fr", "gpt-4o"));
    assert_string_equal(href, "https://example.org/boards/fr/model/gpt-4o/index.html");
    free(href);
}

/* Between any two pages of the docs tree, in any two locales, the link
 * resolves to the target; to the data files, it is the published site's
 * URL, or none without a base URL. */
static void docs_links_resolve_inside_the_tree(void **state)
{
    (void)state;
    static const char *const locales[] = {"zh", "fr", "zh-TW"};
    static const char *const boards[] = {"text", "arena-hard"};
    Route pages[48];
    size_t n = 0;
    for (int l = 0; l < 3; l++) {
        pages[n++] = route_locale(ROUTE_LOCALE_README, locales[l]);
        pages[n++] = route_locale(ROUTE_LOCALE_SUMMARY, locales[l]);
        for (int b = 0; b < 2; b++) {
            pages[n++] = route_board(ROUTE_BOARD_MD, locales[l], boards[b]);
            pages[n++] = route_board(ROUTE_BOARD_CHART, locales[l], boards[b]);
            pages[n++] = route_category(ROUTE_CATEGORY_MD, locales[l], boards[b],
                                        "coding");
            pages[n++] = route_category(ROUTE_CATEGORY_CHART, locales[l],
                                        boards[b], "coding");
        }
    }
    const Router docs = {"https://example.org/boards/", &CHERRY};
    for (size_t i = 0; i < n; i++) {
        char *from = route_path(&docs, pages[i]);
        for (size_t j = 0; j < n; j++) {
            char *to = route_path(&docs, pages[j]);
            char *href = route_href(&docs, pages[i], pages[j]);
            char *landed = resolve(from, href);
            if (!landed || strcmp(landed, to) != 0)
                fail_msg("%s -> %s: href \"%s\" lands on %s", from, to, href,
                         landed ? landed : "(above the root)");
            free(landed);
            free(href);
            free(to);
        }
        free(from);
    }
    Route md = route_board(ROUTE_BOARD_MD, "fr", "text");
    char *href = route_href(&docs, md, route_data(ROUTE_DATA_CSV, "text"));
    assert_string_equal(href, "https://example.org/boards/data/text.csv");
    free(href);
    const Router offline = {NULL, &CHERRY};
    assert_null(route_href(&offline, md, route_data(ROUTE_DATA_CSV, "text")));
    /* a page's absolute URL is the site's, whatever the tree */
    char *url = route_url(&docs, md);
    assert_string_equal(url, "https://example.org/boards/fr/text.md");
    free(url);
}

static void docs_patterns_are_checked(void **state)
{
    (void)state;
    static const char *const good[] = {
        "{locale}/{board}.md", "other/model_rank/{board}.md",
        "i18n/{locale}/other/model_rank/{board}.md", "{board}.md",
        "docs/{locale}-{board}.md", "a_b/v1.2/lb-{board}.md",
    };
    static const char *const bad[][2] = {
        {"{locale}/{board}.html", "ends in \".md\""},
        {"/abs/{board}.md", "starts with '.'"},
        {"a//{board}.md", "starts with '.'"},
        {"../{board}.md", "starts with '.'"},
        {".git/{board}.md", "starts with '.'"},
        {"{board}/x.md", "belongs in the file name"},
        {"{locale}/index.md", "exactly once"},
        {"{board}-{board}.md", "exactly once"},
        {"{lang}/{board}.md", "made of letters"},
        {"a b/{board}.md", "made of letters"},
        {"a\\b/{board}.md", "made of letters"},
        {".md", "ends in \".md\""},
    };
    const char *problem;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (route_docs_pattern_check(good[i], &problem) != 0)
            fail_msg("%s: refused: %s", good[i], problem);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (route_docs_pattern_check(bad[i][0], &problem) == 0)
            fail_msg("%s: accepted", bad[i][0]);
        if (!strstr(problem, bad[i][1]))
            fail_msg("%s: \"%s\" does not say \"%s\"", bad[i][0], problem,
                     bad[i][1]);
    }
}

static void base_urls_are_normalised(void **state)
{
    (void)state;
    const char *problem = NULL;
    char *u = route_base_url("https://owner.github.io/repo", &problem);
    assert_string_equal(u, "https://owner.github.io/repo/");
    free(u);
    u = route_base_url("http://example.org/", &problem);
    assert_string_equal(u, "http://example.org/");
    free(u);
    u = route_base_url("https://example.org", &problem);
    assert_string_equal(u, "https://example.org/");
    free(u);
    static const char *const bad[] = {
        "", "example.org/boards/", "/boards/", "ftp://example.org/",
        "https://", "https:///x", "https://example.org/?q=1",
        "https://example.org/#top", "https://exa mple.org/",
        "javascript:alert(1)//",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        problem = NULL;
        if (route_base_url(bad[i], &problem))
            fail_msg("\"%s\" accepted", bad[i]);
        assert_non_null(problem);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_of_every_page),
        cmocka_unit_test(every_link_resolves_to_its_target),
        cmocka_unit_test(links_are_the_shortest_relative_ones),
        cmocka_unit_test(the_404_page_links_absolutely),
        cmocka_unit_test(absolute_urls_come_from_the_base_url),
        cmocka_unit_test(relative_links_at_any_depth),
        cmocka_unit_test(twins_and_translations),
        cmocka_unit_test(reserved_board_ids),
        cmocka_unit_test(docs_paths_follow_the_patterns),
        cmocka_unit_test(docs_links_resolve_inside_the_tree),
        cmocka_unit_test(docs_patterns_are_checked),
        cmocka_unit_test(base_urls_are_normalised),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
