/* adapter_catalog — a model-metadata table (as in seed 004's candidate
 * models: name, maintainer, size, license, context length, Hugging Face
 * likes and downloads) → a catalog board; catalog.h joins it onto boards. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "buf.h"
#include "mem.h"
#include "nameset.h"
#include "table.h"
#include "text.h"

static const char *const model_names[] = {
    "model", "model name", "name", "model id", "repo", "模型", "模型名称",
    NULL};
static const char *const org_names[] = {
    "organization", "organisation", "maintainer", "author", "org",
    "company", "机构", "组织", "组织/公司", NULL};
static const char *const license_names[] = {"license", "许可证", NULL};
static const char *const params_names[] = {
    "size", "params", "parameters", "#params", "参数量", NULL};
static const char *const context_names[] = {
    "context len", "context length", "context", "context window", "ctx",
    "上下文长度", NULL};
static const char *const likes_names[] = {"likes", "hf likes", NULL};
static const char *const downloads_names[] = {"downloads", "hf downloads",
                                              NULL};
static const char *const url_names[] = {"url", "link", "链接", NULL};

/* "128K" → 131072, "1M" → 1048576, "8192" → 8192 (K = 1024, the way the
 * table's source abbreviates max_position_embeddings). -1 if not one. */
static long long parse_context(const char *cell)
{
    char *s = text_squeeze(cell);
    const char *end = NULL;
    double v;
    long long out = -1;
    if (parse_leading_number(s, &v, &end) && v > 0) {
        double scale = 1;
        if (*end == 'k' || *end == 'K')
            scale = 1024, end++;
        else if (*end == 'm' || *end == 'M')
            scale = 1048576, end++;
        if (*end == '\0' && v * scale < 9e15)
            out = (long long)llround(v * scale);
    }
    free(s);
    return out;
}

typedef struct {
    int model, org, license, params, context, likes, downloads, url;
} CatalogColumns;

static int find_columns(const Table *t, const AdapterOptions *opt,
                        CatalogColumns *c, LbError *err)
{
    if (opt->model_column) {
        const char *one[] = {opt->model_column, NULL};
        c->model = table_find_column(t, one);
    } else {
        c->model = table_find_column(t, model_names);
    }
    if (c->model < 0)
        return table_fail(t, NULL, -1, err,
                          "no model column (\"Model Name\", \"Model\", ...)");
    if (opt->organization_column) {
        const char *one[] = {opt->organization_column, NULL};
        c->org = table_find_column(t, one);
    } else {
        c->org = table_find_column(t, org_names);
    }
    c->license = table_find_column(t, license_names);
    c->params = table_find_column(t, params_names);
    c->context = table_find_column(t, context_names);
    c->likes = table_find_column(t, likes_names);
    c->downloads = table_find_column(t, downloads_names);
    c->url = table_find_column(t, url_names);
    return 0;
}

static int read_counter(const Table *t, const TableRow *row, int col,
                        long long *out, LbError *err)
{
    if (col < 0 || table_cell_is_blank(row->cells[col]))
        return 0;
    *out = parse_count(row->cells[col]);
    if (*out < 0)
        return table_fail(t, row, col, err, "\"%s\" is not a count",
                          row->cells[col]);
    return 0;
}

static char *cell_text(const TableRow *row, int col)
{
    if (col < 0 || table_cell_is_blank(row->cells[col]))
        return NULL;
    return text_squeeze(row->cells[col]);
}

static int read_entry(const Table *t, const TableRow *row,
                      const CatalogColumns *c, Leaderboard *lb, NameSet *seen,
                      LbError *err)
{
    char *name = text_squeeze(row->cells[c->model]);
    if (!*name) {
        free(name);
        return table_fail(t, row, c->model, err, "no model name");
    }
    /* Keyed "maintainer/name" like a Hugging Face repo: the same model is
     * often re-uploaded by others (seed 004 lists "Llama 3.2 1B Instruct"
     * by meta-llama and by unsloth). The join drops the prefix again and
     * takes the first row of equal ids. */
    char *org = cell_text(row, c->org);
    if (org && !strchr(name, '/')) {
        Buf keyed = BUF_INIT;
        buf_printf(&keyed, "%s/%s", org, name);
        free(name);
        name = buf_detach(&keyed);
    }
    free(org);
    size_t first;
    if (nameset_add(seen, name, lb->n_models, &first)) {
        table_fail(t, row, c->model, err,
                   "model \"%s\" appears twice (rows %zu and %zu)", name,
                   first + 1, row->record);
        free(name);
        return -1;
    }
    LbModel *m = leaderboard_add_model(lb, name);
    free(name);
    m->organization = cell_text(row, c->org);
    m->license = cell_text(row, c->license);
    m->params = cell_text(row, c->params);
    char *url = cell_text(row, c->url);
    if (url && !lb_url_is_http(url)) {
        free(url);
        return table_fail(t, row, c->url, err,
                          "not an absolute http(s) URL");
    }
    m->url = url;
    if (c->context >= 0 && !table_cell_is_blank(row->cells[c->context])
        && (m->context = parse_context(row->cells[c->context])) < 0)
        return table_fail(t, row, c->context, err,
                          "\"%s\" is not a context length (like 128K)",
                          row->cells[c->context]);
    if (read_counter(t, row, c->likes, &m->hf_likes, err)
        || read_counter(t, row, c->downloads, &m->hf_downloads, err))
        return -1;
    /* The rest (VRAM, languages, architectures...) travels as extra. */
    const int known[] = {c->model, c->org, c->license, c->params, c->context,
                         c->likes, c->downloads, c->url};
    for (size_t i = 0; i < t->ncols; i++) {
        int is_known = 0;
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            is_known |= known[k] == (int)i;
        char *text = is_known || !t->headers[i][0] ? NULL
                                                   : cell_text(row, (int)i);
        if (text)
            lb_model_add_extra(m, t->headers[i], text);
        free(text);
    }
    return 0;
}

Leaderboard *adapter_catalog(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err)
{
    Table t;
    if (table_parse(&t, opt->source_name, bytes, len, opt->format,
                    opt->max_rows, err) != 0)
        return NULL;
    CatalogColumns c = {-1, -1, -1, -1, -1, -1, -1, -1};
    Leaderboard *lb = NULL;
    if (find_columns(&t, opt, &c, err) != 0)
        goto done;
    if (t.nrows == 0) {
        table_fail(&t, NULL, -1, err, "the table has no rows");
        goto done;
    }
    lb = leaderboard_new(opt->id, LB_KIND_BENCHMARK);
    lb->source.method = xstrdup("catalog");
    NameSet seen = NAMESET_INIT;
    for (size_t r = 0; r < t.nrows; r++) {
        if (read_entry(&t, &t.rows[r], &c, lb, &seen, err) != 0) {
            leaderboard_free(lb);
            lb = NULL;
            break;
        }
    }
    nameset_free(&seen);
done:
    table_free(&t);
    return lb;
}
