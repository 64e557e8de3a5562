/* adapter_arena_catalog — the Arena team's own leaderboard JSON → an
 * `arena` board.
 *
 * The files are GitHub lmarena/arena-catalog data/leaderboard-text.json,
 * -text-style-control, -vision, -vision-style-control and -image:
 *   {category: {model: {rating, rating_q025 | rating_lower,
 *                               rating_q975 | rating_upper}}}
 * options.category picks one (default "full"); an unknown category is an
 * error listing those the file has. Ratings and bounds are kept exactly as
 * published; rank is 1 + the number of models rated strictly higher,
 * rank_ub 1 + the number whose lower bound is above this model's upper
 * bound. The file carries no date and no rank spread; votes only if a
 * version adds num_battles, vote_count or votes to an entry.
 *
 * The optional price list (options.prices, fetched by the source layer and
 * handed over as opt->aux) is the same repository's scatterplot-data.json:
 * [{name, model_api_name, input_token_price, output_token_price,
 *   organization, license, price_source, model_source, hidden?}]. It is
 * joined by model_api_name: the display name, organization, license, the
 * model_source link (http(s) only; "n/a" and other schemes are dropped)
 * and the prices in USD per million tokens, given as JSON numbers or as
 * decimal strings ("2.5"; "" and "n/a" mean none; anything else, "free" or
 * a negative price, is an error). `hidden` only hides a point in the
 * Arena's price plot: a hidden entry is joined like any other.
 *
 * The optional plain twin (options.plain, handed over as opt->plain) is
 * the same board without style control: the main file is then the
 * style-controlled one (-style-control.json, the Arena's default view),
 * the board says style_control, and each model carries its plain rating
 * too (join_plain). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adapter.h"
#include "buf.h"
#include "jsonfile.h"
#include "mem.h"
#include "nameset.h"
#include "quantity.h"

#define DEFAULT_CATEGORY "full"

__attribute__((format(printf, 3, 4)))
static int fail(LbError *err, const char *name, const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    lb_fail(err, LB_EINPUT, "%s: %s", name, b.data);
    buf_free(&b);
    return -1;
}

/* ---- the leaderboard JSON ---------------------------------------------- */

static const cJSON *find_category(const cJSON *doc, const char *name,
                                  const char *category, LbError *err)
{
    if (!cJSON_IsObject(doc)) {
        fail(err, name, "expected an object of categories, like {\"full\": "
             "{\"model\": {\"rating\": ..., \"rating_q025\": ..., "
             "\"rating_q975\": ...}}}");
        return NULL;
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(doc, category);
    if (c) {
        if (!cJSON_IsObject(c)) {
            fail(err, name, "category \"%s\": expected an object of models",
                 category);
            return NULL;
        }
        return c;
    }
    Buf list = BUF_INIT;
    const cJSON *item;
    cJSON_ArrayForEach(item, doc)
    {
        if (list.len > 600) {
            buf_puts(&list, ", ...");
            break;
        }
        buf_printf(&list, "%s%.80s", list.len ? ", " : "", item->string);
    }
    fail(err, name, "no category \"%s\" (%s%s)", category,
         list.len ? "categories: " : "the file has none",
         list.len ? list.data : "");
    buf_free(&list);
    return NULL;
}

/* The bound named `a` or `b` (both only when they agree): 0 or -1. */
static int read_bound(const cJSON *entry, const char *a, const char *b,
                      double *out, const char *where, LbError *err)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(entry, a);
    const cJSON *y = cJSON_GetObjectItemCaseSensitive(entry, b);
    if (x && y && !(cJSON_IsNumber(x) && cJSON_IsNumber(y)
                    && x->valuedouble == y->valuedouble))
        return lb_fail(err, LB_EINPUT, "%s: %s and %s disagree", where, a, b);
    const cJSON *v = x ? x : y;
    if (!v)
        return lb_fail(err, LB_EINPUT, "%s: no %s (or %s)", where, a, b);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return lb_fail(err, LB_EINPUT, "%s: %s: expected a finite number",
                       where, x ? a : b);
    *out = v->valuedouble;
    return 0;
}

/* Votes, should a version of the file carry them (num_battles,
 * vote_count or votes): a non-negative integer; -1 when absent. */
static int read_votes(const cJSON *entry, const char *where, long long *out,
                      LbError *err)
{
    static const char *const names[] = {"num_battles", "vote_count", "votes",
                                        NULL};
    for (const char *const *n = names; *n; n++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, *n);
        if (!v || cJSON_IsNull(v))
            continue;
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)
            || v->valuedouble < 0 || v->valuedouble > 9.0e15)
            return lb_fail(err, LB_EINPUT, "%s: %s: expected a non-negative "
                           "integer", where, *n);
        *out = (long long)v->valuedouble;
        return 0;
    }
    return 0;
}

static int read_entry(const cJSON *entry, const char *name,
                      const char *category, Leaderboard *lb, LbError *err)
{
    Buf where = BUF_INIT;
    buf_printf(&where, "%s: %s: \"%.200s\"", name, category,
               entry->string);
    int rc = 0;
    double rating = NAN, lo = NAN, hi = NAN;
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(entry, "rating");
    if (!entry->string[0])
        rc = fail(err, name, "%s: a model with an empty name", category);
    else if (!cJSON_IsObject(entry))
        rc = lb_fail(err, LB_EINPUT, "%s: expected an object {rating, "
                     "rating_q025, rating_q975}", where.data);
    else if (!cJSON_IsNumber(r) || !isfinite(r->valuedouble))
        rc = lb_fail(err, LB_EINPUT, "%s: rating: %s", where.data,
                     r ? "expected a finite number" : "missing");
    else
        rating = r->valuedouble;
    if (rc == 0)
        rc = read_bound(entry, "rating_q025", "rating_lower", &lo,
                        where.data, err);
    if (rc == 0)
        rc = read_bound(entry, "rating_q975", "rating_upper", &hi,
                        where.data, err);
    if (rc == 0 && lo > hi)
        rc = lb_fail(err, LB_EINPUT, "%s: lower bound %.17g above upper "
                     "bound %.17g", where.data, lo, hi);
    if (rc == 0 && (rating < lo || rating > hi))
        rc = lb_fail(err, LB_EINPUT, "%s: rating %.17g outside its "
                     "interval [%.17g, %.17g]", where.data, rating, lo, hi);
    long long votes = -1;
    if (rc == 0)
        rc = read_votes(entry, where.data, &votes, err);
    if (rc == 0) {
        LbModel *m = leaderboard_add_model(lb, entry->string);
        m->rating = rating;
        m->ci_lower = lo;
        m->ci_upper = hi;
        m->votes = votes;
    }
    buf_free(&where);
    return rc;
}

static int by_lower_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* Ranks by rating (the board is sorted best first) and rank_ub by the
 * intervals: n log n. */
static void rank_board(Leaderboard *lb)
{
    leaderboard_sort_by_rating(lb);
    double *lower = xmalloc((lb->n_models + 1) * sizeof *lower);
    for (size_t i = 0; i < lb->n_models; i++) {
        LbModel *m = &lb->models[i];
        m->rank = i > 0 && m->rating == lb->models[i - 1].rating
                      ? lb->models[i - 1].rank
                      : (int)i + 1;
        lower[i] = m->ci_lower;
    }
    qsort(lower, lb->n_models, sizeof *lower, by_lower_desc);
    for (size_t i = 0; i < lb->n_models; i++) {
        LbModel *m = &lb->models[i];
        if (isnan(m->ci_upper))
            continue;
        size_t lo = 0, hi = lb->n_models; /* count of lower > upper */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (lower[mid] > m->ci_upper)
                lo = mid + 1;
            else
                hi = mid;
        }
        m->rank_ub = (int)lo + 1;
    }
    free(lower);
}

/* ---- the price list ---------------------------------------------------- */

typedef struct {
    const cJSON *entry;
    const char *api_name;
} PriceEntry;

static int by_api_name(const void *a, const void *b)
{
    return strcmp(((const PriceEntry *)a)->api_name,
                  ((const PriceEntry *)b)->api_name);
}

static int is_none(const char *s)
{
    return s[0] == '\0' || strcasecmp(s, "n/a") == 0;
}

/* A price: a JSON number or a decimal string; NAN for "" and "n/a". */
static int read_price(const cJSON *e, const char *field, const char *where,
                      double *out, LbError *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, field);
    double p = NAN;
    int dec;
    if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && is_none(v->valuestring)))
        p = NAN;
    else if (cJSON_IsNumber(v))
        p = isfinite(v->valuedouble) && v->valuedouble >= 0
                && v->valuedouble <= LB_MAX_PRICE
                ? v->valuedouble
                : -1;
    else if (cJSON_IsString(v))
        p = quantity_decimal(v->valuestring, &p, &dec) == 0
                && p <= LB_MAX_PRICE ? p : -1;
    else
        p = -1;
    if (p < 0) {
        Buf shown = BUF_INIT;
        if (cJSON_IsString(v))
            buf_printf(&shown, "\"%.60s\"", v->valuestring);
        else if (cJSON_IsNumber(v))
            buf_printf(&shown, "%.17g", v->valuedouble);
        else
            buf_puts(&shown, "the value");
        lb_fail(err, LB_EINPUT, "%s: %s: %s is not a price in USD per "
                "million tokens (a decimal like \"2.5\", from 0 to 1000000)",
                where, field, shown.data);
        buf_free(&shown);
        return -1;
    }
    *out = p;
    return 0;
}

/* A text field: absent, null, "" and "n/a" are none. */
static int read_text(const cJSON *e, const char *field, const char *where,
                     const char **out, LbError *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, field);
    *out = NULL;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v))
        return lb_fail(err, LB_EINPUT, "%s: %s: expected a string", where,
                       field);
    if (strlen(v->valuestring) > LB_MAX_TEXT)
        return lb_fail(err, LB_EINPUT, "%s: %s: longer than %d bytes", where,
                       field, LB_MAX_TEXT);
    if (!is_none(v->valuestring))
        *out = v->valuestring;
    return 0;
}

/* Checks every entry (a broken list is a broken source) and indexes them
 * by API name. The caller frees *index. */
static int index_prices(const cJSON *list, const char *name,
                        PriceEntry **index, size_t *n, LbError *err)
{
    *index = NULL;
    *n = 0;
    if (!cJSON_IsArray(list))
        return fail(err, name, "expected a list of {model_api_name, name, "
                    "input_token_price, output_token_price, ...}");
    *index = xmalloc(((size_t)cJSON_GetArraySize(list) + 1) * sizeof **index);
    NameSet seen = NAMESET_INIT;
    int rc = 0;
    size_t i = 0;
    for (const cJSON *e = list->child; e && rc == 0; e = e->next, i++) {
        const cJSON *api = cJSON_GetObjectItemCaseSensitive(e, "model_api_name");
        size_t first;
        if (!cJSON_IsObject(e))
            rc = fail(err, name, "[%zu]: expected an object", i);
        else if (!cJSON_IsString(api) || !api->valuestring[0])
            rc = fail(err, name, "[%zu]: model_api_name: expected a "
                      "non-empty string", i);
        else if (nameset_add(&seen, api->valuestring, i, &first))
            rc = fail(err, name, "[%zu]: model_api_name \"%.200s\" appears "
                      "twice (first as [%zu])", i, api->valuestring, first);
        if (rc)
            break;
        Buf where = BUF_INIT;
        buf_printf(&where, "%s: [%zu] (\"%.200s\")", name, i,
                   api->valuestring);
        double in, out;
        const char *text;
        rc = read_price(e, "input_token_price", where.data, &in, err)
             || read_price(e, "output_token_price", where.data, &out, err)
             || read_text(e, "name", where.data, &text, err)
             || read_text(e, "organization", where.data, &text, err)
             || read_text(e, "license", where.data, &text, err)
             || read_text(e, "model_source", where.data, &text, err);
        buf_free(&where);
        (*index)[(*n)++] = (PriceEntry){e, api->valuestring};
    }
    nameset_free(&seen);
    if (rc == 0)
        qsort(*index, *n, sizeof **index, by_api_name);
    return rc ? -1 : 0;
}

static void fill(char **field, const cJSON *e, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
    if (!*field && cJSON_IsString(v) && !is_none(v->valuestring))
        *field = xstrdup(v->valuestring);
}

static void join_entry(LbModel *m, const cJSON *e)
{
    LbError ignored = {0};
    const cJSON *display = cJSON_GetObjectItemCaseSensitive(e, "name");
    if (cJSON_IsString(display) && !is_none(display->valuestring)
        && strcmp(display->valuestring, m->model) != 0)
        fill(&m->display_name, e, "name");
    fill(&m->organization, e, "organization");
    fill(&m->license, e, "license");
    const cJSON *link = cJSON_GetObjectItemCaseSensitive(e, "model_source");
    if (!m->url && cJSON_IsString(link) && lb_url_is_http(link->valuestring))
        m->url = xstrdup(link->valuestring);
    /* Already checked by index_prices. */
    read_price(e, "input_token_price", "", &m->price_input, &ignored);
    read_price(e, "output_token_price", "", &m->price_output, &ignored);
}

static int join_prices(Leaderboard *lb, const AdapterOptions *opt,
                       LbError *err)
{
    const char *name = opt->aux_name ? opt->aux_name : "prices";
    cJSON *list = json_parse_text(name, opt->aux, opt->aux_len, err);
    if (!list)
        return -1;
    PriceEntry *index;
    size_t n;
    int rc = index_prices(list, name, &index, &n, err);
    for (size_t i = 0; rc == 0 && i < lb->n_models; i++) {
        PriceEntry key = {NULL, lb->models[i].model};
        PriceEntry *hit = bsearch(&key, index, n, sizeof *index,
                                  by_api_name);
        if (hit)
            join_entry(&lb->models[i], hit->entry);
    }
    free(index);
    cJSON_Delete(list);
    return rc;
}

/* ---- the plain twin ---------------------------------------------------- */

/* options.plain: the same file without style control. Its category is
 * read with the same checks and ranked the same way; each model of the
 * board found there gets its plain_rating, plain_ci_lower/upper and
 * plain_rank. The board's own ratings are then the style-controlled ones. */
static int join_plain(Leaderboard *lb, const char *category,
                      const AdapterOptions *opt, LbError *err)
{
    const char *name = opt->plain_name ? opt->plain_name : "plain";
    cJSON *doc = json_parse_text(name, opt->plain, opt->plain_len, err);
    if (!doc)
        return -1;
    const cJSON *models = find_category(doc, name, category, err);
    Leaderboard *plain = models ? leaderboard_new(lb->id, LB_KIND_ARENA)
                                : NULL;
    int rc = models ? 0 : -1;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, models)
    {
        if (rc == 0)
            rc = read_entry(entry, name, category, plain, err);
    }
    if (rc == 0 && plain->n_models)
        rank_board(plain);
    NameSet index = NAMESET_INIT;
    size_t at;
    for (size_t i = 0; rc == 0 && i < plain->n_models; i++)
        nameset_add(&index, plain->models[i].model, i, &at);
    for (size_t i = 0; rc == 0 && i < lb->n_models; i++) {
        LbModel *m = &lb->models[i];
        if (!nameset_find(&index, m->model, &at))
            continue;
        m->plain_rating = plain->models[at].rating;
        m->plain_ci_lower = plain->models[at].ci_lower;
        m->plain_ci_upper = plain->models[at].ci_upper;
        m->plain_rank = plain->models[at].rank;
    }
    if (rc == 0)
        lb->style_control = 1;
    nameset_free(&index);
    leaderboard_free(plain);
    cJSON_Delete(doc);
    return rc;
}

/* ---- the adapter ------------------------------------------------------- */

Leaderboard *adapter_arena_catalog(const char *bytes, size_t len,
                                   const AdapterOptions *opt, LbError *err)
{
    const char *name = opt->source_name;
    const char *category = opt->source && opt->source->category
                               ? opt->source->category
                               : DEFAULT_CATEGORY;
    cJSON *doc = json_parse_text(name, bytes, len, err);
    if (!doc)
        return NULL;
    Leaderboard *lb = NULL;
    const cJSON *models = find_category(doc, name, category, err);
    if (models) {
        lb = leaderboard_new(opt->id, LB_KIND_ARENA);
        lb->category = xstrdup(category);
        int rc = 0;
        const cJSON *entry;
        cJSON_ArrayForEach(entry, models)
        {
            if ((rc = read_entry(entry, name, category, lb, err)) != 0)
                break;
        }
        if (rc == 0 && lb->n_models == 0)
            rc = fail(err, name, "category \"%s\" has no models", category);
        if (rc == 0)
            rank_board(lb);
        if (rc == 0 && opt->aux)
            rc = join_prices(lb, opt, err);
        if (rc == 0 && opt->plain)
            rc = join_plain(lb, category, opt, err);
        if (rc != 0) {
            leaderboard_free(lb);
            lb = NULL;
        }
    }
    cJSON_Delete(doc);
    return lb;
}
