/* view_model — a model's page: where it stands on every board and category
 * view, what the boards say about it, its links, and its rating and rank
 * over time. Everything comes from the model index (modelindex.h), built
 * once per build: a page only formats. */
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

/* ---- what the boards say about the model ------------------------------------ */

/* The first view's value of a field, in view order: boards disagree
 * rarely, and the first board is the site's main one. */
static const LbModel *first_with(const ModelIndex *ix, const IndexedModel *im,
                                 int (*has)(const LbModel *))
{
    for (size_t a = 0; a < im->n_apps; a++) {
        const LbModel *m = &ix->views[im->apps[a].view].lb->models[im->apps[a].row];
        if (has(m))
            return m;
    }
    return NULL;
}

static int has_org(const LbModel *m) { return m->organization != NULL; }
static int has_license(const LbModel *m) { return m->license != NULL; }
static int has_price(const LbModel *m) { return !isnan(m->price_input) || !isnan(m->price_output); }
static int has_context(const LbModel *m) { return m->context > 0; }
static int has_params(const LbModel *m) { return m->params != NULL; }

static void add_fact(cJSON *facts, Page *p, const char *term_key, char *value)
{
    cJSON *f = cJSON_CreateObject();
    add_text(f, "term", p, term_key);
    add_owned(f, "value", value);
    cJSON_AddItemToArray(facts, f);
}

/* "$2.50", in the page's decimal style; "—" when absent. */
static char *price_text(Page *p, double usd)
{
    if (isnan(usd))
        return xstrdup("—");
    char *n = fmt_decimal(p->loc, usd, usd < 1 && usd != 0 ? 3 : 2);
    char *s = str_printf("$%s", n);
    free(n);
    return s;
}

/* 128,000 tokens as "128K", 1,100,000 as "1.1M" (K = 10^3, M = 10^6, as the
 * Arena prints them), in the page's decimal style. */
char *view_context_text(const Locale *loc, long long tokens)
{
    if (tokens >= 1000000 && tokens % 100000 == 0) {
        int decimals = tokens % 1000000 ? 1 : 0;
        char *n = fmt_decimal(loc, tokens / 1e6, decimals);
        char *s = str_printf("%sM", n);
        free(n);
        return s;
    }
    if (tokens >= 1000 && tokens % 1000 == 0) {
        char *n = fmt_integer(loc, tokens / 1000);
        char *s = str_printf("%sK", n);
        free(n);
        return s;
    }
    return fmt_integer(loc, tokens);
}

static cJSON *facts(Page *p, const ModelIndex *ix, const IndexedModel *im)
{
    cJSON *list = cJSON_CreateArray();
    const LbModel *m;
    if ((m = first_with(ix, im, has_org)))
        add_fact(list, p, "col.organization", xstrdup(m->organization));
    if ((m = first_with(ix, im, has_license)))
        add_fact(list, p, "col.license", xstrdup(m->license));
    if ((m = first_with(ix, im, has_params)))
        add_fact(list, p, "col.size", xstrdup(m->params));
    if ((m = first_with(ix, im, has_price))) {
        char *in = price_text(p, m->price_input), *out = price_text(p, m->price_output);
        const LocaleVar vars[] = {{"input", in}, {"output", out}};
        add_fact(list, p, "model.price", trf(p, "model.price.value", vars, 2));
        free(in);
        free(out);
    }
    if ((m = first_with(ix, im, has_context)))
        add_fact(list, p, "model.context", view_context_text(p->loc, m->context));
    return list;
}

/* Links: the model's own page at each source ("alpha-pro at
 * example.org"), then where each board's data comes from; each URL once,
 * named by its host. */
static void add_link(cJSON *list, Page *p, const char *url, const char *label)
{
    if (!url || !lb_url_is_http(url))
        return;
    for (int i = 0; i < cJSON_GetArraySize(list); i++)
        if (strcmp(cJSON_GetObjectItem(cJSON_GetArrayItem(list, i), "href")->valuestring,
                   url) == 0)
            return;
    const char *host = strstr(url, "://") + 3;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "label", label);
    add_owned(o, "text", xstrndup(host, strcspn(host, "/?#")));
    cJSON_AddStringToObject(o, "href", url);
    cJSON_AddItemToArray(list, o);
    (void)p;
}

/* A view's name on the page: its board's title, or for a category view
 * "Board: Category" as the category page itself is titled. */
static char *view_title(Page *p, const IndexView *v)
{
    const BoardConfig *bc = &p->site->config->boards[v->board];
    if (v->category == MODELINDEX_NO_CATEGORY)
        return xstrdup(tr(p, bc->title_key));
    const LocaleVar vars[] = {{"board", tr(p, bc->title_key)},
                              {"category", tr(p, bc->categories[v->category].title_key)}};
    return trf(p, "category.page_title", vars, 2);
}

/* The view's page in this page's language. */
static Route view_page(Page *p, const IndexView *v)
{
    Route r = board_page(p->site, p->locale, v->board);
    if (v->category == MODELINDEX_NO_CATEGORY)
        return r;
    return route_with_category(r, p->site->config->boards[v->board]
                                      .categories[v->category].id);
}

static cJSON *links(Page *p, const ModelIndex *ix, const IndexedModel *im)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t a = 0; a < im->n_apps; a++) {
        const IndexView *v = &ix->views[im->apps[a].view];
        add_link(list, p, v->lb->models[im->apps[a].row].url, tr(p, "model.link.own"));
    }
    for (size_t a = 0; a < im->n_apps; a++) {
        const IndexView *v = &ix->views[im->apps[a].view];
        char *title = view_title(p, v);
        const LocaleVar vars[] = {{"board", title}};
        char *label = trf(p, "model.link.source", vars, 1);
        add_link(list, p, v->lb->source.url, label);
        free(label);
        free(title);
    }
    return list;
}

/* ---- where it stands ---------------------------------------------------------- */

/* The number a board ranks by: the rating, else a benchmark's total, else
 * (a board of metrics) the first metric. */
static double score_of_row(const LbModel *m, int *percent)
{
    *percent = 0;
    if (!isnan(m->rating))
        return m->rating;
    for (size_t i = 0; i < m->n_scores; i++)
        if (strcmp(m->scores[i].name, "total") == 0)
            return m->scores[i].value;
    if (m->n_metrics) {
        *percent = 1;
        return m->metrics[0].value;
    }
    return NAN;
}

static cJSON *standing(Page *p, const ModelIndex *ix, const ModelAppearance *a)
{
    const SiteModel *s = p->site;
    const IndexView *v = &ix->views[a->view];
    const LbModel *m = &v->lb->models[a->row];
    cJSON *o = cJSON_CreateObject();
    add_owned(o, "board", view_title(p, v));
    add_owned(o, "board_href", href(s, p->self, view_page(p, v)));
    int rank = modelindex_rank(v->lb, a->row);
    add_owned(o, "rank", fmt_integer(p->loc, rank));
    add_owned(o, "rank_sort", str_printf("%d", rank));
    if (m->rank_spread[0]) {
        add_owned(o, "spread", str_printf("%d◄─►%d", m->rank_spread[0], m->rank_spread[1]));
        add_owned(o, "spread_spoken", rank_spread_words(p, m->rank_spread));
    }
    int percent, decimals = decimals_for(v->lb->kind);
    double score = score_of_row(m, &percent);
    if (!isnan(score)) {
        char *n = fmt_decimal(p->loc, score, percent ? 2 : decimals);
        add_owned(o, "score", percent ? str_printf("%s%%", n) : xstrdup(n));
        free(n);
        if (!percent && !isnan(m->ci_lower) && !isnan(m->rating))
            add_owned(o, "ci", fmt_interval(p->loc, m, decimals));
    }
    if (m->votes >= 0)
        add_owned(o, "votes", fmt_integer(p->loc, m->votes));
    if (m->preliminary == 1)
        add_text(o, "badge", p, "badge.preliminary");
    /* Blank cells where the board has no such number. */
    static const char *const cells[] = {"score", "ci", "votes"};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        if (!cJSON_HasObjectItem(o, cells[i]))
            cJSON_AddStringToObject(o, cells[i], "");
    return o;
}

/* ---- rating and rank over time --------------------------------------------------- */

enum {
    HIST_WIDTH = 640, HIST_LEFT = 56, HIST_RIGHT = 16,
    HIST_TOP = 12, HIST_RATING = 130, HIST_GAP = 26, HIST_RANK = 70,
    HIST_BOTTOM = 28,
};

static char *num1(double v)
{
    return str_printf("%.1f", v);
}

/* "2026-01-02" in the page's date style. */
static char *date_text(Page *p, const char *date)
{
    char iso[32];
    snprintf(iso, sizeof iso, "%.10sT00:00:00Z", date);
    return fmt_update_date(p, iso);
}

static void add_tick(cJSON *list, double at, char *label)
{
    cJSON *t = cJSON_CreateObject();
    add_owned(t, "at", num1(at));
    add_owned(t, "label", label);
    cJSON_AddItemToArray(list, t);
}

/* One chart: the rating (with its interval as a band) above, the rank
 * below (best at the top), against the snapshot dates. */
static cJSON *history_chart(Page *p, const ModelIndex *ix, const ModelAppearance *a,
                            size_t number)
{
    const IndexView *v = &ix->views[a->view];
    const ModelPoint *pt = a->points;
    size_t n = a->n_points;
    long d0, d1, day;
    if (n < 2 || plot_day(pt[0].date, &d0) != 0 || plot_day(pt[n - 1].date, &d1) != 0
        || d1 <= d0)
        return NULL;
    double lo = INFINITY, hi = -INFINITY;
    int best = pt[0].rank, worst = pt[0].rank;
    for (size_t i = 0; i < n; i++) {
        if (isnan(pt[i].rating))
            return NULL; /* a board without ratings has no line to draw */
        lo = fmin(lo, isnan(pt[i].ci_lower) ? pt[i].rating : pt[i].ci_lower);
        hi = fmax(hi, isnan(pt[i].ci_upper) ? pt[i].rating : pt[i].ci_upper);
        best = pt[i].rank < best ? pt[i].rank : best;
        worst = pt[i].rank > worst ? pt[i].rank : worst;
    }
    double top = HIST_TOP, rating_bottom = HIST_TOP + HIST_RATING;
    double rank_top = rating_bottom + HIST_GAP, rank_bottom = rank_top + HIST_RANK;
    PlotAxis y = plot_axis(lo, hi, 0, rating_bottom, top);
    PlotAxis r = {best - 0.5, worst + 0.5, rank_top, rank_bottom, 0};
    double left = HIST_LEFT, right = HIST_WIDTH - HIST_RIGHT;
    int decimals = decimals_for(v->lb->kind);
    Buf line = BUF_INIT, band = BUF_INIT, steps = BUF_INIT;
    cJSON *c = cJSON_CreateObject();
    cJSON *points = cJSON_AddArrayToObject(c, "points");
    double prev_ry = 0;
    for (size_t i = 0; i < n; i++) {
        plot_day(pt[i].date, &day);
        double x = left + (double)(day - d0) / (double)(d1 - d0) * (right - left);
        double yy = plot_map(&y, pt[i].rating), ry = plot_map(&r, pt[i].rank);
        buf_printf(&line, "%s%.1f,%.1f", i ? " " : "", x, yy);
        /* A step: along at the old rank, then to the new one. */
        if (i)
            buf_printf(&steps, " %.1f,%.1f", x, prev_ry);
        if (!i || ry != prev_ry)
            buf_printf(&steps, "%s%.1f,%.1f", i ? " " : "", x, ry);
        prev_ry = ry;
        cJSON *o = cJSON_CreateObject();
        add_owned(o, "x", num1(x));
        add_owned(o, "y", num1(yy));
        add_owned(o, "ry", num1(ry));
        char *date = date_text(p, pt[i].date);
        char *rating = fmt_decimal(p->loc, pt[i].rating, decimals);
        char *rank = fmt_integer(p->loc, pt[i].rank);
        const LocaleVar vars[] = {{"date", date}, {"rating", rating}, {"rank", rank}};
        add_owned(o, "tooltip", trf(p, "model.history.point", vars, 3));
        free(date);
        free(rating);
        free(rank);
        cJSON_AddItemToArray(points, o);
    }
    /* The interval as a band: upper bounds forward, lower bounds back. */
    int has_ci = 1;
    for (size_t i = 0; i < n; i++)
        has_ci &= !isnan(pt[i].ci_lower) && !isnan(pt[i].ci_upper);
    for (size_t k = 0; has_ci && k < 2 * n; k++) {
        size_t i = k < n ? k : 2 * n - 1 - k;
        plot_day(pt[i].date, &day);
        double x = left + (double)(day - d0) / (double)(d1 - d0) * (right - left);
        buf_printf(&band, "%s%.1f,%.1f", k ? " " : "", x,
                   plot_map(&y, k < n ? pt[i].ci_upper : pt[i].ci_lower));
    }
    add_owned(c, "line", buf_detach(&line));
    if (has_ci)
        add_owned(c, "band", buf_detach(&band));
    buf_free(&band);
    add_owned(c, "steps", buf_detach(&steps));
    PlotTick ticks[16];
    size_t nt = plot_ticks(&y, 4, ticks, 16);
    cJSON *yt = cJSON_AddArrayToObject(c, "rating_ticks");
    for (size_t i = 0; i < nt; i++)
        add_tick(yt, ticks[i].at, fmt_decimal(p->loc, ticks[i].value,
                                               decimals_for(v->lb->kind)));
    cJSON *rt = cJSON_AddArrayToObject(c, "rank_ticks");
    add_tick(rt, plot_map(&r, best), fmt_integer(p->loc, best));
    if (worst != best)
        add_tick(rt, plot_map(&r, worst), fmt_integer(p->loc, worst));
    add_owned(c, "date_from", date_text(p, pt[0].date));
    add_owned(c, "date_to", date_text(p, pt[n - 1].date));
    add_owned(c, "id", str_printf("history-%zu", number));
    add_owned(c, "width", num1(HIST_WIDTH));
    add_owned(c, "height", num1(rank_bottom + HIST_BOTTOM));
    add_owned(c, "left", num1(left));
    add_owned(c, "right", num1(right));
    add_owned(c, "rating_top", num1(top));
    add_owned(c, "rating_bottom", num1(rating_bottom));
    add_owned(c, "rank_top", num1(rank_top));
    add_owned(c, "rank_bottom", num1(rank_bottom));
    add_owned(c, "rating_label_y", num1(top - 2));
    add_owned(c, "rank_label_y", num1(rank_top - 6));
    add_owned(c, "date_y", num1(rank_bottom + 18));
    char *title = view_title(p, v);
    add_owned(c, "board", xstrdup(title));
    /* What the chart shows, for screen readers, in one sentence. */
    char *first = fmt_decimal(p->loc, pt[0].rating, decimals);
    char *last = fmt_decimal(p->loc, pt[n - 1].rating, decimals);
    char *r0 = fmt_integer(p->loc, pt[0].rank), *r1 = fmt_integer(p->loc, pt[n - 1].rank);
    char *from = date_text(p, pt[0].date), *to = date_text(p, pt[n - 1].date);
    const LocaleVar vars[] = {{"board", title},
                              {"from", from}, {"to", to},
                              {"first_rating", first}, {"last_rating", last},
                              {"first_rank", r0}, {"last_rank", r1}};
    add_owned(c, "summary", trf(p, "model.history.summary", vars, 7));
    free(first);
    free(last);
    free(r0);
    free(r1);
    free(from);
    free(to);
    free(title);
    return c;
}

/* ---- the page -------------------------------------------------------------------- */

cJSON *view_model(const SiteModel *s, size_t locale, size_t model, LbError *err)
{
    const ModelIndex *ix = s->models;
    const IndexedModel *im = &ix->models[model];
    Page p = page_for(s, locale, err);
    Route self = route_model(code_of(s, locale), im->slug);
    p.self = self;
    cJSON *v = frame(&p, self);
    cJSON *o = cJSON_AddObjectToObject(v, "model");
    const char *name = im->first->display_name ? im->first->display_name
                                               : im->first->model;
    cJSON_AddStringToObject(o, "name", name);
    if (strcmp(name, im->first->model) != 0)
        cJSON_AddStringToObject(o, "id", im->first->model);
    cJSON_AddItemToObject(o, "facts", facts(&p, ix, im));
    cJSON *l = links(&p, ix, im);
    cJSON_AddBoolToObject(o, "has_links", cJSON_GetArraySize(l) > 0);
    cJSON_AddItemToObject(o, "links", l);
    cJSON *rows = cJSON_AddArrayToObject(o, "standings");
    cJSON *charts = cJSON_AddArrayToObject(o, "history");
    for (size_t a = 0; a < im->n_apps; a++) {
        cJSON_AddItemToArray(rows, standing(&p, ix, &im->apps[a]));
        cJSON *c = history_chart(&p, ix, &im->apps[a], a);
        if (c)
            cJSON_AddItemToArray(charts, c);
    }
    cJSON_AddBoolToObject(o, "has_history", cJSON_GetArraySize(charts) > 0);
    const LocaleVar vars[] = {{"model", name}};
    char *description = trf(&p, "model.description", vars, 1);
    set_page_meta(v, name, description);
    add_owned(o, "description", description);
    add_notice(&p, v, self);
    return finish(&p, v);
}
