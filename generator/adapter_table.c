/* adapter_table — a benchmark table (CSV, GFM Markdown, JSON array) → a
 * `benchmark` Leaderboard: one row per model, numeric domain columns as
 * scores, a total as the rating (the source's, checked against the scores,
 * or their weighted mean), competition ranks (1, 2, 2, 4). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adapter.h"
#include "buf.h"
#include "mem.h"
#include "nameset.h"
#include "table.h"

static const char *const model_names[] = {
    "model", "model name", "name", "模型", "大模型", "模型名称", "名称", NULL};
static const char *const org_names[] = {
    "organization", "organisation", "org", "maintainer", "company", "vendor",
    "机构", "组织", "组织/公司", "公司", "厂商", "开发者", NULL};
static const char *const total_names[] = {
    "total", "total score", "overall", "average", "avg", "总分", "综合",
    "综合得分", "平均分", "总成绩", NULL};
static const char *const rank_names[] = {"rank", "排名", "名次", "#", NULL};
static const char *const license_names[] = {"license", "许可证", "协议",
                                            NULL};
static const char *const url_names[] = {"url", "link", "链接", NULL};
static const char *const params_names[] = {
    "size", "params", "parameters", "#params", "参数", "参数量", NULL};

typedef enum {
    ROLE_IGNORE,
    ROLE_MODEL,
    ROLE_ORG,
    ROLE_TOTAL,
    ROLE_RANK,
    ROLE_LICENSE,
    ROLE_URL,
    ROLE_PARAMS,
    ROLE_SCORE,
    ROLE_EXTRA
} Role;

typedef struct {
    Role *roles;
    double *weights; /* for ROLE_SCORE columns */
    int model;       /* column indexes; total is -1 when absent */
    int total;
} Columns;

/* A configured column name must exist; a detected one may not. */
static int resolve(const Table *t, const char *configured,
                   const char *const *names, const char *what, int required,
                   int *col, LbError *err)
{
    if (configured) {
        const char *one[] = {configured, NULL};
        *col = table_find_column(t, one);
        if (*col < 0)
            return table_fail(t, NULL, -1, err, "no %s column named \"%s\"",
                              what, configured);
        return 0;
    }
    *col = table_find_column(t, names);
    if (*col < 0 && required) {
        Buf list = BUF_INIT;
        for (const char *const *n = names; *n; n++)
            buf_printf(&list, "%s%s", n == names ? "" : ", ", *n);
        table_fail(t, NULL, -1, err, "no %s column (looked for: %s)", what,
                   list.data);
        buf_free(&list);
        return -1;
    }
    return 0;
}

static int column_is_numeric(const Table *t, size_t col)
{
    int values = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *cell = t->rows[r].cells[col];
        double v;
        if (table_cell_is_blank(cell))
            continue;
        if (!table_cell_number(cell, &v, NULL))
            return 0;
        values++;
    }
    return values > 0;
}

static int column_is_empty(const Table *t, size_t col, size_t *row)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].cells[col][0] != '\0') {
            *row = r;
            return 0;
        }
    }
    return 1;
}

static int assign_roles(const Table *t, const AdapterOptions *opt,
                        Columns *c, LbError *err)
{
    int model, org, total, rank, license, url, params;
    if (resolve(t, opt->model_column, model_names, "model", 1, &model, err)
        || resolve(t, opt->organization_column, org_names, "organization", 0,
                   &org, err)
        || resolve(t, opt->total_column, total_names, "total", 0, &total,
                   err))
        return -1;
    rank = table_find_column(t, rank_names);
    license = table_find_column(t, license_names);
    url = table_find_column(t, url_names);
    params = table_find_column(t, params_names);
    c->roles = xcalloc(t->ncols, sizeof *c->roles);
    c->weights = xcalloc(t->ncols, sizeof *c->weights);
    for (size_t i = 0; i < t->ncols; i++)
        c->roles[i] = ROLE_EXTRA;
    /* Later assignments win, so the explicit roles come last. */
    if (params >= 0)
        c->roles[params] = ROLE_PARAMS;
    if (url >= 0)
        c->roles[url] = ROLE_URL;
    if (license >= 0)
        c->roles[license] = ROLE_LICENSE;
    if (rank >= 0)
        c->roles[rank] = ROLE_RANK;
    if (total >= 0)
        c->roles[total] = ROLE_TOTAL;
    if (org >= 0)
        c->roles[org] = ROLE_ORG;
    c->roles[model] = ROLE_MODEL;
    c->model = model;
    c->total = total;

    if (opt->score_columns) {
        for (size_t k = 0; k < opt->n_score_columns; k++) {
            const char *one[] = {opt->score_columns[k], NULL};
            int col = table_find_column(t, one);
            if (col < 0)
                return table_fail(t, NULL, -1, err,
                                  "no score column named \"%s\"",
                                  opt->score_columns[k]);
            if (col == model || col == total)
                return table_fail(t, NULL, -1, err,
                                  "\"%s\" is the %s column, not a score",
                                  opt->score_columns[k],
                                  col == model ? "model" : "total");
            c->roles[col] = ROLE_SCORE;
            c->weights[col] = opt->weights ? opt->weights[k] : 1.0;
        }
    } else {
        for (size_t i = 0; i < t->ncols; i++) {
            if (c->roles[i] == ROLE_EXTRA && t->headers[i][0]
                && column_is_numeric(t, i)) {
                c->roles[i] = ROLE_SCORE;
                c->weights[i] = 1.0;
            }
        }
    }
    /* Columns without a header (002's empty separator column) must be
     * empty: a value there has no name to go under. */
    for (size_t i = 0; i < t->ncols; i++) {
        size_t r;
        if (t->headers[i][0] != '\0')
            continue;
        if (!column_is_empty(t, i, &r))
            return table_fail(t, &t->rows[r], (int)i, err,
                              "a value in column %zu, which has no header",
                              i + 1);
        c->roles[i] = ROLE_IGNORE;
    }
    return 0;
}

/* Strips a trailing "(new)" marker (ASCII or full-width parentheses). */
static int strip_new_marker(char *name)
{
    static const char *const markers[] = {"(new)", "（new）", NULL};
    size_t n = strlen(name);
    for (const char *const *m = markers; *m; m++) {
        size_t k = strlen(*m);
        if (n >= k && strcasecmp(name + n - k, *m) == 0) {
            n -= k;
            while (n > 0 && name[n - 1] == ' ')
                n--;
            name[n] = '\0';
            return 1;
        }
    }
    return 0;
}

static int read_score(const Table *t, const TableRow *row, size_t col,
                      double *value, int *decimals, LbError *err)
{
    const char *cell = row->cells[col];
    *value = NAN;
    if (table_cell_is_blank(cell))
        return 0;
    if (!table_cell_number(cell, value, decimals))
        return table_fail(t, row, (int)col, err,
                          "\"%s\" is not a number (column \"%s\")", cell,
                          t->headers[col]);
    return 0;
}

/* The weighted mean of the row's present scores; NAN when none is. */
static double scores_mean(const LbModel *m, const Table *t, const Columns *c)
{
    double sum = 0, weight = 0;
    size_t k = 0;
    for (size_t i = 0; i < t->ncols; i++) {
        if (c->roles[i] != ROLE_SCORE)
            continue;
        for (k = 0; k < m->n_scores; k++) {
            if (strcmp(m->scores[k].name, t->headers[i]) == 0) {
                sum += m->scores[k].value * c->weights[i];
                weight += c->weights[i];
            }
        }
    }
    return weight > 0 ? sum / weight : NAN;
}

static int check_total(const Table *t, const TableRow *row, int col,
                       LbModel *m, double given, int given_decimals,
                       int score_decimals, const Columns *c,
                       const AdapterOptions *opt, LbError *err)
{
    double mean = scores_mean(m, t, c);
    if (opt->trust_total || isnan(mean))
        return 0;
    /* Both the total and the scores were rounded for display. */
    double tolerance = 0.5 * pow(10, -given_decimals)
                       + 0.5 * pow(10, -score_decimals) + 1e-9;
    if (fabs(given - mean) <= tolerance)
        return 0;
    return table_fail(t, row, col, err,
                      "row %zu (%s): total %g disagrees with the %s mean of "
                      "its scores (%.2f); configure the weights, or trust "
                      "the source's totals", row->record, m->model, given,
                      opt->weights ? "weighted" : "plain", mean);
}

static int read_row(const Table *t, const TableRow *row, const Columns *c,
                    const AdapterOptions *opt, Leaderboard *lb, NameSet *seen,
                    LbError *err)
{
    int model_col = c->model, total_col = c->total;
    char *name = text_squeeze(row->cells[model_col]);
    int is_new = strip_new_marker(name);
    if (!*name) {
        free(name);
        return table_fail(t, row, model_col, err, "row %zu has no model name",
                          row->record);
    }
    size_t k;
    if (nameset_add(seen, name, lb->n_models, &k)) {
        table_fail(t, row, model_col, err,
                   "model \"%s\" appears twice (rows %zu and %zu)", name,
                   k + 1, row->record);
        free(name);
        return -1;
    }
    LbModel *m = leaderboard_add_model(lb, name);
    free(name);
    if (is_new)
        m->is_new = 1;

    int score_decimals = 0;
    for (size_t i = 0; i < t->ncols; i++) {
        const char *cell = row->cells[i];
        double v;
        int d = 0;
        switch (c->roles[i]) {
        case ROLE_SCORE:
            if (read_score(t, row, i, &v, &d, err) != 0)
                return -1;
            if (!isnan(v)) {
                lb_model_add_score(m, t->headers[i], v);
                score_decimals = d > score_decimals ? d : score_decimals;
            }
            break;
        case ROLE_ORG:
        case ROLE_LICENSE:
        case ROLE_PARAMS:
        case ROLE_EXTRA:
            if (table_cell_is_blank(cell))
                break;
            if (c->roles[i] == ROLE_ORG)
                m->organization = text_squeeze(cell);
            else if (c->roles[i] == ROLE_LICENSE)
                m->license = text_squeeze(cell);
            else if (c->roles[i] == ROLE_PARAMS)
                m->params = text_squeeze(cell);
            else {
                char *text = text_squeeze(cell);
                lb_model_add_extra(m, t->headers[i], text);
                free(text);
            }
            break;
        case ROLE_URL:
            if (!table_cell_is_blank(cell)) {
                char *url = text_squeeze(cell);
                if (!lb_url_is_http(url)) {
                    free(url);
                    return table_fail(t, row, (int)i, err,
                                      "not an absolute http(s) URL");
                }
                m->url = url;
            }
            break;
        default:
            break;
        }
    }

    double given = NAN;
    int given_decimals = 0;
    if (total_col >= 0 && read_score(t, row, (size_t)total_col, &given,
                                     &given_decimals, err) != 0)
        return -1;
    if (isnan(given)) {
        m->rating = scores_mean(m, t, c);
        return 0;
    }
    m->rating = given;
    return check_total(t, row, total_col, m, given, given_decimals,
                       score_decimals, c, opt, err);
}

/* Competition ranks over the sorted board: equal totals share a rank and
 * the next rank skips (1, 2, 2, 4). Models without a total get none. */
static void competition_ranks(Leaderboard *lb)
{
    for (size_t i = 0; i < lb->n_models; i++) {
        LbModel *m = &lb->models[i];
        if (isnan(m->rating))
            continue;
        if (i > 0 && fabs(lb->models[i - 1].rating - m->rating) < 1e-9)
            m->rank = lb->models[i - 1].rank;
        else
            m->rank = (int)i + 1;
    }
}

Leaderboard *adapter_table(const char *bytes, size_t len,
                           const AdapterOptions *opt, LbError *err)
{
    Table t;
    if (table_parse(&t, opt->source_name, bytes, len, opt->format,
                    opt->max_rows, err) != 0)
        return NULL;
    Columns c = {NULL, NULL, -1, -1};
    Leaderboard *lb = NULL;
    if (assign_roles(&t, opt, &c, err) != 0)
        goto done;
    if (t.nrows == 0) {
        table_fail(&t, NULL, -1, err, "the table has no rows");
        goto done;
    }
    lb = leaderboard_new(opt->id, LB_KIND_BENCHMARK);
    lb->source.method = xstrdup("benchmark");
    NameSet seen = NAMESET_INIT;
    for (size_t r = 0; r < t.nrows; r++) {
        if (read_row(&t, &t.rows[r], &c, opt, lb, &seen, err) != 0) {
            leaderboard_free(lb);
            lb = NULL;
            break;
        }
    }
    nameset_free(&seen);
    if (!lb)
        goto done;
    leaderboard_sort_by_rating(lb);
    competition_ranks(lb);
done:
    free(c.roles);
    free(c.weights);
    table_free(&t);
    return lb;
}
