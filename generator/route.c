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
    return (Route){kind, NULL, NULL, NULL, NULL};
}

Route route_asset(const char *file)
{
    return (Route){ROUTE_ASSET, NULL, NULL, file, NULL};
}

Route route_data(RouteKind kind, const char *board)
{
    assert(kind == ROUTE_DATA_JSON || kind == ROUTE_DATA_CSV);
    return (Route){kind, NULL, board, NULL, NULL};
}

Route route_locale(RouteKind kind, const char *locale)
{
    assert(kind == ROUTE_LOCALE_INDEX || kind == ROUTE_LOCALE_README
           || kind == ROUTE_LOCALE_SUMMARY);
    return (Route){kind, locale, NULL, NULL, NULL};
}

Route route_board(RouteKind kind, const char *locale, const char *board)
{
    assert(kind == ROUTE_BOARD_HTML || kind == ROUTE_BOARD_MD
           || kind == ROUTE_BOARD_CHART);
    return (Route){kind, locale, board, NULL, NULL};
}

Route route_category(RouteKind kind, const char *locale, const char *board,
                     const char *category)
{
    assert(((kind == ROUTE_CATEGORY_HTML || kind == ROUTE_CATEGORY_MD
             || kind == ROUTE_CATEGORY_CHART) && locale)
           || ((kind == ROUTE_CATEGORY_JSON || kind == ROUTE_CATEGORY_CSV)
               && !locale));
    return (Route){kind, locale, board, NULL, category};
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
    else if (r.kind == ROUTE_CATEGORY_HTML)
        r.kind = ROUTE_CATEGORY_MD;
    else if (r.kind == ROUTE_LOCALE_INDEX)
        r.kind = ROUTE_LOCALE_README;
    return r;
}

int route_is_public_html(Route r)
{
    return r.kind == ROUTE_ROOT || r.kind == ROUTE_LOCALE_INDEX
           || r.kind == ROUTE_BOARD_HTML || r.kind == ROUTE_CATEGORY_HTML;
}

char *route_path(const Router *router, Route r)
{
    (void)router; /* the layout is fixed for now */
    /* Board ids and locale codes come from the configuration, which
     * checked them: no path leaves the site. */
    assert(!r.board || slug_valid(r.board));
    assert(!r.locale || locale_code_valid(r.locale));
    assert(!r.category || lb_category_is_valid(r.category));
    Buf b = BUF_INIT;
    switch (r.kind) {
    case ROUTE_ROOT:
        buf_puts(&b, "index.html");
        break;
    case ROUTE_NOT_FOUND:
        buf_puts(&b, "404.html");
        break;
    case ROUTE_SITEMAP:
        buf_puts(&b, "sitemap.xml");
        break;
    case ROUTE_NOJEKYLL:
        buf_puts(&b, ".nojekyll");
        break;
    case ROUTE_ASSET:
        buf_printf(&b, "assets/%s", r.file);
        break;
    case ROUTE_DATA_JSON:
        buf_printf(&b, "data/%s.json", r.board);
        break;
    case ROUTE_DATA_CSV:
        buf_printf(&b, "data/%s.csv", r.board);
        break;
    case ROUTE_LOCALE_INDEX:
        buf_printf(&b, "%s/index.html", r.locale);
        break;
    case ROUTE_LOCALE_README:
        buf_printf(&b, "%s/README.md", r.locale);
        break;
    case ROUTE_LOCALE_SUMMARY:
        buf_printf(&b, "%s/SUMMARY.md", r.locale);
        break;
    case ROUTE_BOARD_HTML:
        buf_printf(&b, "%s/%s/index.html", r.locale, r.board);
        break;
    case ROUTE_BOARD_MD:
        buf_printf(&b, "%s/%s.md", r.locale, r.board);
        break;
    case ROUTE_BOARD_CHART:
        buf_printf(&b, "%s/%s.svg", r.locale, r.board);
        break;
    case ROUTE_CATEGORY_HTML:
        buf_printf(&b, "%s/%s/%s/index.html", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_MD:
        buf_printf(&b, "%s/%s/%s.md", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_CHART:
        buf_printf(&b, "%s/%s/%s.svg", r.locale, r.board, r.category);
        break;
    case ROUTE_CATEGORY_JSON:
        buf_printf(&b, "data/%s/%s.json", r.board, r.category);
        break;
    case ROUTE_CATEGORY_CSV:
        buf_printf(&b, "data/%s/%s.csv", r.board, r.category);
        break;
    }
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
    char *path = route_path(router, r);
    Buf b = BUF_INIT;
    buf_printf(&b, "%s%s", router->base_url, path);
    free(path);
    return buf_detach(&b);
}

char *route_href(const Router *router, Route from, Route to)
{
    if (from.kind == ROUTE_NOT_FOUND && router->base_url)
        return route_url(router, to);
    char *a = route_path(router, from), *b = route_path(router, to);
    char *href = route_relative(a, b);
    free(a);
    free(b);
    return href;
}
