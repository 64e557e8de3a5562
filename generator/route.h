/* route — where every page lives, and how pages link to each other. The
 * one place that knows both layouts lbgen writes: the site builder asks it
 * where to write each page (route_path), the view asks it for every link a
 * page carries (route_href, route_url). Nothing else formats a page path.
 *
 * The site (lbgen build --out), for each locale L and board B (slugs
 * checked by slug.h):
 *
 *   index.html  404.html  .nojekyll                  once
 *   sitemap.xml                                      once, with a base URL
 *   assets/NAME                                      copied from templates
 *   data/B.json  data/B.csv                          downloads
 *   L/index.html  L/README.md  L/SUMMARY.md          per locale
 *   L/B/index.html  L/B.md  L/B.svg                  per board
 *   L/B/C/index.html  L/B/C.md  L/B/C.svg            per category C of B
 *   data/B/C.json  data/B/C.csv                      its downloads
 *
 * Category ids are the source's names ([a-z0-9_-], lb_category_is_valid):
 * no path of a category can be a board's (a board page is B/index.html,
 * a category's B/C/index.html) or leave the site.
 *
 *   L/model/M/index.html                             per model M (slug.h)
 *   L/overview/index.html  L/overview.md  L/overview.svg   across boards
 *   L/feed.xml                                       Atom feed of changes
 *
 * "model" and "overview" are therefore not board ids
 * (route_reserved_board_id).
 *
 * The docs tree (lbgen build --docs-out, a Router with `docs` set): only the
 * Markdown pages and their charts, where a DocsLayout's path patterns say.
 * A pattern such as "i18n/{locale}/other/model_rank/{board}.md" names the
 * board pages; the same pattern with {board} = README is the locale's index
 * page, with {board} = SUMMARY its GitBook table of contents, with {board} =
 * overview the overview (no model page: those are the site's); a chart is its
 * page's path with ".svg" for ".md". A board's category pages (and their
 * charts) go into the directory named like the board page without ".md":
 * ".../{board}/{category}.md", beside ".../{board}.md".
 *
 * Links between pages are relative, so the site works from disk and under
 * any sub-path, and the docs tree wherever it is checked out: route_href()
 * computes them from the two paths alone, at any depth. A link from the
 * docs tree to a page it does not hold (the data downloads) is the site's
 * absolute URL, or none without a base URL. The 404 page, which GitHub
 * Pages serves at whatever address was asked for, links absolutely when
 * the base URL is known (and a script in it fixes its links otherwise:
 * templates/html/404.html).
 *
 * Adding a page kind is one enum value and one case in site_path() (and in
 * docs_path() when the docs tree holds it); every link to and from it
 * follows.
 *
 * Ownership: a Route borrows its strings; every char * returned here is
 * new and freed by the caller. */
#ifndef LBGEN_ROUTE_H
#define LBGEN_ROUTE_H

#include <stddef.h>

typedef enum {
    ROUTE_ROOT,           /* index.html: the language chooser */
    ROUTE_NOT_FOUND,      /* 404.html */
    ROUTE_SITEMAP,        /* sitemap.xml */
    ROUTE_NOJEKYLL,       /* .nojekyll: GitHub Pages serves the tree as is */
    ROUTE_ASSET,          /* assets/<file> */
    ROUTE_DATA_JSON,      /* data/<board>.json */
    ROUTE_DATA_CSV,       /* data/<board>.csv */
    ROUTE_LOCALE_INDEX,   /* <locale>/index.html */
    ROUTE_LOCALE_README,  /* <locale>/README.md */
    ROUTE_LOCALE_SUMMARY, /* <locale>/SUMMARY.md (GitBook's table of contents) */
    ROUTE_BOARD_HTML,     /* <locale>/<board>/index.html */
    ROUTE_BOARD_MD,       /* <locale>/<board>.md */
    ROUTE_BOARD_CHART,    /* <locale>/<board>.svg (the Markdown page's chart) */
    ROUTE_MODEL_HTML,     /* <locale>/model/<model>/index.html */
    ROUTE_OVERVIEW_HTML,  /* <locale>/overview/index.html */
    ROUTE_OVERVIEW_MD,    /* <locale>/overview.md */
    ROUTE_OVERVIEW_CHART, /* <locale>/overview.svg (the value chart) */
    ROUTE_FEED,           /* <locale>/feed.xml (Atom) */
    ROUTE_CATEGORY_HTML,  /* <locale>/<board>/<category>/index.html */
    ROUTE_CATEGORY_MD,    /* <locale>/<board>/<category>.md */
    ROUTE_CATEGORY_CHART, /* <locale>/<board>/<category>.svg */
    ROUTE_CATEGORY_JSON,  /* data/<board>/<category>.json */
    ROUTE_CATEGORY_CSV    /* data/<board>/<category>.csv */
} RouteKind;

typedef struct {
    RouteKind kind;
    const char *locale; /* locale code, for ROUTE_LOCALE_* and ROUTE_BOARD_* */
    const char *board;  /* board id, for ROUTE_BOARD_* and ROUTE_DATA_* */
    const char *file;   /* file name, for ROUTE_ASSET */
    const char *model;  /* model slug (slug_for_model), for ROUTE_MODEL_HTML */
    const char *category; /* category id, for ROUTE_CATEGORY_* */
} Route;

/* The docs tree's layout, from site.docs in leaderboards.json. Patterns
 * are checked by route_docs_pattern_check(); the strings are borrowed. */
typedef struct {
    const char *locale;  /* a locale code */
    const char *pattern; /* that locale's pattern */
} DocsPath;

typedef struct DocsLayout {
    const char *pattern;   /* every locale's, unless `paths` has its own */
    const DocsPath *paths; /* per-locale overrides */
    size_t n_paths;
    int summary;           /* write a SUMMARY.md per locale */
} DocsLayout;

#define DOCS_DEFAULT_PATTERN "{locale}/{board}.md"

/* What routing needs to know about the site as a whole, from its
 * configuration (the site build fills it once, SiteModel carries it).
 * Settings that change where pages go belong here, so every path and link
 * follows them. */
typedef struct {
    const char *base_url;   /* absolute, ends with '/'; NULL: unknown */
    const DocsLayout *docs; /* set: paths are the docs tree's; NULL: the site's */
} Router;

/* Constructors, for readable call sites. */
Route route_site(RouteKind kind); /* ROOT, NOT_FOUND, SITEMAP, NOJEKYLL */
Route route_asset(const char *file);
Route route_data(RouteKind kind, const char *board); /* DATA_JSON / DATA_CSV */
Route route_locale(RouteKind kind, const char *locale);
Route route_board(RouteKind kind, const char *locale, const char *board);
Route route_model(const char *locale, const char *model); /* MODEL_HTML */

/* 1 when a board with this id would share a path with the pages of
 * another kind ("model", "overview"); the configuration refuses it. */
int route_reserved_board_id(const char *id);

/* ROUTE_CATEGORY_HTML / _MD / _CHART (locale set) or _JSON / _CSV
 * (locale NULL). */
Route route_category(RouteKind kind, const char *locale, const char *board,
                     const char *category);

/* A board page's kind for its category (BOARD_HTML → CATEGORY_HTML, ...,
 * DATA_JSON → CATEGORY_JSON) with `category` set; `category` NULL: the
 * board's own page of that kind (the reverse). Other kinds unchanged. */
Route route_with_category(Route r, const char *category);

/* The same page in another locale (`r` itself for pages that have no
 * locale). */
Route route_in_locale(Route r, const char *locale);

/* The Markdown page with the same content as an HTML page (board page →
 * board .md, category page → its .md, overview → overview.md, locale index
 * → README.md); `r`
 * itself when there is none. */
Route route_markdown_twin(Route r);

/* 1 for the pages listed in the sitemap and given hreflang alternates:
 * the HTML pages a visitor lands on (not 404.html). */
int route_is_public_html(Route r);

/* 1 when the router's tree holds pages of this kind: every kind in the
 * site; the Markdown pages, README, SUMMARY and charts in a docs tree
 * (SUMMARY only when the layout writes one). */
int route_in_tree(const Router *router, RouteKind kind);

/* Tree-relative path: "fr/text/index.html", or in a docs tree
 * "i18n/fr/other/model_rank/text.md". A kind the tree does not hold gets
 * its site path. */
char *route_path(const Router *router, Route r);

/* The link from page `from` to page `to`: relative ("../../zh/index.html",
 * "text.svg", "" never: a page links to itself by its file name); absolute
 * when `from` is the 404 page and the base URL is known; from a docs page
 * to a page only the site holds, the site's absolute URL, or NULL when the
 * base URL is unknown. */
char *route_href(const Router *router, Route from, Route to);

/* The absolute URL of `r` on the published site (base URL + its site
 * path, whatever the router's tree), or NULL when the base URL is unknown. */
char *route_url(const Router *router, Route r);

/* A base URL as given (--base-url, LBGEN_BASE_URL, site.base_url): an
 * absolute http(s) URL with a host and no query or fragment. Returns it
 * ending in '/' (a new string), or NULL with *problem set to a static
 * explanation. */
char *route_base_url(const char *url, const char **problem);

/* 0 when `pattern` can lay out a docs tree: a relative path ending in
 * ".md", made of [A-Za-z0-9._-] segments that are not empty, "." or ".." and
 * do not start with '.', with {board} once in its last segment and
 * {locale} anywhere; else -1 with *problem set (a static string). */
int route_docs_pattern_check(const char *pattern, const char **problem);

/* The pattern `layout` gives `locale`. */
const char *route_docs_pattern(const DocsLayout *layout, const char *locale);

/* The relative link from the file at site-relative path `from` to the one
 * at `to` (both '/'-separated, no "." or ".." segments, no leading '/'):
 * one "../" per directory of `from` below the directories they share, then
 * the rest of `to`. */
char *route_relative(const char *from, const char *to);

#endif
