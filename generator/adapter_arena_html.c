/* adapter_arena_html — an LMArena leaderboard page → an `arena` board.
 *
 * The page is parsed with libxml2's HTML parser (no network, no external
 * entities, errors ignored: real pages are tag soup) and the leaderboard
 * table is found by its header names, never its position, so every board
 * (text, vision, webdev, search, text-to-image, agent) goes through the same
 * code. Cell text is the *visible* text: icons (<img>, inline <svg> and its
 * <title>) are never glued to a model name, and badges such as
 * "Preliminary" become flags instead of text glued to the score. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>

#include "adapter.h"
#include "buf.h"
#include "mem.h"
#include "table.h"
#include "text.h"

typedef enum {
    COL_EXTRA,
    COL_RANK,
    COL_RANK_UB,
    COL_SPREAD,
    COL_MODEL,
    COL_SCORE,
    COL_CI,
    COL_VOTES,
    COL_ORG,
    COL_LICENSE
} ColKind;

typedef struct {
    const char *header; /* lowercase, squeezed */
    ColKind kind;
} HeaderName;

/* Headers seen on the arena boards (and the Chinese pages made from them).
 * Anything else (Price $/M, Context, the agent board's columns) is kept
 * as `extra` under its own header. */
static const HeaderName header_names[] = {
    {"rank (ub)", COL_RANK_UB},     {"rank(ub)", COL_RANK_UB},
    {"rank", COL_RANK},             {"排名", COL_RANK},
    {"排名 (ub)", COL_RANK_UB},     {"rank spread", COL_SPREAD},
    {"model", COL_MODEL},           {"模型", COL_MODEL},
    {"score", COL_SCORE},           {"arena score", COL_SCORE},
    {"分数", COL_SCORE},            {"rating", COL_SCORE},
    {"elo", COL_SCORE},             {"95% ci (±)", COL_CI},
    {"95% ci", COL_CI},             {"ci", COL_CI},
    {"95% 置信区间 (±)", COL_CI},   {"95% 置信区间", COL_CI},
    {"votes", COL_VOTES},           {"票数", COL_VOTES},
    {"organization", COL_ORG},      {"organisation", COL_ORG},
    {"org", COL_ORG},               {"组织/公司", COL_ORG},
    {"组织", COL_ORG},              {"license", COL_LICENSE},
    {"许可证", COL_LICENSE},        {NULL, COL_EXTRA},
};

/* ---- visible text ------------------------------------------------------ */

static int is_named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE
           && strcasecmp((const char *)n->name, name) == 0;
}

/* 1 when `class` (a space-separated list) holds `name`. */
static int has_class(const xmlNode *n, const char *name)
{
    xmlChar *cls = xmlGetProp(n, BAD_CAST "class");
    int found = 0;
    if (cls) {
        size_t len = strlen(name);
        for (const char *p = (const char *)cls; *p && !found;) {
            size_t w = strcspn(p, " \t\n");
            found = w == len && strncmp(p, name, len) == 0;
            p += w;
            p += strspn(p, " \t\n");
        }
        xmlFree(cls);
    }
    return found;
}

/* Elements whose text a reader never sees next to the name: images and
 * inline SVG (with its <title>), scripts, hidden and screen-reader-only
 * elements ("sr-only", "visually-hidden"), display:none. */
static int is_invisible(const xmlNode *n)
{
    static const char *const hidden[] = {"img", "svg", "script", "style",
                                         "template", "noscript", "title",
                                         NULL};
    for (const char *const *h = hidden; *h; h++)
        if (is_named(n, *h))
            return 1;
    if (xmlHasProp(n, BAD_CAST "hidden") || has_class(n, "sr-only")
        || has_class(n, "visually-hidden"))
        return 1;
    xmlChar *style = xmlGetProp(n, BAD_CAST "style");
    int none = 0;
    if (style) {
        char *squeezed = text_squeeze((const char *)style);
        for (char *p = squeezed; *p; p++)
            if (*p == ' ')
                memmove(p, p + 1, strlen(p));
        none = strstr(squeezed, "display:none") != NULL;
        free(squeezed);
        xmlFree(style);
    }
    return none;
}

static int is_block(const xmlNode *n)
{
    static const char *const blocks[] = {"div", "p", "br", "li", "ul",
                                         "ol", "table", "tr", NULL};
    for (const char *const *b = blocks; *b; b++)
        if (is_named(n, *b))
            return 1;
    return 0;
}

static void collect_text(const xmlNode *n, Buf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !is_invisible(c)) {
            if (is_block(c))
                buf_putc(out, ' ');
            collect_text(c, out);
            if (is_block(c))
                buf_putc(out, ' ');
        }
    }
}

/* The node's visible text, squeezed. The caller frees it. */
static char *visible_text(const xmlNode *n)
{
    Buf b = BUF_INIT;
    collect_text(n, &b);
    char *s = text_squeeze(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* ---- XPath helpers ----------------------------------------------------- */

static xmlXPathObjectPtr eval_at(xmlXPathContextPtr ctx, xmlNodePtr node,
                                 const char *expr)
{
    ctx->node = node;
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    if (r && (!r->nodesetval || r->nodesetval->nodeNr == 0)) {
        xmlXPathFreeObject(r);
        return NULL;
    }
    return r;
}

/* ---- finding the table ------------------------------------------------- */

typedef struct {
    xmlNodePtr table;
    xmlNodePtr header_row;
    char **headers;
    ColKind *kinds;
    size_t ncols;
} Layout;

static void layout_free(Layout *l)
{
    free_strings(l->headers, l->ncols);
    free(l->kinds);
    memset(l, 0, sizeof *l);
}

static ColKind header_kind(const char *header)
{
    char *lower = xstrdup(header);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    ColKind kind = COL_EXTRA;
    for (const HeaderName *h = header_names; h->header; h++) {
        if (strcmp(lower, h->header) == 0) {
            kind = h->kind;
            break;
        }
    }
    free(lower);
    return kind;
}

static int layout_has(const Layout *l, ColKind kind)
{
    for (size_t i = 0; i < l->ncols; i++)
        if (l->kinds[i] == kind)
            return 1;
    return 0;
}

/* Missing required headers, as a comma-separated list ("" if none). */
static void layout_missing(const Layout *l, Buf *out)
{
    if (!layout_has(l, COL_RANK) && !layout_has(l, COL_RANK_UB))
        buf_puts(out, "Rank");
    if (!layout_has(l, COL_MODEL))
        buf_printf(out, "%sModel", out->len ? ", " : "");
    if (!layout_has(l, COL_SCORE))
        buf_printf(out, "%sScore", out->len ? ", " : "");
}

/* The innermost <table> around `n`. */
static xmlNodePtr owning_table(xmlNodePtr n)
{
    for (n = n->parent; n && !is_named(n, "table"); n = n->parent)
        ;
    return n;
}

static int has_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_named(c, name))
            return 1;
    return 0;
}

/* The table's own rows, in document order: rows of tables nested inside
 * its cells (tooltips, details) are not its rows. The caller frees *rows. */
static size_t own_rows(xmlXPathContextPtr ctx, xmlNodePtr table,
                       xmlNodePtr **rows)
{
    size_t n = 0;
    *rows = NULL;
    xmlXPathObjectPtr all = eval_at(ctx, table, ".//tr");
    if (!all)
        return 0;
    *rows = xmalloc((size_t)all->nodesetval->nodeNr * sizeof **rows);
    for (int i = 0; i < all->nodesetval->nodeNr; i++) {
        xmlNodePtr tr = all->nodesetval->nodeTab[i];
        if (owning_table(tr) == table)
            (*rows)[n++] = tr;
    }
    xmlXPathFreeObject(all);
    return n;
}

/* 1 when `header` is `text` or a renamed copy of it, "text (N)". */
static int is_copy_of(const char *header, const char *text)
{
    size_t n = strlen(text);
    if (strncmp(header, text, n) != 0)
        return 0;
    if (header[n] == '\0')
        return 1;
    const char *p = header + n;
    if (strncmp(p, " (", 2) != 0)
        return 0;
    p += 2;
    while (isdigit((unsigned char)*p))
        p++;
    return p > header + n + 2 && strcmp(p, ")") == 0;
}

static void read_layout(xmlXPathContextPtr ctx, xmlNodePtr table, Layout *l)
{
    memset(l, 0, sizeof *l);
    l->table = table;
    xmlNodePtr *rows;
    size_t n = own_rows(ctx, table, &rows);
    /* The header: the first row of <th> cells, else the first row. */
    for (size_t i = 0; i < n && !l->header_row; i++)
        if (has_child(rows[i], "th"))
            l->header_row = rows[i];
    if (!l->header_row && n > 0)
        l->header_row = rows[0];
    free(rows);
    if (!l->header_row)
        return;
    for (xmlNodePtr c = l->header_row->children; c; c = c->next) {
        if (!is_named(c, "th") && !is_named(c, "td"))
            continue;
        l->headers = xrealloc(l->headers, (l->ncols + 1) * sizeof *l->headers);
        l->kinds = xrealloc(l->kinds, (l->ncols + 1) * sizeof *l->kinds);
        char *text = visible_text(c);
        ColKind kind = header_kind(text);
        /* A repeated header is kept apart as "Name (2)", never merged. */
        int copies = 1;
        for (size_t k = 0; k < l->ncols; k++)
            copies += *text && is_copy_of(l->headers[k], text);
        if (copies > 1) {
            Buf renamed = BUF_INIT;
            buf_printf(&renamed, "%s (%d)", text, copies);
            free(text);
            text = buf_detach(&renamed);
            kind = COL_EXTRA;
        }
        l->headers[l->ncols] = text;
        l->kinds[l->ncols] = kind;
        l->ncols++;
    }
}

static int find_table(xmlXPathContextPtr ctx, xmlDocPtr doc,
                      const char *name, Layout *out, LbError *err)
{
    xmlXPathObjectPtr tables = eval_at(ctx, xmlDocGetRootElement(doc),
                                       "//table");
    if (!tables)
        return lb_fail(err, LB_EINPUT,
                       "%s: no <table> in the page (the page changed shape, "
                       "or it needs a rendering proxy: --via)", name);
    int n = tables->nodesetval->nodeNr;
    Layout best = {0};
    size_t best_missing = 4;
    int best_index = 0;
    for (int i = 0; i < n; i++) {
        Layout l;
        read_layout(ctx, tables->nodesetval->nodeTab[i], &l);
        Buf missing = BUF_INIT;
        layout_missing(&l, &missing);
        size_t count = 0;
        if (missing.len) {
            count = 1;
            for (const char *p = missing.data; *p; p++)
                count += *p == ',';
        }
        buf_free(&missing);
        if (count == 0) {
            layout_free(&best);
            xmlXPathFreeObject(tables);
            *out = l;
            return 0;
        }
        if (count < best_missing) {
            layout_free(&best);
            best = l;
            best_missing = count;
            best_index = i + 1;
        } else {
            layout_free(&l);
        }
    }
    xmlXPathFreeObject(tables);
    Buf missing = BUF_INIT, heads = BUF_INIT;
    layout_missing(&best, &missing);
    for (size_t i = 0; i < best.ncols; i++)
        buf_printf(&heads, "%s\"%s\"", i ? ", " : "", best.headers[i]);
    lb_fail(err, LB_EINPUT,
            "%s: no leaderboard table: the closest (table %d of %d) lacks "
            "the %s header%s (the page changed shape); its headers: %s",
            name, best_index, n, missing.data,
            strchr(missing.data, ',') ? "s" : "",
            heads.len ? heads.data : "none");
    buf_free(&missing);
    buf_free(&heads);
    layout_free(&best);
    return -1;
}

/* ---- cells ------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *base_url;
    size_t row;           /* 1-based data row */
    long line;            /* of the row or cell in the page, 0 unknown */
    const char *header;   /* NULL for the whole row */
    LbError *err;
} CellCtx;

__attribute__((format(printf, 2, 3)))
static int cell_fail(const CellCtx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = str_vprintf(fmt, ap);
    va_end(ap);
    Buf where = BUF_INIT;
    buf_puts(&where, c->name);
    if (c->line > 0)
        buf_printf(&where, ":%ld: error", c->line);
    buf_printf(&where, ": table row %zu", c->row);
    if (c->header)
        buf_printf(&where, ", column \"%s\"", c->header);
    lb_fail(c->err, LB_EINPUT, "%s: %s", where.data, message);
    buf_free(&where);
    free(message);
    return -1;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* "±5", "+6/-4", "-4/+6" after an optional leading space. Returns 1 and
 * the two half-widths on success, 0 when `text` holds no interval. */
static int parse_interval(const char *text, const char **end, double *minus,
                          double *plus)
{
    const char *p = skip_spaces(text);
    double a, b;
    if (strncmp(p, "\xC2\xB1", 2) == 0) { /* ± */
        if (!parse_leading_number(p + 2, &a, &p) || a < 0)
            return 0;
        *minus = *plus = a;
        *end = p;
        return 1;
    }
    if (*p != '+' && *p != '-')
        return 0;
    char first = *p;
    if (!parse_leading_number(p + 1, &a, &p))
        return 0;
    p = skip_spaces(p);
    if (*p != '/')
        return 0;
    p = skip_spaces(p + 1);
    if (*p != (first == '+' ? '-' : '+')
        || !parse_leading_number(p + 1, &b, &p))
        return 0;
    *plus = first == '+' ? a : b;
    *minus = first == '+' ? b : a;
    *end = p;
    return 1;
}

/* Badges after a score: "Preliminary" (and "New"); anything else means the
 * page changed in a way we do not understand. */
static int read_badges(const CellCtx *c, const char *rest, LbModel *m)
{
    char *s = text_squeeze(rest);
    char *p = s;
    int rc = 0;
    while (*p && rc == 0) {
        while (*p == ' ')
            p++;
        if (strncasecmp(p, "preliminary", 11) == 0) {
            m->preliminary = 1;
            p += 11;
        } else if (strncasecmp(p, "new", 3) == 0) {
            m->is_new = 1;
            p += 3;
        } else if (*p) {
            rc = cell_fail(c, "unexpected \"%s\" after the score", p);
        }
    }
    free(s);
    return rc;
}

static int read_score(const CellCtx *c, const char *text, LbModel *m,
                      double *minus, double *plus)
{
    const char *end;
    double v;
    if (!parse_leading_number(text, &v, &end))
        return cell_fail(c, "\"%s\" is not a score", text);
    m->rating = v;
    m->preliminary = 0;
    if (parse_interval(end, &end, minus, plus) == 0)
        *minus = *plus = NAN;
    return read_badges(c, end, m);
}

static int read_ci(const CellCtx *c, const char *text, double *minus,
                   double *plus)
{
    const char *end;
    if (table_cell_is_blank(text))
        return 0;
    if (!parse_interval(text, &end, minus, plus) || *skip_spaces(end))
        return cell_fail(c, "\"%s\" is not an interval like ±5 or +6/-4",
                         text);
    return 0;
}

/* The first integer in the cell (a rank cell may also hold a trend arrow
 * and the number of places moved). */
static int first_integer(const char *text, long *out)
{
    const char *p = text;
    while (*p && !isdigit((unsigned char)*p))
        p++;
    if (!*p)
        return 0;
    char *end;
    *out = strtol(p, &end, 10);
    return *out > 0 && *out < 1000000000;
}

static int read_rank(const CellCtx *c, const char *text, int *out)
{
    long v;
    if (!first_integer(text, &v))
        return cell_fail(c, "\"%s\" holds no rank", text);
    *out = (int)v;
    return 0;
}

static int read_spread(const CellCtx *c, const char *text, LbModel *m)
{
    long lo, hi;
    if (table_cell_is_blank(text))
        return 0;
    const char *p = text;
    if (!first_integer(p, &lo))
        return cell_fail(c, "\"%s\" is not a rank spread like 1◄─►2", text);
    while (*p && !isdigit((unsigned char)*p))
        p++;
    while (isdigit((unsigned char)*p))
        p++;
    if (!first_integer(p, &hi) || hi < lo)
        return cell_fail(c, "\"%s\" is not a rank spread like 1◄─►2", text);
    m->rank_spread[0] = (int)lo;
    m->rank_spread[1] = (int)hi;
    return 0;
}

/* An absolute http(s) URL for `href`, or NULL (javascript:, mailto:, a
 * relative link without a page URL, "#" links back to the page itself).
 * Spaces and non-ASCII bytes are percent-encoded first, as a browser
 * would. */
static char *absolute_link(const char *href, const char *base)
{
    static const char hex[] = "0123456789ABCDEF";
    char *trimmed = text_squeeze(href);
    if (trimmed[0] == '#' || trimmed[0] == '\0') {
        free(trimmed);
        return NULL;
    }
    Buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)trimmed; *p; p++) {
        if (*p <= ' ' || *p >= 0x80) {
            buf_putc(&b, '%');
            buf_putc(&b, hex[*p >> 4]);
            buf_putc(&b, hex[*p & 15]);
        } else {
            buf_putc(&b, (char)*p);
        }
    }
    free(trimmed);
    xmlChar *abs = xmlBuildURI(BAD_CAST(b.data ? b.data : ""),
                               BAD_CAST(base ? base : ""));
    buf_free(&b);
    char *out = NULL;
    if (abs && lb_url_is_http((const char *)abs))
        out = xstrdup((const char *)abs);
    xmlFree(abs);
    return out;
}

/* The organization named by an icon: <img alt> or <svg><title>. */
static char *icon_name(xmlXPathContextPtr ctx, xmlNodePtr cell)
{
    char *name = NULL;
    xmlXPathObjectPtr r = eval_at(ctx, cell,
                                  "(.//img[normalize-space(@alt)]/@alt"
                                  " | .//svg/title)[1]");
    if (r) {
        xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
        if (v) {
            name = text_squeeze((const char *)v);
            xmlFree(v);
        }
        xmlXPathFreeObject(r);
    }
    /* alt="Anthropic logo" names Anthropic. */
    static const char *const suffixes[] = {" logo", " icon", NULL};
    for (const char *const *sfx = suffixes; name && *sfx; sfx++) {
        size_t n = strlen(name), k = strlen(*sfx);
        if (n > k && strcasecmp(name + n - k, *sfx) == 0)
            name[n - k] = '\0';
    }
    if (name && !*name) {
        free(name);
        name = NULL;
    }
    return name;
}

/* The model cell: link text is the name, the href the URL. */
static char *read_model_cell(xmlXPathContextPtr ctx, xmlNodePtr cell,
                             const char *base, char **url, char **icon)
{
    char *name = NULL;
    *url = NULL;
    xmlXPathObjectPtr link = eval_at(ctx, cell, "(.//a[@href])[1]");
    if (link) {
        xmlNodePtr a = link->nodesetval->nodeTab[0];
        name = visible_text(a);
        xmlChar *href = xmlGetProp(a, BAD_CAST "href");
        if (href) {
            *url = absolute_link((const char *)href, base);
            xmlFree(href);
        }
        xmlXPathFreeObject(link);
    }
    if (!name || !*name) {
        free(name);
        name = visible_text(cell);
    }
    *icon = icon_name(ctx, cell);
    return name;
}

/* ---- rows -------------------------------------------------------------- */

static int read_row(xmlXPathContextPtr ctx, const Layout *l, xmlNodePtr tr,
                    CellCtx *c, Leaderboard *lb)
{
    xmlNodePtr cells[256];
    size_t n = 0;
    for (xmlNodePtr k = tr->children; k && n < 256; k = k->next)
        if (is_named(k, "td") || is_named(k, "th"))
            cells[n++] = k;
    c->header = NULL;
    c->line = xmlGetLineNo(tr);
    if (n != l->ncols)
        return cell_fail(c, "%zu cells where the header has %zu", n,
                         l->ncols);
    /* The model first: every other field belongs to it. */
    char *url = NULL, *icon = NULL, *name = NULL;
    for (size_t i = 0; i < n && !name; i++)
        if (l->kinds[i] == COL_MODEL)
            name = read_model_cell(ctx, cells[i], c->base_url, &url, &icon);
    if (!*name) {
        free(name);
        free(url);
        free(icon);
        return cell_fail(c, "empty model name");
    }
    LbModel *m = leaderboard_add_model(lb, name);
    free(name);
    m->url = url;
    m->rank = (int)lb->n_models; /* ordinal; a Rank column overrides it */
    double minus = NAN, plus = NAN;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        c->header = l->headers[i];
        c->line = xmlGetLineNo(cells[i]);
        char *text = visible_text(cells[i]);
        switch (l->kinds[i]) {
        case COL_RANK:
            rc = read_rank(c, text, &m->rank);
            break;
        case COL_RANK_UB:
            rc = read_rank(c, text, &m->rank_ub);
            break;
        case COL_SPREAD:
            rc = read_spread(c, text, m);
            break;
        case COL_SCORE:
            rc = read_score(c, text, m, &minus, &plus);
            break;
        case COL_CI:
            rc = read_ci(c, text, &minus, &plus);
            break;
        case COL_VOTES:
            if (!table_cell_is_blank(text)
                && (m->votes = parse_count(text)) < 0)
                rc = cell_fail(c, "\"%s\" is not a vote count", text);
            break;
        case COL_ORG:
            if (!table_cell_is_blank(text))
                m->organization = xstrdup(text);
            break;
        case COL_LICENSE:
            if (!table_cell_is_blank(text))
                m->license = xstrdup(text);
            break;
        case COL_EXTRA:
            if (!table_cell_is_blank(text) && l->headers[i][0])
                lb_model_add_extra(m, l->headers[i], text);
            break;
        case COL_MODEL:
            break;
        }
        free(text);
    }
    if (rc == 0 && !m->organization && icon) {
        m->organization = icon;
        icon = NULL;
    }
    free(icon);
    if (rc == 0 && !isnan(minus)) {
        m->ci_lower = m->rating - minus;
        m->ci_upper = m->rating + plus;
    }
    return rc;
}

static Leaderboard *read_board(xmlXPathContextPtr ctx, const Layout *l,
                               const AdapterOptions *opt, LbError *err)
{
    xmlNodePtr *rows;
    size_t n = own_rows(ctx, l->table, &rows);
    Leaderboard *lb = leaderboard_new(opt->id, LB_KIND_ARENA);
    CellCtx c = {opt->source_name, opt->base_url, 0, 0, NULL, err};
    for (size_t i = 0; i < n; i++) {
        if (rows[i] == l->header_row || !has_child(rows[i], "td"))
            continue;
        c.row++;
        if (read_row(ctx, l, rows[i], &c, lb) != 0) {
            leaderboard_free(lb);
            lb = NULL;
            break;
        }
    }
    free(rows);
    if (lb && lb->n_models == 0) {
        lb_fail(err, LB_EINPUT, "%s: the leaderboard table has no rows",
                opt->source_name);
        leaderboard_free(lb);
        lb = NULL;
    }
    return lb;
}

Leaderboard *adapter_arena_html(const char *bytes, size_t len,
                                const AdapterOptions *opt, LbError *err)
{
    if (len > (size_t)0x7fffffff) {
        lb_fail(err, LB_EINPUT, "%s: page too large", opt->source_name);
        return NULL;
    }
    htmlDocPtr doc = htmlReadMemory(bytes, (int)len, opt->base_url, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                        | HTML_PARSE_NOWARNING);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        lb_fail(err, LB_EINPUT, "%s: not an HTML page", opt->source_name);
        return NULL;
    }
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    Layout l;
    Leaderboard *lb = NULL;
    if (find_table(ctx, doc, opt->source_name, &l, err) == 0) {
        lb = read_board(ctx, &l, opt, err);
        layout_free(&l);
    }
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return lb;
}
