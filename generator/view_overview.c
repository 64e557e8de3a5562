/* view_overview — the page across boards: each board's leaders, a rank
 * matrix of the models in some board's top ten (models × boards, as the
 * Arena's own overview), and a value chart of score against price for the
 * first board that has prices, with the cheapest models close to the
 * leader picked out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "modelindex.h"
#include "plot.h"
#include "view.h"
#include "view_internal.h"

enum {
    LEADERS = 3,     /* models listed per board */
    MATRIX_TOP = 10, /* a model is in the matrix when in some board's top 10 */
    VALUE_PICKS = 3, /* the cheapest models near the leader, picked out */
    VALUE_MIN_MODELS = 3,
};

/* "Within a few points of the leader": 20 rating points on an Elo-scale
 * board (a 53 % expected win rate), 2 points of a percentage. */
static double value_margin(LbKind kind)
{
    return kind == LB_KIND_ARENA ? 20 : 2;
}

static char *num1(double v)
{
    return str_printf("%.1f", v);
}

/* Links to a model's page: from the HTML page, and from the Markdown page
 * (the published page when the base URL is known, else none). */
static void add_model_links(cJSON *o, Page *p, const IndexedModel *im, Route md_self)
{
    const SiteModel *s = p->site;
    if (!im->has_page)
        return;
    Route page = route_model(code_of(s, p->locale), im->slug);
    add_owned(o, "href", href(s, p->self, page));
    char *url = route_url(&s->router, page);
    if (url)
        add_owned(o, "md_href", markdown_url(url));
    free(url);
    (void)md_self;
}

static const char *shown_name(const LbModel *m)
{
    return m->display_name ? m->display_name : m->model;
}

static char *score_text(Page *p, const Leaderboard *lb, const LbModel *m)
{
    if (!isnan(m->rating))
        return fmt_decimal(p->loc, m->rating, decimals_for(lb->kind));
    for (size_t i = 0; i < m->n_scores; i++)
        if (strcmp(m->scores[i].name, "total") == 0)
            return fmt_decimal(p->loc, m->scores[i].value, 1);
    return xstrdup("");
}

/* ---- leaders ------------------------------------------------------------------ */

static cJSON *leaders(Page *p, Route md_self)
{
    const SiteModel *s = p->site;
    const ModelIndex *ix = s->models;
    cJSON *list = cJSON_CreateArray();
    for (size_t b = 0; b < s->config->n_boards; b++) {
        size_t v = modelindex_view_of(ix, b, MODELINDEX_NO_CATEGORY);
        const Leaderboard *lb = s->boards[b];
        if (!lb)
            continue; /* failed, and never published */
        cJSON *o = cJSON_CreateObject();
        add_text(o, "board", p, s->config->boards[b].title_key);
        Route page = board_page(s, p->locale, b);
        add_owned(o, "href", href(s, p->self, page));
        add_owned(o, "md_board_href", href(s, md_self, route_markdown_twin(page)));
        cJSON *models = cJSON_AddArrayToObject(o, "models");
        for (size_t r = 0; r < lb->n_models && r < LEADERS; r++) {
            const LbModel *m = &lb->models[r];
            cJSON *e = cJSON_CreateObject();
            add_owned(e, "rank", str_printf("%d", modelindex_rank(lb, r)));
            cJSON_AddStringToObject(e, "name", shown_name(m));
            if (v < ix->n_views)
                add_model_links(e, p, modelindex_row(ix, v, r), md_self);
            add_owned(e, "score", score_text(p, lb, m));
            cJSON_AddItemToArray(models, e);
        }
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

/* ---- the rank matrix --------------------------------------------------------------- */

typedef struct {
    size_t model;
    int best;   /* best rank on any board */
    int in_top; /* boards where it is in the top ten */
} MatrixRow;

static int matrix_order(const void *a, const void *b)
{
    const MatrixRow *x = a, *y = b;
    if (x->best != y->best)
        return x->best < y->best ? -1 : 1;
    if (x->in_top != y->in_top)
        return x->in_top > y->in_top ? -1 : 1;
    return x->model < y->model ? -1 : x->model > y->model;
}

/* A model's best rank on board b's view (it may be several rows there
 * when names differ only in case); 0 when it is not on it. */
static int rank_on(const ModelIndex *ix, const IndexedModel *im, size_t view)
{
    int best = 0;
    for (size_t a = 0; a < im->n_apps; a++)
        if (im->apps[a].view == view) {
            int r = modelindex_rank(ix->views[view].lb, im->apps[a].row);
            if (!best || r < best)
                best = r;
        }
    return best;
}

static const char *rank_class(int rank)
{
    return rank == 1 ? "rank-1" : rank <= 3 ? "rank-3" : rank <= 10 ? "rank-10"
                                                                    : "rank-more";
}

static cJSON *matrix(Page *p, Route md_self)
{
    const SiteModel *s = p->site;
    const ModelIndex *ix = s->models;
    size_t nb = s->config->n_boards;
    size_t *views = xcalloc(nb ? nb : 1, sizeof *views);
    for (size_t b = 0; b < nb; b++)
        views[b] = modelindex_view_of(ix, b, MODELINDEX_NO_CATEGORY);
    MatrixRow *rows = xcalloc(ix->n_models ? ix->n_models : 1, sizeof *rows);
    size_t n = 0;
    for (size_t m = 0; m < ix->n_models; m++) {
        MatrixRow row = {m, 0, 0};
        for (size_t b = 0; b < nb; b++) {
            int r = views[b] < ix->n_views ? rank_on(ix, &ix->models[m], views[b]) : 0;
            if (r && (!row.best || r < row.best))
                row.best = r;
            row.in_top += r && r <= MATRIX_TOP;
        }
        if (row.in_top)
            rows[n++] = row;
    }
    qsort(rows, n, sizeof *rows, matrix_order);
    cJSON *o = cJSON_CreateObject();
    cJSON *columns = cJSON_AddArrayToObject(o, "columns");
    for (size_t b = 0; b < nb; b++) {
        if (!s->boards[b])
            continue;
        cJSON *c = cJSON_CreateObject();
        /* A column per board: its short name, the full one on hover. */
        const BoardConfig *bc = &s->config->boards[b];
        add_text(c, "board", p, bc->short_title_key ? bc->short_title_key
                                                    : bc->title_key);
        add_text(c, "title", p, bc->title_key);
        Route page = board_page(s, p->locale, b);
        add_owned(c, "href", href(s, p->self, page));
        cJSON_AddItemToArray(columns, c);
    }
    cJSON *list = cJSON_AddArrayToObject(o, "rows");
    for (size_t i = 0; i < n; i++) {
        const IndexedModel *im = &ix->models[rows[i].model];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "name", shown_name(im->first));
        add_model_links(r, p, im, md_self);
        cJSON *cells = cJSON_AddArrayToObject(r, "cells");
        for (size_t b = 0; b < nb; b++) {
            if (!s->boards[b])
                continue;
            int rank = views[b] < ix->n_views ? rank_on(ix, im, views[b]) : 0;
            cJSON *c = cJSON_CreateObject();
            if (rank) {
                add_owned(c, "text", fmt_integer(p->loc, rank));
                add_owned(c, "sort", str_printf("%d", rank));
                cJSON_AddStringToObject(c, "class", rank_class(rank));
            } else {
                cJSON_AddStringToObject(c, "text", "");
            }
            cJSON_AddItemToArray(cells, c);
        }
        cJSON_AddItemToArray(list, r);
    }
    Buf align = BUF_INIT; /* the Markdown table's alignment row */
    for (size_t b = 0; b < nb; b++)
        if (s->boards[b])
            buf_puts(&align, "---:|");
    cJSON_AddStringToObject(o, "md_align", align.data ? align.data : "");
    buf_free(&align);
    free(rows);
    free(views);
    return o;
}

/* ---- the value chart ------------------------------------------------------------------ */

typedef struct {
    size_t row;
    double price; /* blended USD per million tokens */
    double rating;
} Priced;

/* Price per million tokens, input and output blended 3:1 (a typical
 * prompt is longer than its answer); NAN without both prices. */
static double blended(const LbModel *m)
{
    if (isnan(m->price_input) || isnan(m->price_output))
        return NAN;
    return (3 * m->price_input + m->price_output) / 4;
}

static int by_price(const void *a, const void *b)
{
    const Priced *x = a, *y = b;
    if (x->price != y->price)
        return x->price < y->price ? -1 : 1;
    if (x->rating != y->rating)
        return x->rating > y->rating ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The board the value chart is for: the first with enough priced, rated
 * models; n_boards when none. */
static size_t value_board(const SiteModel *s)
{
    for (size_t b = 0; b < s->config->n_boards; b++) {
        size_t priced = 0;
        const Leaderboard *lb = s->boards[b];
        for (size_t i = 0; lb && i < lb->n_models; i++)
            priced += blended(&lb->models[i]) > 0 && !isnan(lb->models[i].rating);
        if (priced >= VALUE_MIN_MODELS)
            return b;
    }
    return s->config->n_boards;
}

enum { VALUE_WIDTH = 720, VALUE_HEIGHT = 440, VALUE_LEFT = 60, VALUE_RIGHT = 24,
       VALUE_TOP = 20, VALUE_BOTTOM = 48, VALUE_LABEL_CHARS = 28 };

static char *chart_label(const char *name)
{
    size_t chars = 0, i = 0;
    for (; name[i]; i++)
        if (((unsigned char)name[i] & 0xC0) != 0x80 && ++chars > VALUE_LABEL_CHARS)
            break;
    return name[i] ? str_printf("%.*s…", (int)i, name) : xstrdup(name);
}

static char *price_label(Page *p, double usd)
{
    int decimals = usd >= 10 ? 0 : usd >= 1 ? 1 : usd >= 0.1 ? 2 : 3;
    char *n = fmt_decimal(p->loc, usd, decimals);
    char *s = str_printf("$%s", n);
    free(n);
    return s;
}

static cJSON *value_chart(Page *p, size_t board, Route md_self, cJSON **picks_out)
{
    const SiteModel *s = p->site;
    const Leaderboard *lb = s->boards[board];
    const ModelIndex *ix = s->models;
    size_t view = modelindex_view_of(ix, board, MODELINDEX_NO_CATEGORY);
    Priced *pr = xcalloc(lb->n_models, sizeof *pr);
    size_t n = 0;
    double leader = -INFINITY;
    for (size_t i = 0; i < lb->n_models; i++) {
        const LbModel *m = &lb->models[i];
        if (!isnan(m->rating))
            leader = fmax(leader, m->rating);
        double price = blended(m);
        if (price > 0 && !isnan(m->rating))
            pr[n++] = (Priced){i, price, m->rating};
    }
    qsort(pr, n, sizeof *pr, by_price);
    double lo_p = pr[0].price, hi_p = pr[n - 1].price, lo_r = INFINITY, hi_r = leader;
    for (size_t i = 0; i < n; i++)
        lo_r = fmin(lo_r, pr[i].rating);
    double left = VALUE_LEFT, right = VALUE_WIDTH - VALUE_RIGHT;
    double top = VALUE_TOP, bottom = VALUE_HEIGHT - VALUE_BOTTOM;
    PlotAxis x = plot_axis(lo_p, hi_p, 1, left, right);
    PlotAxis y = plot_axis(lo_r, hi_r, 0, bottom, top);
    double margin = value_margin(lb->kind);
    int decimals = decimals_for(lb->kind);
    cJSON *c = cJSON_CreateObject();
    cJSON *points = cJSON_AddArrayToObject(c, "points");
    cJSON *picks = cJSON_CreateArray();
    Buf frontier = BUF_INIT;
    double best_so_far = -INFINITY;
    size_t picked = 0;
    for (size_t i = 0; i < n; i++) {
        const LbModel *m = &lb->models[pr[i].row];
        double px = plot_map(&x, pr[i].price), py = plot_map(&y, pr[i].rating);
        cJSON *o = cJSON_CreateObject();
        add_owned(o, "x", num1(px));
        add_owned(o, "y", num1(py));
        char *rating = fmt_decimal(p->loc, pr[i].rating, decimals);
        char *price = price_label(p, pr[i].price);
        const LocaleVar vars[] = {{"model", shown_name(m)}, {"rating", rating},
                                  {"price", price}};
        add_owned(o, "tooltip", trf(p, "overview.value.point", vars, 3));
        /* The cost frontier: each model that beats every cheaper one. */
        if (pr[i].rating > best_so_far) {
            best_so_far = pr[i].rating;
            buf_printf(&frontier, "%s%.1f,%.1f", frontier.len ? " " : "", px, py);
        }
        int pick = picked < VALUE_PICKS && pr[i].rating >= leader - margin;
        int top_rated = pr[i].rating == leader;
        cJSON_AddBoolToObject(o, "pick", pick);
        if (pick || top_rated) {
            add_owned(o, "label", chart_label(shown_name(m)));
            /* Labels left of points near the right edge. */
            int flip = px > right - 180;
            add_owned(o, "label_x", num1(px + (flip ? -8 : 8)));
            add_owned(o, "label_y", num1(py + 4));
            cJSON_AddStringToObject(o, "anchor", flip ? "end" : "start");
        }
        if (pick) {
            picked++;
            cJSON *k = cJSON_CreateObject();
            cJSON_AddStringToObject(k, "name", shown_name(m));
            if (view < ix->n_views)
                add_model_links(k, p, modelindex_row(ix, view, pr[i].row), md_self);
            add_owned(k, "rating", xstrdup(rating));
            add_owned(k, "price", xstrdup(price));
            char *behind = fmt_decimal(p->loc, leader - pr[i].rating, decimals);
            add_owned(k, "behind", behind);
            cJSON_AddItemToArray(picks, k);
        }
        free(rating);
        free(price);
        cJSON_AddItemToArray(points, o);
    }
    add_owned(c, "frontier", buf_detach(&frontier));
    PlotTick ticks[32];
    size_t nt = plot_ticks(&x, 6, ticks, 32);
    cJSON *xt = cJSON_AddArrayToObject(c, "x_ticks");
    for (size_t i = 0; i < nt; i++) {
        cJSON *t = cJSON_CreateObject();
        add_owned(t, "at", num1(ticks[i].at));
        add_owned(t, "label", price_label(p, ticks[i].value));
        cJSON_AddItemToArray(xt, t);
    }
    nt = plot_ticks(&y, 5, ticks, 32);
    cJSON *yt = cJSON_AddArrayToObject(c, "y_ticks");
    for (size_t i = 0; i < nt; i++) {
        cJSON *t = cJSON_CreateObject();
        add_owned(t, "at", num1(ticks[i].at));
        add_owned(t, "label", fmt_decimal(p->loc, ticks[i].value, y.hi - y.lo < 5 ? 1 : 0));
        cJSON_AddItemToArray(yt, t);
    }
    /* The band within `margin` of the leader, where the picks come from. */
    add_owned(c, "band_top", num1(plot_map(&y, leader)));
    add_owned(c, "band_height", num1(plot_map(&y, leader - margin) - plot_map(&y, leader)));
    add_owned(c, "width", num1(VALUE_WIDTH));
    add_owned(c, "height", num1(VALUE_HEIGHT));
    add_owned(c, "bg_width", num1(VALUE_WIDTH - 1));
    add_owned(c, "bg_height", num1(VALUE_HEIGHT - 1));
    add_owned(c, "left", num1(left));
    add_owned(c, "right", num1(right));
    add_owned(c, "plot_width", num1(right - left));
    add_owned(c, "top", num1(top));
    add_owned(c, "bottom", num1(bottom));
    add_owned(c, "x_label_y", num1(bottom + 18));
    add_owned(c, "x_title_x", num1((left + right) / 2));
    add_owned(c, "x_title_y", num1(VALUE_HEIGHT - 8));
    add_owned(c, "y_title_y", num1(top - 6));
    const LocaleVar title_vars[] = {{"board", tr(p, s->config->boards[board].title_key)}};
    add_owned(c, "title", trf(p, "overview.value.title", title_vars, 1));
    char *margin_text = fmt_decimal(p->loc, margin, 0);
    char *count = fmt_integer(p->loc, (long long)n);
    const LocaleVar vars[] = {{"margin", margin_text}, {"count", count}};
    add_owned(c, "caption", trf_count(p, "overview.value.caption", (long long)n, vars, 2));
    free(margin_text);
    free(count);
    add_owned(c, "md_href", href(s, md_self, route_locale(ROUTE_OVERVIEW_CHART,
                                                          code_of(s, p->locale))));
    free(pr);
    *picks_out = picks;
    return c;
}

/* ---- the page ---------------------------------------------------------------------- */

cJSON *view_overview(const SiteModel *s, size_t locale, LbError *err)
{
    Page p = page_for(s, locale, err);
    const char *code = code_of(s, locale);
    Route self = route_locale(ROUTE_OVERVIEW_HTML, code);
    Route md_self = route_markdown_twin(self);
    p.self = self;
    cJSON *v = frame(&p, self);
    cJSON_AddStringToObject(v, "page_class", "wide");
    cJSON_AddBoolToObject(v, "overview_current", 1);
    cJSON *o = cJSON_AddObjectToObject(v, "overview");
    add_text(o, "title", &p, "overview.title");
    add_text(o, "intro", &p, "overview.intro");
    cJSON_AddItemToObject(o, "leaders", leaders(&p, md_self));
    cJSON_AddItemToObject(o, "matrix", matrix(&p, md_self));
    size_t vb = value_board(s);
    if (vb < s->config->n_boards) {
        cJSON *picks = NULL;
        cJSON *chart = value_chart(&p, vb, md_self, &picks);
        cJSON_AddBoolToObject(o, "has_picks", cJSON_GetArraySize(picks) > 0);
        cJSON_AddItemToObject(o, "picks", picks);
        cJSON_AddItemToObject(v, "value_chart", chart);
    }
    /* The board list, as on the other pages, for the Markdown page too. */
    add_owned(v, "readme_href", href(s, md_self, route_locale(ROUTE_LOCALE_README, code)));
    set_page_meta(v, tr(&p, "overview.title"), tr(&p, "overview.intro"));
    add_notice(&p, v, self);
    return finish(&p, v);
}
