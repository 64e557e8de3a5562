#include "route.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "leaderboard.h"
#include "mem.h"
#include "slug.h"

Route route_site(RouteKind kind)
{
    assert(kind == ROUTE_ROOT || kind == ROUTE_NOT_FOUND
           || kind == ROUTE_SITEMAP || kind == ROUTE_NOJEKYLL);
    return (Route){kind, NULL, NULL, NULL, NULL, NULL};
}

Route route_asset(const char *file)
{
    return (Route){ROUTE_ASSET, NULL, NULL, file, NULL, NULL};
}

Route route_data(RouteKind kind, const char *board)
{
    assert(kind == ROUTE_DATA_JSON || kind == ROUTE_DATA_CSV);
    return (Route){kind, NULL, board, NULL, NULL, NULL};
}

Route route_locale(RouteKind kind, const char *locale)
{
    assert(kind == ROUTE_LOCALE_INDEX || kind == ROUTE_LOCALE_README
           || kind == ROUTE_LOCALE_SUMMARY || kind == ROUTE_OVERVIEW_HTML
           || kind == ROUTE_OVERVIEW_MD || kind == ROUTE_OVERVIEW_CHART
           || kind == ROUTE_FEED);
    return (Route){kind, locale, NULL, NULL, NULL, NULL};
}

Route route_board(RouteKind kind, const char *locale, const char *board)
{
    assert(kind == ROUTE_BOARD_HTML || kind == ROUTE_BOARD_MD
           || kind == ROUTE_BOARD_CHART);
    return (Route){kind, locale, board, NULL, NULL, NULL};
}

Route route_model(const char *locale, const char *model)
{
    return (Route){ROUTE_MODEL_HTML, locale, NULL, NULL, model, NULL};
}

int route_reserved_board_id(const char *id)
{
    return strcmp(id, "model") == 0 || strcmp(id, "overview") == 0;
}

Route route_category(RouteKind kind, const char *locale, const char *board,
                     const char *category)
{
    assert(((kind == ROUTE_CATEGORY_HTML || kind == ROUTE_CATEGORY_MD
             || kind == ROUTE_CATEGORY_CHART) && locale)
           || ((kind == ROUTE_CATEGORY_JSON || kind == ROUTE_CATEGORY_CSV)
               && !locale));
    return (Route){.kind = kind, .locale = locale, .board = board,
                   .category = category};
}

Route route_with_category(Route r, const char *category)
{
    static const RouteKind pairs[][2] = {
        {ROUTE_BOARD_HTML, ROUTE_CATEGORY_HTML},
        {ROUTE_BOARD_MD, ROUTE_CATEGORY_MD},
        {ROUTE_BOARD_CHART, ROUTE_CATEGORY_CHART},
        {ROUTE_DATA_JSON, ROUTE_CATEGORY_JSON},
        {ROUTE_DATA_CSV, ROUTE_CATEGORY_CSV},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (r.kind == pairs[i][0] || r.kind == pairs[i][1]) {
            r.kind = pairs[i][category ? 1 : 0];
            r.category = category;
            return r;
        }
    }
    return r;
}

Route route_in_locale(Route r, const char *locale)
{
    if (r.locale)
        r.locale = locale;
    return r;
}

Route route_markdown_twin(Route r)
{
    if (r.kind == ROUTE_BOARD_HTML)
        r.kind = ROUTE_BOARD_MD;
    else if (r.kind == ROUTE_OVERVIEW_HTML)
        r.kind = ROUTE_OVERVIEW_MD;
    else if (r.kind == ROUTE_CATEGORY_HTML)
        r.kind = ROUTE_CATEGORY_MD;
    else if (r.kind == ROUTE_LOCALE_INDEX)
        r.kind = ROUTE_LOCALE_README;
    return r;
}

int route_is_public_html(Route r)
{
    return r.kind == ROUTE_ROOT || r.kind == ROUTE_LOCALE_INDEX
           || r.kind == ROUTE_BOARD_HTML || r.kind == ROUTE_CATEGORY_HTML
           || r.kind == ROUTE_MODEL_HTML || r.kind == ROUTE_OVERVIEW_HTML;
}

/* The site's layout. */
static void site_path(Buf *b, Route r)
{
    switch (r.kind) {
    case ROUTE_ROOT:
        buf_puts(b, "index.html");
        break;
    case ROUTE_NOT_FOUND:
        buf_puts(b, "404.html");
        break;
    case ROUTE_SITEMAP:
        buf_puts(b, "sitemap.xml");
        break;
    case ROUTE_NOJEKYLL:
        buf_puts(b, ".nojekyll");
        break;
    case ROUTE_ASSET:
        buf_printf(b, "assets/%s", r.file);
        break;
    case ROUTE_DATA_JSON:
        buf_printf(b, "data/%s.json", r.board);
        break;
    case ROUTE_DATA_CSV:
        buf_printf(b, "data/%s.csv", r.board);
        break;
    case ROUTE_LOCALE_INDEX:
        buf_printf(b, "%s/index.html", r.locale);
        break;
    case ROUTE_LOCALE_README:
        buf_printf(b, "%s/README.md", r.locale);
        break;
    case ROUTE_LOCALE_SUMMARY:
        buf_printf(b, "%s/SUMMARY.md", r.locale);
        break;
    case ROUTE_BOARD_HTML:
        buf_printf(b, "%s/%s/index.html", r.locale, r.board);
        break;
    case ROUTE_BOARD_MD:
        buf_printf(b, "%s/%s.md", r.locale, r.board);
        break;
    case ROUTE_BOARD_CHART:
        buf_printf(b, "%s/%s.svg", r.locale, r.board);
        break;
    case ROUTE_MODEL_HTML:
        buf_printf(b, "%s/model/%s/index.html", r.locale, r.model);
        break;
    case ROUTE_OVERVIEW_HTML:
        buf_printf(b, "%s/overview/index.html", r.locale);
        break;
    case ROUTE_OVERVIEW_MD:
        buf_printf(b, "%s/overview.md", r.locale);
        break;
    case ROUTE_OVERVIEW_CHART:
        buf_printf(b, "%s/overview.svg", r.locale);
        break;
    case ROUTE_FEED:
        buf_printf(b, "%s/feed.xml", r.locale);
        break;
    case ROUTE_CATEGORY_HTML:
        buf_printf(b, "%s/%s/%s/index.html", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_MD:
        buf_printf(b, "%s/%s/%s.md", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_CHART:
        buf_printf(b, "%s/%s/%s.svg", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_JSON:
        buf_printf(b, "data/%s/%s.json", r.board, r.category);
        break;
    case ROUTE_CATEGORY_CSV:
        buf_printf(b, "data/%s/%s.csv", r.board, r.category);
        break;
    }
}

const char *route_docs_pattern(const DocsLayout *layout, const char *locale)
{
    for (size_t i = 0; i < layout->n_paths; i++)
        if (strcmp(layout->paths[i].locale, locale) == 0)
            return layout->paths[i].pattern;
    return layout->pattern;
}

/* `pattern` with {locale} and {board} filled in (checked patterns only:
 * every other piece is literal text). */
static void fill_pattern(Buf *b, const char *pattern, const char *locale,
                         const char *page)
{
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{locale}", 8) == 0) {
            buf_puts(b, locale);
            p += 8;
        } else if (strncmp(p, "{board}", 7) == 0) {
            buf_puts(b, page);
            p += 7;
        } else {
            buf_putc(b, *p++);
        }
    }
}

int route_in_tree(const Router *router, RouteKind kind)
{
    if (!router->docs)
        return 1;
    return kind == ROUTE_BOARD_MD || kind == ROUTE_BOARD_CHART
           || kind == ROUTE_CATEGORY_MD || kind == ROUTE_CATEGORY_CHART
           || kind == ROUTE_LOCALE_README || kind == ROUTE_OVERVIEW_MD
           || kind == ROUTE_OVERVIEW_CHART
           || (kind == ROUTE_LOCALE_SUMMARY && router->docs->summary);
}

/* The docs tree's layout: the page's name in its locale's pattern. */
static void docs_path(Buf *b, const DocsLayout *docs, Route r)
{
    const char *pattern = route_docs_pattern(docs, r.locale);
    switch (r.kind) {
    case ROUTE_LOCALE_README:
        fill_pattern(b, pattern, r.locale, "README");
        break;
    case ROUTE_LOCALE_SUMMARY:
        fill_pattern(b, pattern, r.locale, "SUMMARY");
        break;
    case ROUTE_BOARD_MD:
        fill_pattern(b, pattern, r.locale, r.board);
        break;
    case ROUTE_OVERVIEW_MD: /* named as a board "overview" would be */
        fill_pattern(b, pattern, r.locale, "overview");
        break;
    case ROUTE_OVERVIEW_CHART:
        fill_pattern(b, pattern, r.locale, "overview");
        b->len -= 3;
        b->data[b->len] = '\0';
        buf_puts(b, ".svg");
        break;
    case ROUTE_BOARD_CHART: /* beside its page: ".md" becomes ".svg" */
        fill_pattern(b, pattern, r.locale, r.board);
        b->len -= 3;
        b->data[b->len] = '\0';
        buf_puts(b, ".svg");
        break;
    case ROUTE_CATEGORY_MD: /* in the directory named like its board's page */
    case ROUTE_CATEGORY_CHART:
        fill_pattern(b, pattern, r.locale, r.board);
        b->len -= 3;
        b->data[b->len] = '\0';
        buf_printf(b, "/%s.%s", r.category,
                   r.kind == ROUTE_CATEGORY_MD ? "md" : "svg");
        break;
    default:
        assert(!"not a page of the docs tree");
    }
}

char *route_path(const Router *router, Route r)
{
    /* Board ids and locale codes come from the configuration, which
     * checked them: no path leaves the tree. */
    assert(!r.board || slug_valid(r.board));
    assert(!r.locale || locale_code_valid(r.locale));
    assert(!r.model || model_slug_valid(r.model));
    assert(!r.category || lb_category_is_valid(r.category));
    Buf b = BUF_INIT;
    if (router->docs && route_in_tree(router, r.kind))
        docs_path(&b, router->docs, r);
    else
        site_path(&b, r);
    assert(b.len > 0 && b.data[0] != '/');
    return buf_detach(&b);
}

char *route_relative(const char *from, const char *to)
{
    /* Skip the directories both paths share, whole segments only. */
    size_t shared = 0;
    for (size_t i = 0; from[i] && from[i] == to[i]; i++)
        if (from[i] == '/')
            shared = i + 1;
    Buf b = BUF_INIT;
    for (const char *p = from + shared; *p; p++)
        if (*p == '/')
            buf_puts(&b, "../");
    buf_puts(&b, to + shared);
    return buf_detach(&b);
}

char *route_url(const Router *router, Route r)
{
    if (!router->base_url)
        return NULL;
    Buf b = BUF_INIT;
    buf_puts(&b, router->base_url);
    site_path(&b, r);
    return buf_detach(&b);
}

char *route_href(const Router *router, Route from, Route to)
{
    if (from.kind == ROUTE_NOT_FOUND && router->base_url)
        return route_url(router, to);
    if (router->docs && route_in_tree(router, from.kind)
        && !route_in_tree(router, to.kind))
        return route_url(router, to);
    char *a = route_path(router, from), *b = route_path(router, to);
    char *href = route_relative(a, b);
    free(a);
    free(b);
    return href;
}

char *route_base_url(const char *url, const char **problem)
{
    if (!lb_url_is_http(url)) {
        *problem = "expected an absolute http(s) URL with a host, such as "
                   "https://OWNER.github.io/REPO/";
        return NULL;
    }
    if (strpbrk(url, "?#")) {
        *problem = "a base URL has no query or fragment ('?' or '#')";
        return NULL;
    }
    size_t n = strlen(url);
    return url[n - 1] == '/' ? xstrdup(url) : str_printf("%s/", url);
}

static int pattern_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

int route_docs_pattern_check(const char *pattern, const char **problem)
{
    size_t n = strlen(pattern);
    const char *last = strrchr(pattern, '/');
    last = last ? last + 1 : pattern;
    int boards = 0;
    *problem = NULL;
    if (n < 4 || strcmp(pattern + n - 3, ".md") != 0)
        *problem = "a docs path pattern ends in \".md\"";
    for (const char *seg = pattern; !*problem && *seg;) {
        size_t len = strcspn(seg, "/");
        if (len == 0 || seg[0] == '.')
            *problem = "a docs path pattern is relative, and none of its "
                       "segments is empty or starts with '.'";
        for (const char *p = seg; !*problem && p < seg + len;) {
            if (strncmp(p, "{locale}", 8) == 0) {
                p += 8;
            } else if (strncmp(p, "{board}", 7) == 0) {
                boards++;
                if (seg != last)
                    *problem = "{board} belongs in the file name, the last "
                               "segment of a docs path pattern";
                p += 7;
            } else if (pattern_char(*p)) {
                p++;
            } else {
                *problem = "a docs path pattern is made of letters, digits, "
                           "'.', '_', '-', '/', {locale} and {board}";
            }
        }
        seg += len;
        if (*seg == '/')
            seg++;
    }
    if (!*problem && boards != 1)
        *problem = "a docs path pattern has {board} exactly once";
    return *problem ? -1 : 0;
}
