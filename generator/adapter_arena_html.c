/* adapter_arena_html — an Arena (arena.ai, formerly LMArena) leaderboard
 * page → an `arena` board.
 *
 * The page is parsed with libxml2's HTML parser (no network, no external
 * entities, errors ignored: real pages are tag soup) and the leaderboard
 * table is found by its header names, never its position, so every board
 * (text, code/webdev, vision, document, search, the image and video
 * boards, agent) goes through the same code, in today's markup and in
 * January 2026's. Cell text is the *visible* text: icons (<img>, inline
 * <svg> and its <title>) are never glued to a model name, and badges such
 * as "Preliminary" become flags instead of text glued to the score.
 *
 * Numbers are read from the cell's text nodes one by one, never from the
 * flattened text: today's rank spread is two <span>s around an SVG arrow
 * ("1" "5", flattened "15"), and the rank cell holds the rank and then a
 * rank-change figure ("3" "▲2"). What today's pages show:
 *   Rank          the rank (a change figure after it is ignored); on the
 *                 agent board the cell also holds the spread in a <div>
 *   Rank Spread   "1" ◄─► "5" → rank_spread [1, 5]
 *   Model         logo <svg><title>Org</title>, the name (a link or not),
 *                 a secondary line "Organization · License"
 *   Score         "1385±5", "1712+20/-20", a "Preliminary" badge
 *   Votes, Sessions  "23,626"
 *   Price $/M     "$5/$25" → price_input, price_output; "N/A" none
 *   Context       "1M", "1.1M", "128K" → context in tokens; "N/A" none
 *   metrics       any other column whose cells all read "12.47%±1.54%"
 *                 (the agent board's six) → metrics, named by the header
 * Links keep their percent-encoding exactly as written and relative ones
 * resolve against the page URL (url.h); only http(s) links are kept. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "adapter.h"
#include "buf.h"
#include "mem.h"
#include "quantity.h"
#include "table.h"
#include "text.h"
#include "url.h"

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
    COL_LICENSE,
    COL_SESSIONS,
    COL_PRICE,
    COL_CONTEXT,
    COL_METRIC /* decided from the cells: an extra column of percentages */
} ColKind;

typedef struct {
    const char *header; /* lowercase, squeezed */
    ColKind kind;
} HeaderName;

/* Headers seen on the arena boards (and the Chinese pages made from them).
 * Price headers are recognised by their start ("Price $/M", "价格 $/百万
 * Token"). Anything else is kept as `extra` under its own header, or as a
 * metric when every cell is a percentage. */
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
    {"许可证", COL_LICENSE},        {"排名区间", COL_SPREAD},
    {"sessions", COL_SESSIONS},     {"会话数", COL_SESSIONS},
    {"context", COL_CONTEXT},       {"context window", COL_CONTEXT},
    {"context length", COL_CONTEXT}, {"上下文", COL_CONTEXT},
    {NULL, COL_EXTRA},
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

/* As collect_text, with a space between text nodes and `skip` (and
 * everything in it) left out. */
static void collect_chunks(const xmlNode *n, const xmlNode *skip, int spaced,
                           Buf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c == skip)
            continue;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (spaced)
                buf_putc(out, ' ');
            if (c->content)
                buf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !is_invisible(c)) {
            if (is_block(c))
                buf_putc(out, ' ');
            collect_chunks(c, skip, spaced, out);
            if (is_block(c))
                buf_putc(out, ' ');
        }
    }
}

/* The visible text with its text nodes apart: "1" <svg/> "5" is "1 5",
 * never "15". For cells of numbers. The caller frees it. */
static char *chunk_text(const xmlNode *n)
{
    Buf b = BUF_INIT;
    collect_chunks(n, NULL, 1, &b);
    char *s = text_squeeze(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* The visible text without `skip`'s subtree, squeezed. */
static char *visible_text_except(const xmlNode *n, const xmlNode *skip)
{
    Buf b = BUF_INIT;
    collect_chunks(n, skip, 0, &b);
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

/* Sort arrows and info marks a header may end with: ↑ ↓ ↕ ⇅ ▲ ▼ ⓘ ℹ. */
static size_t trailing_mark(const char *s, size_t n)
{
    static const char *const marks[] = {"\xE2\x86\x91", "\xE2\x86\x93",
                                        "\xE2\x86\x95", "\xE2\x87\x85",
                                        "\xE2\x96\xB2", "\xE2\x96\xBC",
                                        "\xE2\x93\x98", "\xE2\x84\xB9",
                                        NULL};
    if (n >= 1 && s[n - 1] == ' ')
        return 1;
    for (const char *const *m = marks; *m; m++) {
        size_t k = strlen(*m);
        if (n >= k && memcmp(s + n - k, *m, k) == 0)
            return k;
    }
    return 0;
}

static ColKind header_kind(const char *header)
{
    char *lower = xstrdup(header);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    size_t n = strlen(lower), k;
    while (n > 0 && (k = trailing_mark(lower, n)) != 0)
        n -= k;
    lower[n] = '\0';
    ColKind kind = COL_EXTRA;
    for (const HeaderName *h = header_names; h->header; h++) {
        if (strcmp(lower, h->header) == 0) {
            kind = h->kind;
            break;
        }
    }
    if (kind == COL_EXTRA && (strncmp(lower, "price", 5) == 0
                              || strncmp(lower, "价格", 6) == 0))
        kind = COL_PRICE;
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
    /* The agent board has no Score: its metrics and Sessions instead. */
    if (!layout_has(l, COL_SCORE) && !layout_has(l, COL_SESSIONS))
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

/* Digits after the decimal point in the number text [start, end). */
static int decimals_in(const char *start, const char *end)
{
    const char *dot = memchr(start, '.', (size_t)(end - start));
    return dot ? (int)(end - dot - 1) : 0;
}

/* A half-width of an interval and the decimals it was printed with. */
typedef struct {
    double minus, plus;
    int minus_dec, plus_dec;
} Interval;

/* A number at p, with its decimals; *end after it. */
static int scan_width(const char *p, double *v, int *dec, const char **end)
{
    const char *start = skip_spaces(p);
    if (!parse_leading_number(start, v, end) || *v < 0)
        return 0;
    *dec = decimals_in(start, *end);
    return 1;
}

/* "±5", "+6/-4", "-4/+6", "(±8)" after an optional leading space.
 * Returns 1 and the two half-widths, 0 when `text` holds no interval. */
static int parse_interval(const char *text, const char **end, Interval *iv)
{
    const char *p = skip_spaces(text);
    int paren = *p == '(';
    if (paren)
        p = skip_spaces(p + 1);
    double a, b;
    int da, db;
    if (strncmp(p, "\xC2\xB1", 2) == 0) { /* ± */
        if (!scan_width(p + 2, &a, &da, &p))
            return 0;
        *iv = (Interval){a, a, da, da};
    } else {
        if (*p != '+' && *p != '-')
            return 0;
        char first = *p;
        if (!scan_width(p + 1, &a, &da, &p))
            return 0;
        p = skip_spaces(p);
        if (*p != '/')
            return 0;
        p = skip_spaces(p + 1);
        if (*p != (first == '+' ? '-' : '+')
            || !scan_width(p + 1, &b, &db, &p))
            return 0;
        *iv = first == '+' ? (Interval){b, a, db, da}
                           : (Interval){a, b, da, db};
    }
    if (paren) {
        p = skip_spaces(p);
        if (*p != ')')
            return 0;
        p++;
    }
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
                      int *decimals, Interval *iv)
{
    const char *start = skip_spaces(text), *end;
    double v;
    if (!parse_leading_number(start, &v, &end))
        return cell_fail(c, "\"%s\" is not a score", text);
    m->rating = v;
    *decimals = decimals_in(start, end);
    m->preliminary = 0;
    if (parse_interval(end, &end, iv) == 0)
        iv->minus = iv->plus = NAN;
    return read_badges(c, end, m);
}

static int read_ci(const CellCtx *c, const char *text, Interval *iv)
{
    const char *end;
    if (table_cell_is_blank(text))
        return 0;
    if (!parse_interval(text, &end, iv) || *skip_spaces(end))
        return cell_fail(c, "\"%s\" is not an interval like ±5 or +6/-4",
                         text);
    return 0;
}

/* The first integer in the text. */
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

/* Two integers lo <= hi in the text: "1 5", "1◄─►6", "2 – 7". */
static int two_integers(const char *text, long *lo, long *hi)
{
    const char *p = text;
    if (!first_integer(p, lo))
        return 0;
    while (*p && !isdigit((unsigned char)*p))
        p++;
    while (isdigit((unsigned char)*p))
        p++;
    return first_integer(p, hi) && *hi >= *lo;
}

static int read_spread(const CellCtx *c, const char *text, LbModel *m)
{
    long lo, hi;
    if (table_cell_is_blank(text))
        return 0;
    if (!two_integers(text, &lo, &hi))
        return cell_fail(c, "\"%s\" is not a rank spread like 1◄─►2", text);
    m->rank_spread[0] = (int)lo;
    m->rank_spread[1] = (int)hi;
    return 0;
}

/* 1 when `a` is `n` or one of its ancestors. */
static int contains(const xmlNode *a, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

/* 1 when `n` or an ancestor below `top` is invisible. */
static int hidden_within(const xmlNode *n, const xmlNode *top)
{
    for (; n && n != top; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && is_invisible(n))
            return 1;
    return 0;
}

/* The first visible text node under `n` that holds a digit. */
static const xmlNode *first_digit_text(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content
            && strpbrk((const char *)c->content, "0123456789"))
            return c;
        if (c->type == XML_ELEMENT_NODE && !is_invisible(c)) {
            const xmlNode *t = first_digit_text(c);
            if (t)
                return t;
        }
    }
    return NULL;
}

/* The rank cell: the rank is the first text holding a number (a rank
 * change shown after it is not the rank). Without a Rank Spread column
 * (the agent board), a <div> in the cell besides the rank may hold the
 * spread: `spread` is then non-NULL and receives it. */
static int read_rank_cell(const CellCtx *c, xmlXPathContextPtr ctx,
                          xmlNodePtr cell, int *out, LbModel *spread)
{
    const xmlNode *t = first_digit_text(cell);
    long v;
    char *rank_text = t ? text_squeeze((const char *)t->content) : NULL;
    int ok = rank_text && first_integer(rank_text, &v);
    free(rank_text);
    if (!ok) {
        char *text = chunk_text(cell);
        int rc = cell_fail(c, "\"%s\" holds no rank", text);
        free(text);
        return rc;
    }
    *out = (int)v;
    xmlXPathObjectPtr divs = spread ? eval_at(ctx, cell, ".//div | .//p")
                                    : NULL;
    for (int i = 0; divs && i < divs->nodesetval->nodeNr; i++) {
        xmlNodePtr d = divs->nodesetval->nodeTab[i];
        long lo, hi;
        if (contains(d, t) || hidden_within(d, cell))
            continue;
        char *text = chunk_text(d);
        int found = two_integers(text, &lo, &hi);
        free(text);
        if (found) {
            spread->rank_spread[0] = (int)lo;
            spread->rank_spread[1] = (int)hi;
            break;
        }
    }
    xmlXPathFreeObject(divs);
    return 0;
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

/* "Organization · License" (a middle dot or a bullet between two
 * non-empty parts) → 1 and both parts, squeezed; else 0. */
static int split_org_line(const char *text, char **org, char **license)
{
    static const char *const dots[] = {"\xC2\xB7", "\xE2\x80\xA2",
                                       "\xE2\x8B\x85", NULL};
    for (const char *const *d = dots; *d; d++) {
        const char *hit = strstr(text, *d);
        if (!hit)
            continue;
        char *left = xstrndup(text, (size_t)(hit - text));
        char *a = text_squeeze(left), *b = text_squeeze(hit + strlen(*d));
        free(left);
        if (*a && *b && !strstr(b, *d)) {
            *org = a;
            *license = b;
            return 1;
        }
        free(a);
        free(b);
    }
    return 0;
}

/* 1 when the element holds a line break or a block: the name and the
 * organization line would both be in it. */
static int holds_block(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (is_block(c) || holds_block(c)))
            return 1;
    return 0;
}

/* The "Organization · License" line under the name: the last visible
 * inline element outside any link whose text reads so, else the last
 * such text node; failing both, an element holding just the logo's
 * organization (`icon`) beside other text. NULL when the cell has none. */
static const xmlNode *find_org_line(xmlXPathContextPtr ctx, xmlNodePtr cell,
                                    const char *icon)
{
    const xmlNode *best = NULL, *org_only = NULL;
    xmlXPathObjectPtr r = eval_at(ctx, cell, ".//*[not(descendant-or-self::a)"
                                             " and not(ancestor::a)]");
    for (int i = 0; r && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr e = r->nodesetval->nodeTab[i];
        if (hidden_within(e, cell) || holds_block(e) || is_block(e))
            continue;
        char *text = visible_text(e), *org, *license;
        if (split_org_line(text, &org, &license)) {
            best = e;
            free(org);
            free(license);
        } else if (icon && strcmp(text, icon) == 0) {
            org_only = e;
        }
        free(text);
    }
    xmlXPathFreeObject(r);
    if (best)
        return best;
    if (org_only) {
        char *rest = visible_text_except(cell, org_only);
        int other_text = *rest != '\0';
        free(rest);
        if (other_text)
            return org_only;
    }
    r = eval_at(ctx, cell, ".//text()[not(ancestor::a)]");
    for (int i = 0; r && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr t = r->nodesetval->nodeTab[i];
        char *text = t->content ? text_squeeze((const char *)t->content)
                                : xstrdup(""), *org, *license;
        if (!hidden_within(t, cell) && split_org_line(text, &org, &license)) {
            best = t;
            free(org);
            free(license);
        }
        free(text);
    }
    xmlXPathFreeObject(r);
    return best;
}

typedef struct {
    char *name, *url, *icon, *org, *license;
} ModelCell;

static void model_cell_free(ModelCell *mc)
{
    free(mc->name);
    free(mc->url);
    free(mc->icon);
    free(mc->org);
    free(mc->license);
}

/* The model cell: the link's text (or the cell's) is the name, never with
 * the organization line or the logo's title in it; the href the URL. */
static void read_model_cell(xmlXPathContextPtr ctx, xmlNodePtr cell,
                            const char *base, ModelCell *mc)
{
    memset(mc, 0, sizeof *mc);
    mc->icon = icon_name(ctx, cell);
    const xmlNode *line = find_org_line(ctx, cell, mc->icon);
    if (line) {
        char *text = line->type == XML_TEXT_NODE
                         ? xstrdup(line->content ? (const char *)line->content
                                                 : "")
                         : visible_text(line);
        if (!split_org_line(text, &mc->org, &mc->license))
            mc->org = text_squeeze(text); /* the organization alone */
        free(text);
    }
    xmlXPathObjectPtr link = eval_at(ctx, cell, "(.//a[@href])[1]");
    if (link) {
        xmlNodePtr a = link->nodesetval->nodeTab[0];
        mc->name = visible_text_except(a, line);
        xmlChar *href = xmlGetProp(a, BAD_CAST "href");
        if (href) {
            mc->url = url_resolve((const char *)href, base);
            xmlFree(href);
        }
        xmlXPathFreeObject(link);
    }
    if (!mc->name || !*mc->name) {
        free(mc->name);
        mc->name = visible_text_except(cell, line);
    }
}

/* ---- columns decided by their cells ------------------------------------ */

/* The data rows' cells (the row's <td>/<th>), at most `max`. */
static size_t row_cells(xmlNodePtr tr, xmlNodePtr *cells, size_t max)
{
    size_t n = 0;
    for (xmlNodePtr k = tr->children; k && n < max; k = k->next)
        if (is_named(k, "td") || is_named(k, "th"))
            cells[n++] = k;
    return n;
}

/* A row of one cell spanning several columns (an expanded detail, a
 * "show more" line) is not a model's row. */
static int is_spanning_row(xmlNodePtr tr)
{
    xmlNodePtr cells[2];
    if (row_cells(tr, cells, 2) != 1)
        return 0;
    xmlChar *span = xmlGetProp(cells[0], BAD_CAST "colspan");
    int spanning = span && atoi((const char *)span) > 1;
    xmlFree(span);
    return spanning;
}

/* An unrecognised column whose every non-blank cell is a percentage
 * ("12.47%±1.54%") holds a metric. Decided over all rows at once, so a
 * column never mixes metrics and text. */
static void find_metric_columns(const Layout *l, xmlNodePtr *rows,
                                size_t n_rows, ColKind *kinds)
{
    xmlNodePtr cells[256];
    for (size_t col = 0; col < l->ncols; col++) {
        if (kinds[col] != COL_EXTRA || !l->headers[col][0])
            continue;
        size_t percentages = 0;
        int other = 0;
        for (size_t r = 0; r < n_rows && !other; r++) {
            if (rows[r] == l->header_row || !has_child(rows[r], "td")
                || is_spanning_row(rows[r])
                || row_cells(rows[r], cells, 256) != l->ncols)
                continue;
            char *text = chunk_text(cells[col]);
            double v, lo, hi;
            int q = quantity_percent(text, &v, &lo, &hi);
            free(text);
            if (q == 1)
                percentages++;
            else if (q < 0)
                other = 1;
        }
        if (!other && percentages > 0)
            kinds[col] = COL_METRIC;
    }
}

/* ---- rows -------------------------------------------------------------- */

static int read_cell(const CellCtx *c, xmlXPathContextPtr ctx,
                     const Layout *l, ColKind kind, size_t col,
                     xmlNodePtr cell, LbModel *m, int *score_dec,
                     Interval *iv)
{
    if (kind == COL_RANK || kind == COL_RANK_UB) {
        int spread = kind == COL_RANK && !layout_has(l, COL_SPREAD);
        return read_rank_cell(c, ctx, cell,
                              kind == COL_RANK ? &m->rank : &m->rank_ub,
                              spread ? m : NULL);
    }
    if (kind == COL_MODEL)
        return 0;
    char *text = kind == COL_ORG || kind == COL_LICENSE || kind == COL_EXTRA
                     ? visible_text(cell)
                     : chunk_text(cell);
    int rc = 0, q;
    double v, lo, hi;
    switch (kind) {
    case COL_SPREAD:
        rc = read_spread(c, text, m);
        break;
    case COL_SCORE:
        rc = read_score(c, text, m, score_dec, iv);
        break;
    case COL_CI:
        rc = read_ci(c, text, iv);
        break;
    case COL_VOTES:
    case COL_SESSIONS: {
        long long *field = kind == COL_VOTES ? &m->votes : &m->sessions;
        if (!table_cell_is_blank(text) && (*field = parse_count(text)) < 0)
            rc = cell_fail(c, "\"%s\" is not a %s count", text,
                           kind == COL_VOTES ? "vote" : "session");
        break;
    }
    case COL_PRICE:
        if (quantity_price_pair(text, &m->price_input, &m->price_output) < 0)
            rc = cell_fail(c, "\"%s\" is not a price like $5/$25 or N/A",
                           text);
        break;
    case COL_CONTEXT:
        if (quantity_context(text, &m->context) < 0)
            rc = cell_fail(c, "\"%s\" is not a context size like 128K, 1.1M "
                           "or N/A", text);
        break;
    case COL_METRIC:
        q = quantity_percent(text, &v, &lo, &hi);
        if (q < 0)
            rc = cell_fail(c, "\"%s\" is not a percentage like "
                           "12.47%%±1.54%%", text);
        else if (q == 1)
            lb_model_add_metric(m, l->headers[col], v, lo, hi);
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
        if (!table_cell_is_blank(text) && l->headers[col][0])
            lb_model_add_extra(m, l->headers[col], text);
        break;
    default:
        break;
    }
    free(text);
    return rc;
}

/* Organization and license the page shows with the name, where no column
 * of their own gave them: the "Org · License" line, then the logo. */
static void fill_from_model_cell(LbModel *m, ModelCell *mc)
{
    if (!m->organization && mc->org) {
        m->organization = mc->org;
        mc->org = NULL;
    }
    if (!m->organization && mc->icon) {
        m->organization = mc->icon;
        mc->icon = NULL;
    }
    if (!m->license && mc->license) {
        m->license = mc->license;
        mc->license = NULL;
    }
}

static int read_row(xmlXPathContextPtr ctx, const Layout *l,
                    const ColKind *kinds, xmlNodePtr tr, CellCtx *c,
                    Leaderboard *lb)
{
    xmlNodePtr cells[256];
    size_t n = row_cells(tr, cells, 256);
    c->header = NULL;
    c->line = xmlGetLineNo(tr);
    if (n != l->ncols)
        return cell_fail(c, "%zu cells where the header has %zu", n,
                         l->ncols);
    /* The model first: every other field belongs to it. */
    ModelCell mc = {0};
    for (size_t i = 0; i < n && !mc.name; i++)
        if (kinds[i] == COL_MODEL)
            read_model_cell(ctx, cells[i], c->base_url, &mc);
    if (!mc.name || !*mc.name) {
        model_cell_free(&mc);
        return cell_fail(c, "empty model name");
    }
    LbModel *m = leaderboard_add_model(lb, mc.name);
    m->url = mc.url;
    mc.url = NULL;
    m->rank = (int)lb->n_models; /* ordinal; a Rank column overrides it */
    Interval iv = {NAN, NAN, 0, 0};
    int score_dec = 0, rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        c->header = l->headers[i];
        c->line = xmlGetLineNo(cells[i]);
        rc = read_cell(c, ctx, l, kinds[i], i, cells[i], m, &score_dec, &iv);
    }
    if (rc == 0)
        fill_from_model_cell(m, &mc);
    model_cell_free(&mc);
    if (rc == 0 && !isnan(iv.minus)) {
        /* Exact to the decimals printed: 1385±5 is [1380, 1390]. */
        m->ci_lower = quantity_add(m->rating, score_dec, -iv.minus,
                                   iv.minus_dec);
        m->ci_upper = quantity_add(m->rating, score_dec, iv.plus,
                                   iv.plus_dec);
    }
    return rc;
}

static Leaderboard *read_board(xmlXPathContextPtr ctx, const Layout *l,
                               const AdapterOptions *opt, LbError *err)
{
    xmlNodePtr *rows;
    size_t n = own_rows(ctx, l->table, &rows);
    ColKind *kinds = xmalloc((l->ncols + 1) * sizeof *kinds);
    memcpy(kinds, l->kinds, l->ncols * sizeof *kinds);
    find_metric_columns(l, rows, n, kinds);
    Leaderboard *lb = leaderboard_new(opt->id, LB_KIND_ARENA);
    CellCtx c = {opt->source_name, opt->base_url, 0, 0, NULL, err};
    for (size_t i = 0; i < n; i++) {
        if (rows[i] == l->header_row || !has_child(rows[i], "td")
            || (l->ncols > 1 && is_spanning_row(rows[i])))
            continue;
        c.row++;
        if (read_row(ctx, l, kinds, rows[i], &c, lb) != 0) {
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
    int metrics = 0;
    for (size_t i = 0; i < l->ncols; i++)
        metrics |= kinds[i] == COL_METRIC;
    free(kinds);
    if (lb && !layout_has(l, COL_SCORE) && !metrics) {
        /* The agent board has no Score: then its metrics must be there. */
        lb_fail(err, LB_EINPUT, "%s: no Score column and no column of "
                "percentages like 12.47%%±1.54%% (the page changed shape)",
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
