/* adapter_hf_rows — rows of a Hugging Face dataset, as the dataset viewer
 * serves them (/rows, /filter: {"rows": [{"row_idx", "row": {...},
 * "truncated_cells"}], "num_rows_total", "features", "partial"}) → an
 * `arena` board. Over http(s) the source layer pages through the whole
 * split first (hfviewer.h) and hands over one merged document of that
 * shape; a file must hold the whole split itself.
 *
 * The document must hold num_rows_total rows with increasing row_idx and
 * not be `partial`. options.filter keeps the rows whose columns equal the
 * given scalars (e.g. {"category": "overall"}); its "category" names the
 * board's category. options.columns says which column fills each field;
 * without it, the columns of lmarena-ai/leaderboard-dataset are used when
 * present: model_name, organization, license, rating (or score),
 * rating_lower and rating_upper (or score_ci_lower and score_ci_upper),
 * vote_count, session_count, rank, leaderboard_publish_date (updated_at:
 * the newest date among the rows kept). A source's own rank is kept when
 * every row has one, else ranks are 1 + the number of models rated
 * strictly higher; rank_ub comes from the intervals. A cell the viewer
 * truncated, a model named twice, a non-http(s) link or a value of the
 * wrong type is an error naming the row. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "buf.h"
#include "jsonfile.h"
#include "mem.h"
#include "nameset.h"
#include "quantity.h"

/* The default mapping: field → candidate columns, the first present wins. */
typedef struct {
    const char *field;
    const char *columns[3];
} DefaultColumn;

static const DefaultColumn default_columns[] = {
    {"model", {"model_name", NULL}},
    {"organization", {"organization", NULL}},
    {"license", {"license", NULL}},
    {"rating", {"rating", "score", NULL}},
    {"ci_lower", {"rating_lower", "score_ci_lower", NULL}},
    {"ci_upper", {"rating_upper", "score_ci_upper", NULL}},
    {"votes", {"vote_count", NULL}},
    {"sessions", {"session_count", NULL}},
    {"rank", {"rank", NULL}},
    {"updated_at", {"leaderboard_publish_date", NULL}},
};

#define N_FIELDS 15

typedef struct {
    const char *field;
    const char *column;
} Mapping;

typedef struct {
    const char *name;
    LbError *err;
    Mapping map[N_FIELDS];
    size_t n_map;
    const cJSON *filter;
    char *newest;  /* updated_at, ISO-8601 */
    NameSet seen;
    int any_rank_missing;
} Reader;

__attribute__((format(printf, 3, 4)))
static int row_fail(const Reader *r, long long row_idx, const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (row_idx >= 0)
        lb_fail(r->err, LB_EINPUT, "%s: row_idx %lld: %s", r->name, row_idx,
                b.data);
    else
        lb_fail(r->err, LB_EINPUT, "%s: %s", r->name, b.data);
    buf_free(&b);
    return -1;
}

static const char *mapped(const Reader *r, const char *field)
{
    for (size_t i = 0; i < r->n_map; i++)
        if (strcmp(r->map[i].field, field) == 0)
            return r->map[i].column;
    return NULL;
}

/* ---- the document's shape ---------------------------------------------- */

static int get_index(const cJSON *obj, const char *field, long long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)
        || v->valuedouble < 0 || v->valuedouble > 9.0e15)
        return -1;
    *out = (long long)v->valuedouble;
    return 0;
}

static int check_shape(const Reader *r, const cJSON *doc, const cJSON **rows)
{
    long long total;
    if (!cJSON_IsObject(doc))
        return row_fail(r, -1, "expected the dataset viewer's object "
                        "{\"rows\": [...], \"num_rows_total\": N}");
    *rows = cJSON_GetObjectItemCaseSensitive(doc, "rows");
    if (!cJSON_IsArray(*rows))
        return row_fail(r, -1, "no \"rows\" array (not a dataset viewer "
                        "answer)");
    if (get_index(doc, "num_rows_total", &total) != 0)
        return row_fail(r, -1, "no num_rows_total (not a dataset viewer "
                        "answer)");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "partial")))
        return row_fail(r, -1, "the viewer's answer is partial (it did not "
                        "index the whole split); lbgen does not publish "
                        "incomplete data");
    long long n = cJSON_GetArraySize(*rows);
    if (n != total)
        return row_fail(r, -1, "holds %lld of the split's %lld rows "
                        "(num_rows_total); over http(s) lbgen pages through "
                        "them all", n, total);
    long long last = -1, k = 0;
    for (const cJSON *row = (*rows)->child; row; row = row->next, k++) {
        long long idx;
        if (!cJSON_IsObject(row) || get_index(row, "row_idx", &idx) != 0
            || !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(row, "row")))
            return row_fail(r, -1, "rows[%lld]: expected {\"row_idx\": N, "
                            "\"row\": {...}}", k);
        if (idx <= last)
            return row_fail(r, idx, "after row_idx %lld (rows repeated or "
                            "out of order)", last);
        last = idx;
    }
    return 0;
}

/* ---- which column is which --------------------------------------------- */

static void list_columns(const cJSON *row, Buf *out)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, row)
    {
        if (out->len > 400) {
            buf_puts(out, ", ...");
            break;
        }
        buf_printf(out, "%s%.60s", out->len ? ", " : "", c->string);
    }
}

static int set_mapping(Reader *r, const SourceOptions *o, const cJSON *first)
{
    if (o && o->n_columns) {
        for (size_t i = 0; i < o->n_columns && r->n_map < N_FIELDS; i++)
            r->map[r->n_map++] = (Mapping){o->columns[i].name,
                                           o->columns[i].value};
    } else {
        for (size_t i = 0; i < sizeof default_columns / sizeof
                                   *default_columns; i++) {
            const DefaultColumn *d = &default_columns[i];
            for (const char *const *c = d->columns; *c; c++) {
                if (cJSON_GetObjectItemCaseSensitive(first, *c)) {
                    r->map[r->n_map++] = (Mapping){d->field, *c};
                    break;
                }
            }
        }
        if (!mapped(r, "model")) {
            Buf cols = BUF_INIT;
            list_columns(first, &cols);
            int rc = row_fail(r, -1, "no column model_name: say which "
                              "column holds what with options.columns (the "
                              "rows have: %s)", cols.data ? cols.data : "");
            buf_free(&cols);
            return rc;
        }
    }
    /* Every mapped column and every filter column must exist. */
    for (size_t i = 0; i < r->n_map; i++) {
        if (!cJSON_GetObjectItemCaseSensitive(first, r->map[i].column)) {
            Buf cols = BUF_INIT;
            list_columns(first, &cols);
            int rc = row_fail(r, -1, "no column \"%s\" for the field %s "
                              "(the rows have: %s)", r->map[i].column,
                              r->map[i].field, cols.data ? cols.data : "");
            buf_free(&cols);
            return rc;
        }
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, r->filter)
    {
        if (!cJSON_GetObjectItemCaseSensitive(first, f->string))
            return row_fail(r, -1, "options.filter names the column \"%s\", "
                            "which the rows do not have", f->string);
    }
    return 0;
}

/* ---- one row ----------------------------------------------------------- */

static int row_matches(const Reader *r, const cJSON *row)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, r->filter)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, f->string);
        if (!v)
            return 0;
        if (cJSON_IsNumber(f) && cJSON_IsNumber(v)) {
            if (f->valuedouble != v->valuedouble)
                return 0;
        } else if (!cJSON_Compare(f, v, 1)) {
            return 0;
        }
    }
    return 1;
}

/* The cell for `field`, NULL when unmapped or null. */
static const cJSON *cell(const Reader *r, const cJSON *row, const char *field)
{
    const char *column = mapped(r, field);
    const cJSON *v = column ? cJSON_GetObjectItemCaseSensitive(row, column)
                            : NULL;
    return v && !cJSON_IsNull(v) ? v : NULL;
}

static int text_field(const Reader *r, const cJSON *row, long long idx,
                      const char *field, char **out)
{
    const cJSON *v = cell(r, row, field);
    if (!v)
        return 0;
    if (!cJSON_IsString(v))
        return row_fail(r, idx, "%s: expected a string", mapped(r, field));
    if (v->valuestring[0] && !*out)
        *out = xstrdup(v->valuestring);
    return 0;
}

/* A number (or a decimal string); NAN when absent. */
static int number_field(const Reader *r, const cJSON *row, long long idx,
                        const char *field, double *out)
{
    const cJSON *v = cell(r, row, field);
    int dec;
    if (!v)
        return 0;
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        *out = v->valuedouble;
        return 0;
    }
    if (cJSON_IsString(v) && quantity_decimal(v->valuestring, out, &dec) == 0)
        return 0;
    return row_fail(r, idx, "%s: expected a finite number",
                    mapped(r, field));
}

static int count_field(const Reader *r, const cJSON *row, long long idx,
                       const char *field, long long min, long long *out)
{
    double d = NAN;
    if (number_field(r, row, idx, field, &d) != 0)
        return -1;
    if (isnan(d))
        return 0;
    if (d != floor(d) || d < (double)min || d > 9.0e15)
        return row_fail(r, idx, "%s: expected %s integer", mapped(r, field),
                        min > 0 ? "a positive" : "a non-negative");
    *out = (long long)d;
    return 0;
}

/* "2026-04-19" or "2026-04-19T08:00:00Z" → the later of it and r->newest. */
static int date_field(Reader *r, const cJSON *row, long long idx)
{
    const cJSON *v = cell(r, row, "updated_at");
    if (!v)
        return 0;
    char iso[21];
    const char *s = cJSON_IsString(v) ? v->valuestring : "";
    int ok = 0;
    if (strlen(s) == 10) {
        snprintf(iso, sizeof iso, "%.10sT00:00:00Z", s);
        ok = 1;
    } else if (strlen(s) == 20) {
        memcpy(iso, s, 21);
        ok = 1;
    }
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    for (size_t i = 0; ok && shape[i]; i++)
        ok = shape[i] == 'd' ? iso[i] >= '0' && iso[i] <= '9'
                             : iso[i] == shape[i];
    if (!ok)
        return row_fail(r, idx, "%s: expected a date YYYY-MM-DD",
                        mapped(r, "updated_at"));
    if (!r->newest || strcmp(iso, r->newest) > 0) {
        free(r->newest);
        r->newest = xstrdup(iso);
    }
    return 0;
}

static int check_truncated(const Reader *r, const cJSON *entry, long long idx)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(entry,
                                                      "truncated_cells");
    const cJSON *c;
    cJSON_ArrayForEach(c, t)
    {
        for (size_t i = 0; cJSON_IsString(c) && i < r->n_map; i++)
            if (strcmp(c->valuestring, r->map[i].column) == 0)
                return row_fail(r, idx, "the viewer truncated the cell %s",
                                r->map[i].column);
    }
    return 0;
}

static int read_fields(Reader *r, const cJSON *row, long long idx,
                       LbModel *m)
{
    long long rank = 0;
    char *url = NULL;
    int rc = text_field(r, row, idx, "display_name", &m->display_name)
             || text_field(r, row, idx, "organization", &m->organization)
             || text_field(r, row, idx, "license", &m->license)
             || text_field(r, row, idx, "url", &url)
             || number_field(r, row, idx, "rating", &m->rating)
             || number_field(r, row, idx, "ci_lower", &m->ci_lower)
             || number_field(r, row, idx, "ci_upper", &m->ci_upper)
             || number_field(r, row, idx, "price_input", &m->price_input)
             || number_field(r, row, idx, "price_output", &m->price_output)
             || count_field(r, row, idx, "rank", 1, &rank)
             || count_field(r, row, idx, "votes", 0, &m->votes)
             || count_field(r, row, idx, "sessions", 0, &m->sessions)
             || count_field(r, row, idx, "context", 1, &m->context)
             || date_field(r, row, idx);
    m->url = url;
    if (rc)
        return -1;
    if (url && !lb_url_is_http(url))
        return row_fail(r, idx, "%s: only absolute http(s) links are "
                        "allowed", mapped(r, "url"));
    if (isnan(m->ci_lower) != isnan(m->ci_upper))
        return row_fail(r, idx, "one confidence bound without the other");
    if (rank > 1000000000)
        return row_fail(r, idx, "%s: rank too large", mapped(r, "rank"));
    m->rank = (int)rank;
    r->any_rank_missing |= rank == 0;
    return 0;
}

static int read_row(Reader *r, const cJSON *entry, Leaderboard *lb)
{
    long long idx;
    get_index(entry, "row_idx", &idx);
    const cJSON *row = cJSON_GetObjectItemCaseSensitive(entry, "row");
    if (!row_matches(r, row))
        return 0;
    if (check_truncated(r, entry, idx) != 0)
        return -1;
    const cJSON *name = cell(r, row, "model");
    if (!cJSON_IsString(name) || !name->valuestring[0])
        return row_fail(r, idx, "%s: expected a non-empty model name",
                        mapped(r, "model"));
    size_t first;
    if (nameset_add(&r->seen, name->valuestring, (size_t)idx, &first))
        return row_fail(r, idx, "model \"%.200s\" appears twice (first at "
                        "row_idx %zu); filter on one category and one "
                        "leaderboard_publish_date, or read the latest split",
                        name->valuestring, first);
    return read_fields(r, row, idx, leaderboard_add_model(lb,
                                                          name->valuestring));
}

/* ---- ranks ------------------------------------------------------------- */

static int by_lower_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

static int by_rank(const void *a, const void *b)
{
    const LbModel *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->model, y->model);
}

/* Rows in rank order, ties by name: the source's ranks when every row has
 * one, else ranks from the ratings. */
static void rank_board(Leaderboard *lb, int recompute)
{
    if (recompute)
        leaderboard_sort_by_rating(lb);
    else
        qsort(lb->models, lb->n_models, sizeof *lb->models, by_rank);
    size_t n = lb->n_models, k = 0;
    double *lower = xmalloc((n + 1) * sizeof *lower);
    for (size_t i = 0; i < n; i++) {
        LbModel *m = &lb->models[i];
        if (recompute)
            m->rank = i > 0 && m->rating == lb->models[i - 1].rating
                          ? lb->models[i - 1].rank
                          : (int)i + 1;
        if (!isnan(m->ci_lower))
            lower[k++] = m->ci_lower;
    }
    qsort(lower, k, sizeof *lower, by_lower_desc);
    for (size_t i = 0; i < n; i++) {
        LbModel *m = &lb->models[i];
        if (isnan(m->ci_upper))
            continue;
        size_t lo = 0, hi = k;
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

/* ---- the adapter ------------------------------------------------------- */

static void set_category(Leaderboard *lb, const cJSON *filter)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(filter, "category");
    if (cJSON_IsString(c) && lb_category_is_valid(c->valuestring))
        lb->category = xstrdup(c->valuestring);
}

static int read_rows(Reader *r, const cJSON *rows, const SourceOptions *o,
                     Leaderboard *lb)
{
    if (!rows->child)
        return row_fail(r, -1, "the split has no rows");
    const cJSON *first = cJSON_GetObjectItemCaseSensitive(rows->child, "row");
    if (set_mapping(r, o, first) != 0)
        return -1;
    for (const cJSON *e = rows->child; e; e = e->next)
        if (read_row(r, e, lb) != 0)
            return -1;
    if (lb->n_models == 0) {
        char *f = cJSON_PrintUnformatted(r->filter);
        int rc = row_fail(r, -1, "no row matches options.filter %s", f);
        free(f);
        return rc;
    }
    return 0;
}

Leaderboard *adapter_hf_rows(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err)
{
    const SourceOptions *o = opt->source;
    Reader r;
    memset(&r, 0, sizeof r);
    r.name = opt->source_name;
    r.err = err;
    r.filter = o ? o->filter : NULL;
    cJSON *doc = json_parse_text(r.name, bytes, len, err);
    if (!doc)
        return NULL;
    const cJSON *rows = NULL;
    Leaderboard *lb = NULL;
    if (check_shape(&r, doc, &rows) == 0) {
        lb = leaderboard_new(opt->id, LB_KIND_ARENA);
        if (read_rows(&r, rows, o, lb) == 0) {
            rank_board(lb, r.any_rank_missing);
            set_category(lb, r.filter);
            lb->updated_at = r.newest;
            r.newest = NULL;
        } else {
            leaderboard_free(lb);
            lb = NULL;
        }
    }
    free(r.newest);
    nameset_free(&r.seen);
    cJSON_Delete(doc);
    return lb;
}
