/* adapter_table — a benchmark table (CSV, GFM Markdown, JSON array) → a
 * `benchmark` Leaderboard, one row per model.
 *
 * What ranks the board, in order:
 *   - --scores C[=W],...: those columns are the scores; the rating is the
 *     total column when there is one (checked against the scores' weighted
 *     mean unless trust_total), else that mean;
 *   - a total column (total, overall, 总分, ...): the rating; the other
 *     numeric columns are the scores it is checked against;
 *   - a score column (score, arena_score, Arena Score, rating, elo, 分数,
 *     得分, 评分, ...): the rating; other numeric columns are kept as text
 *     (a vote count must never rank a board);
 *   - none of these: refused, with a message that says to pass --scores.
 * A rank column (rank, 排名, #, Rank (UB)) is the source's own ranking and
 * is kept: rows come in its order. Without one, ranks are competition
 * ranks over the rating (1, 2, 2, 4).
 *
 * A model listed twice with identical cells (the rank aside) is kept once
 * with a warning naming it; two rows that disagree are refused. In
 * Markdown tables a cell `[name](url)` is the name and its link (http(s)
 * only), and `name [<sup>1</sup>](url)` too; a date on an "updated" line
 * of the page becomes updated_at. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "adapter.h"
#include "buf.h"
#include "format.h"
#include "mem.h"
#include "nameset.h"
#include "table.h"
#include "text.h"

static const char *const model_names[] = {
    "model", "model name", "name", "模型", "大模型", "模型名称", "名称", NULL};
static const char *const org_names[] = {
    "organization", "organisation", "org", "maintainer", "company", "vendor",
    "机构", "组织", "组织/公司", "公司", "厂商", "开发者", NULL};
static const char *const total_names[] = {
    "total", "total score", "overall", "average", "avg", "总分", "综合",
    "综合得分", "平均分", "总成绩", NULL};
static const char *const score_names[] = {
    "score", "arena_score", "arena score", "rating", "elo", "elo rating",
    "elo score", "分数", "得分", "评分", "积分", "竞技场分数", "elo 评分",
    "elo评分", NULL};
static const char *const rank_names[] = {
    "rank", "rank (ub)", "rank* (ub)", "rank(ub)", "ranking", "排名", "名次",
    "#", NULL};
static const char *const ci_names[] = {"95% ci", "ci", "95% ci (±)",
                                       "置信区间", "95% 置信区间", NULL};
static const char *const votes_names[] = {"votes", "vote count", "票数",
                                          "投票数", NULL};
static const char *const license_names[] = {"license", "许可证", "协议",
                                            NULL};
static const char *const url_names[] = {"url", "link", "链接", NULL};
static const char *const params_names[] = {
    "size", "params", "parameters", "#params", "参数", "参数量", NULL};

typedef enum {
    ROLE_IGNORE,
    ROLE_MODEL,
    ROLE_ORG,
    ROLE_TOTAL,  /* the rating, checked against the scores */
    ROLE_RATING, /* the rating, on its own */
    ROLE_RANK,
    ROLE_VOTES,
    ROLE_CI,     /* the rating's interval: "+5/-5", "±5" */
    ROLE_LICENSE,
    ROLE_URL,
    ROLE_PARAMS,
    ROLE_SCORE,
    ROLE_EXTRA
} Role;

typedef struct {
    Role *roles;
    double *weights; /* for ROLE_SCORE columns */
    int model;       /* column indexes; -1 when absent */
    int total;       /* ROLE_TOTAL or ROLE_RATING */
    int rank;
} Columns;

static void name_list(Buf *b, const char *const *names)
{
    for (const char *const *n = names; *n; n++)
        buf_printf(b, "%s%s", b->len ? ", " : "", *n);
}

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
        name_list(&list, names);
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

static int no_score_column(const Table *t, LbError *err)
{
    Buf list = BUF_INIT;
    name_list(&list, score_names);
    name_list(&list, total_names);
    table_fail(t, NULL, -1, err, "no score column to rank by (looked for: "
               "%s); pass --scores C[=W],... to name the columns whose "
               "(weighted) mean ranks the models", list.data);
    buf_free(&list);
    return -1;
}

static int configured_scores(const Table *t, const AdapterOptions *opt,
                             Columns *c, LbError *err)
{
    for (size_t k = 0; k < opt->n_score_columns; k++) {
        const char *one[] = {opt->score_columns[k], NULL};
        int col = table_find_column(t, one);
        if (col < 0)
            return table_fail(t, NULL, -1, err,
                              "no score column named \"%s\"",
                              opt->score_columns[k]);
        if (col == c->model || col == c->total)
            return table_fail(t, NULL, -1, err,
                              "\"%s\" is the %s column, not a score",
                              opt->score_columns[k],
                              col == c->model ? "model" : "total");
        c->roles[col] = ROLE_SCORE;
        c->weights[col] = opt->weights ? opt->weights[k] : 1.0;
    }
    return 0;
}

static int assign_roles(const Table *t, const AdapterOptions *opt,
                        Columns *c, LbError *err)
{
    int model, org, total, rating = -1, rank, votes, ci, license, url, params;
    if (resolve(t, opt->model_column, model_names, "model", 1, &model, err)
        || resolve(t, opt->organization_column, org_names, "organization", 0,
                   &org, err)
        || resolve(t, opt->total_column, total_names, "total", 0, &total,
                   err))
        return -1;
    if (total < 0 && !opt->score_columns)
        rating = table_find_column(t, score_names);
    if (total < 0 && rating < 0 && !opt->score_columns)
        return no_score_column(t, err);
    rank = table_find_column(t, rank_names);
    votes = table_find_column(t, votes_names);
    ci = table_find_column(t, ci_names);
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
    if (votes >= 0)
        c->roles[votes] = ROLE_VOTES;
    if (ci >= 0)
        c->roles[ci] = ROLE_CI;
    if (rank >= 0)
        c->roles[rank] = ROLE_RANK;
    if (rating >= 0)
        c->roles[rating] = ROLE_RATING;
    if (total >= 0)
        c->roles[total] = ROLE_TOTAL;
    if (org >= 0)
        c->roles[org] = ROLE_ORG;
    c->roles[model] = ROLE_MODEL;
    c->model = model;
    c->total = total >= 0 ? total : rating;
    c->rank = c->roles[rank >= 0 ? rank : model] == ROLE_RANK ? rank : -1;

    if (opt->score_columns) {
        if (configured_scores(t, opt, c, err) != 0)
            return -1;
    } else if (total >= 0) {
        /* The total is checked against the other numeric columns. */
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

/* ---- Markdown links in cells ------------------------------------------- */

typedef struct {
    size_t start, end;             /* the whole [label](target) */
    size_t label, label_end;       /* inside the brackets */
    size_t target, target_end;     /* inside the parentheses */
} MdLink;

/* The links of one cell, found in linear time: every '[' and '(' is
 * matched with its ']' and ')' once (backslash escapes skipped), so a cell
 * of a million '[' costs a million steps, not 10^12. Cells longer than
 * MD_LINK_MAX_CELL hold no links (a name or URL that long is refused
 * anyway). */
enum { MD_LINK_MAX_CELL = 8192 };

typedef struct {
    const char *s;
    size_t n;
    int *bracket; /* for each '[', its ']' (or -1) */
    int *paren;   /* for each '(', its ')' (or -1) */
} MdScan;

static void match_pairs(const char *s, size_t n, char open, char close,
                        int *match)
{
    int *stack = xmalloc((n ? n : 1) * sizeof *stack);
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        match[i] = -1;
        if (s[i] == '\\' && i + 1 < n) {
            match[++i] = -1;
        } else if (s[i] == open) {
            stack[depth++] = (int)i;
        } else if (s[i] == close && depth) {
            match[stack[--depth]] = (int)i;
        }
    }
    free(stack);
}

static void md_scan_init(MdScan *m, const char *s)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->n = strlen(s);
    if (m->n > MD_LINK_MAX_CELL || !strstr(s, "](")) {
        m->n = 0; /* no links */
        return;
    }
    m->bracket = xmalloc(m->n * sizeof *m->bracket);
    m->paren = xmalloc(m->n * sizeof *m->paren);
    match_pairs(s, m->n, '[', ']', m->bracket);
    match_pairs(s, m->n, '(', ')', m->paren);
}

static void md_scan_free(MdScan *m)
{
    free(m->bracket);
    free(m->paren);
}

/* The first `[label](target)` at or after `from`; 0 when there is none. */
static int md_next_link(const MdScan *m, size_t from, MdLink *l)
{
    for (size_t i = from; i < m->n; i++) {
        if (m->s[i] != '[' || m->bracket[i] < 0)
            continue;
        size_t j = (size_t)m->bracket[i]; /* the ']' */
        if (j + 1 >= m->n || m->s[j + 1] != '(' || m->paren[j + 1] < 0)
            continue;
        size_t k = (size_t)m->paren[j + 1]; /* the ')' */
        *l = (MdLink){i, k + 1, i + 1, j, j + 2, k};
        return 1;
    }
    return 0;
}

/* The text of `s` with HTML tags (<sup>, </sup>, ...) removed, squeezed. */
static char *strip_tags(const char *s, size_t n)
{
    Buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *close;
        if (s[i] == '<' && i + 1 < n
            && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')
            && (close = memchr(s + i, '>', n - i)) != NULL) {
            i = (size_t)(close - s);
            continue;
        }
        buf_putc(&b, s[i]);
    }
    char *text = text_squeeze(b.data ? b.data : "");
    buf_free(&b);
    return text;
}

/* A footnote-style link label: "1", "<sup>1</sup>", "↗", "link". */
static int is_stub_label(const char *label)
{
    static const char *const stubs[] = {"", "↗", "🔗", "link", "链接", NULL};
    int digits = *label != '\0';
    for (const char *p = label; *p && digits; p++)
        digits = isdigit((unsigned char)*p);
    for (const char *const *s = stubs; *s && !digits; s++)
        if (strcasecmp(label, *s) == 0)
            return 1;
    return digits;
}

/* A link target: `<url>` unwrapped, a title ("url "title"") dropped. */
static char *link_target(const char *s, const MdLink *l)
{
    size_t a = l->target, b = l->target_end;
    while (a < b && s[a] == ' ')
        a++;
    if (a < b && s[a] == '<') {
        const char *gt = memchr(s + a, '>', b - a);
        if (gt)
            return xstrndup(s + a + 1, (size_t)(gt - s - a - 1));
    }
    size_t e = a;
    while (e < b && s[e] != ' ')
        e++;
    return xstrndup(s + a, e - a);
}

/* `cell` with every link replaced by its label (tags kept). */
static char *links_as_labels(const char *cell)
{
    Buf b = BUF_INIT;
    MdLink l;
    MdScan scan;
    md_scan_init(&scan, cell);
    size_t from = 0;
    while (md_next_link(&scan, from, &l)) {
        buf_append(&b, cell + from, l.start - from);
        buf_append(&b, cell + l.label, l.label_end - l.label);
        from = l.end;
    }
    md_scan_free(&scan);
    buf_puts(&b, cell + from);
    char *text = text_squeeze(b.data ? b.data : "");
    buf_free(&b);
    return text;
}

/* A Markdown model cell → its name and the first link's target (NULL when
 * it has none). `name [<sup>1</sup>](url)` is `name`; `[name](url)` is
 * `name`; other links are read as their labels. */
static char *md_model_cell(const char *cell, char **url)
{
    MdLink l;
    MdScan scan;
    *url = NULL;
    md_scan_init(&scan, cell);
    int found = md_next_link(&scan, 0, &l);
    md_scan_free(&scan);
    if (!found)
        return text_squeeze(cell);
    *url = link_target(cell, &l);
    char *label = strip_tags(cell + l.label, l.label_end - l.label);
    int stub = is_stub_label(label);
    free(label);
    if (stub) { /* the link is a footnote: drop it, keep the rest */
        Buf rest = BUF_INIT;
        buf_append(&rest, cell, l.start);
        buf_puts(&rest, cell + l.end);
        char *name = links_as_labels(rest.data ? rest.data : "");
        buf_free(&rest);
        if (*name)
            return name;
        free(name);
    }
    return links_as_labels(cell);
}

/* ---- reading rows ------------------------------------------------------ */

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
    char problem[200];
    if (lb_range_check("scores", LB_KIND_BENCHMARK, *value, problem,
                       sizeof problem) != 0)
        return table_fail(t, row, (int)col, err, "%s (column \"%s\")",
                          problem, t->headers[col]);
    return 0;
}

/* An interval after a score: "±5", "(±5)", "+20/-20", "(+6/-4)". */
static int read_interval(const char **p, double *plus, double *minus)
{
    const char *s = *p, *end;
    int paren = *s == '(';
    s += paren;
    while (*s == ' ')
        s++;
    if (strncmp(s, "±", 2) == 0 || strncmp(s, "+/-", 3) == 0) {
        s += s[0] == '+' ? 3 : 2;
        if (!parse_leading_number(s, plus, &end) || *plus < 0)
            return 0;
        *minus = *plus;
    } else if (*s == '+') {
        if (!parse_leading_number(s + 1, plus, &end) || *end != '/'
            || end[1] != '-' || !parse_leading_number(end + 2, minus, &end)
            || *plus < 0 || *minus < 0)
            return 0;
    } else {
        return 0;
    }
    while (*end == ' ')
        end++;
    if (paren && *end++ != ')')
        return 0;
    *p = end;
    return 1;
}

/* The rating cell of a score column: a number, or a number with its
 * interval and a "Preliminary" badge as arena pages print it
 * ("1490 (±8) Preliminary"). */
static int read_rating(const Table *t, const TableRow *row, size_t col,
                       LbModel *m, int *decimals, LbError *err)
{
    const char *cell = row->cells[col];
    if (table_cell_is_blank(cell))
        return 0;
    double v, plus, minus;
    if (table_cell_number(cell, &v, decimals)) {
        m->rating = v;
    } else {
        char *s = text_squeeze(cell);
        const char *p = s;
        int ok = parse_leading_number(p, &v, &p);
        while (ok && *p == ' ')
            p++;
        int has_ci = ok && read_interval(&p, &plus, &minus);
        while (*p == ' ')
            p++;
        int preliminary = ok && strcasecmp(p, "preliminary") == 0;
        ok = ok && (*p == '\0' || preliminary);
        free(s);
        if (!ok)
            return table_fail(t, row, (int)col, err, "\"%s\" is not a number "
                              "(column \"%s\")", cell, t->headers[col]);
        m->rating = v;
        if (has_ci) {
            m->ci_lower = v - minus;
            m->ci_upper = v + plus;
        }
        if (preliminary)
            m->preliminary = 1;
    }
    char problem[200];
    if (lb_range_check("scores", LB_KIND_BENCHMARK, m->rating, problem,
                       sizeof problem) != 0)
        return table_fail(t, row, (int)col, err, "%s (column \"%s\")",
                          problem, t->headers[col]);
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

static int read_rank(const Table *t, const TableRow *row, size_t col,
                     LbModel *m, LbError *err)
{
    const char *cell = row->cells[col];
    if (table_cell_is_blank(cell))
        return 0;
    long long rank = parse_count(cell);
    if (rank < 1 || rank > LB_MAX_ROWS_LIMIT)
        return table_fail(t, row, (int)col, err, "\"%s\" is not a rank "
                          "(column \"%s\")", cell, t->headers[col]);
    m->rank = (int)rank;
    return 0;
}

static int read_votes(const Table *t, const TableRow *row, size_t col,
                      LbModel *m, LbError *err)
{
    const char *cell = row->cells[col];
    if (table_cell_is_blank(cell))
        return 0;
    long long votes = parse_count(cell);
    char problem[200];
    if (votes < 0)
        return table_fail(t, row, (int)col, err, "\"%s\" is not a vote "
                          "count (column \"%s\")", cell, t->headers[col]);
    if (lb_range_check("votes", LB_KIND_BENCHMARK, (double)votes, problem,
                       sizeof problem) != 0)
        return table_fail(t, row, (int)col, err, "%s (column \"%s\")",
                          problem, t->headers[col]);
    m->votes = votes;
    return 0;
}

/* A cell of text: squeezed; in Markdown, links read as their labels. */
static char *text_cell(const char *cell, int markdown)
{
    return markdown ? links_as_labels(cell) : text_squeeze(cell);
}

static int set_url(const Table *t, const TableRow *row, size_t col,
                   char *url, LbModel *m, LbError *err)
{
    if (!lb_url_is_http(url)) {
        int rc = table_fail(t, row, (int)col, err,
                            "not an absolute http(s) URL");
        free(url);
        return rc;
    }
    free(m->url);
    m->url = url;
    return 0;
}

static int read_cells(const Table *t, const TableRow *row, const Columns *c,
                      const AdapterOptions *opt, int markdown, LbModel *m,
                      LbError *err)
{
    int score_decimals = 0;
    double ci_plus = NAN, ci_minus = NAN;
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
        case ROLE_RANK:
            if (read_rank(t, row, i, m, err) != 0)
                return -1;
            break;
        case ROLE_VOTES:
            if (read_votes(t, row, i, m, err) != 0)
                return -1;
            break;
        case ROLE_CI:
            if (!table_cell_is_blank(cell)) {
                char *s = text_squeeze(cell);
                const char *p = s;
                int ok = read_interval(&p, &ci_plus, &ci_minus) && !*p;
                free(s);
                if (!ok)
                    return table_fail(t, row, (int)i, err, "\"%s\" is not "
                                      "an interval like +5/-4 or ±5 (column "
                                      "\"%s\")", cell, t->headers[i]);
            }
            break;
        case ROLE_ORG:
        case ROLE_LICENSE:
        case ROLE_PARAMS:
        case ROLE_EXTRA: {
            if (table_cell_is_blank(cell))
                break;
            char *text = text_cell(cell, markdown);
            if (c->roles[i] == ROLE_ORG)
                m->organization = text;
            else if (c->roles[i] == ROLE_LICENSE)
                m->license = text;
            else if (c->roles[i] == ROLE_PARAMS)
                m->params = text;
            else {
                lb_model_add_extra(m, t->headers[i], text);
                free(text);
            }
            break;
        }
        case ROLE_URL:
            if (!table_cell_is_blank(cell)) {
                char *url = NULL;
                char *text = markdown ? md_model_cell(cell, &url)
                                      : text_squeeze(cell);
                if (url)
                    free(text);
                if (set_url(t, row, i, url ? url : text, m, err) != 0)
                    return -1;
            }
            break;
        default:
            break;
        }
    }

    int total_col = c->total;
    if (total_col >= 0 && c->roles[total_col] == ROLE_RATING) {
        if (read_rating(t, row, (size_t)total_col, m, &score_decimals, err))
            return -1;
        if (!isnan(ci_plus) && !isnan(m->rating)) {
            m->ci_lower = m->rating - ci_minus;
            m->ci_upper = m->rating + ci_plus;
        }
        return 0;
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

/* 1 when rows `a` and `b` hold the same cells, the rank aside. */
static int same_but_rank(const Table *t, const Columns *c, const TableRow *a,
                         const TableRow *b)
{
    for (size_t i = 0; i < t->ncols; i++) {
        if ((int)i == c->rank)
            continue;
        char *x = text_squeeze(a->cells[i]), *y = text_squeeze(b->cells[i]);
        int same = strcmp(x, y) == 0;
        free(x);
        free(y);
        if (!same)
            return 0;
    }
    return 1;
}

/* "NAME:LINE:COL" or "NAME: row N" for a warning about `row`. */
static void where(const Table *t, const TableRow *row, Buf *out)
{
    if (row->offsets[0] == TABLE_NO_OFFSET) {
        buf_printf(out, "%s: row %zu", t->name, row->record);
        return;
    }
    int line, col;
    text_position(t->text, t->len, row->offsets[0], &line, &col);
    buf_printf(out, "%s:%d:%d", t->name, line, col);
}

static void warn(const AdapterOptions *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(const AdapterOptions *opt, const char *fmt, ...)
{
    if (!opt->warn)
        return;
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    buf_putc(&b, '\n');
    opt->warn(opt->warn_ctx, b.data);
    buf_free(&b);
}

/* `name` as a warning quotes it: at most 200 bytes (cut between UTF-8
 * characters, "..." after), so a long name cannot flood the log. */
static char *quoted_name(const char *name)
{
    size_t n = strlen(name);
    if (n <= 200)
        return xstrdup(name);
    n = 200;
    while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
        n--;
    Buf b = BUF_INIT;
    buf_append(&b, name, n);
    buf_puts(&b, "...");
    return buf_detach(&b);
}

/* Repeated rows get a warning each up to this many, then one summary
 * (a source repeating itself 20,000 times must not flood the log). */
enum { MAX_REPEAT_WARNINGS = 10 };

/* Reads table row `r`; a repeat of an earlier row (the same name) is
 * skipped with a warning when identical but for its rank (counted in
 * *repeats), refused otherwise. */
static int read_row(const Table *t, size_t r, const Columns *c,
                    const AdapterOptions *opt, int markdown, Leaderboard *lb,
                    NameSet *seen, size_t *repeats, LbError *err)
{
    const TableRow *row = &t->rows[r];
    int model_col = c->model;
    char *url = NULL;
    char *name = markdown ? md_model_cell(row->cells[model_col], &url)
                          : text_squeeze(row->cells[model_col]);
    int is_new = strip_new_marker(name);
    int rc = 0;
    size_t first;
    if (!*name) {
        rc = table_fail(t, row, model_col, err, "row %zu has no model name",
                        row->record);
    } else if (nameset_add(seen, name, r, &first)) {
        if (same_but_rank(t, c, &t->rows[first], row)) {
            if (++*repeats <= MAX_REPEAT_WARNINGS) {
                Buf at = BUF_INIT;
                where(t, row, &at);
                char *shown = quoted_name(name);
                warn(opt, "%s: model \"%s\" is listed again (rows %zu and "
                     "%zu), identical but for the rank; kept once", at.data,
                     shown, t->rows[first].record, row->record);
                free(shown);
                buf_free(&at);
            }
        } else {
            rc = table_fail(t, row, model_col, err,
                            "model \"%s\" appears twice (rows %zu and %zu)",
                            name, t->rows[first].record, row->record);
        }
        free(name);
        free(url);
        return rc;
    }
    if (rc != 0) {
        free(name);
        free(url);
        return rc;
    }
    LbModel *m = leaderboard_add_model(lb, name);
    free(name);
    if (is_new)
        m->is_new = 1;
    if (url && set_url(t, row, (size_t)model_col, url, m, err) != 0)
        return -1;
    return read_cells(t, row, c, opt, markdown, m, err);
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

/* The source's ranking: ranked rows by rank, then unranked ones; the
 * rating (then the name) orders rows of one rank. Stable. */
static int by_source_rank(const void *pa, const void *pb)
{
    const LbModel *a = pa, *b = pb;
    if ((a->rank > 0) != (b->rank > 0))
        return a->rank > 0 ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    int ar = !isnan(a->rating), br = !isnan(b->rating);
    if (ar != br)
        return ar ? -1 : 1;
    if (ar && a->rating != b->rating)
        return a->rating > b->rating ? -1 : 1;
    return strcmp(a->model, b->model);
}

Leaderboard *adapter_table(const char *bytes, size_t len,
                           const AdapterOptions *opt, LbError *err)
{
    Table t;
    if (table_parse(&t, opt->source_name, bytes, len, opt->format,
                    opt->max_rows, err) != 0)
        return NULL;
    Columns c = {NULL, NULL, -1, -1, -1};
    Leaderboard *lb = NULL;
    if (assign_roles(&t, opt, &c, err) != 0)
        goto done;
    if (t.nrows == 0) {
        table_fail(&t, NULL, -1, err, "the table has no rows");
        goto done;
    }
    int markdown = t.format == TABLE_FORMAT_MARKDOWN;
    lb = leaderboard_new(opt->id, LB_KIND_BENCHMARK);
    lb->source.method = xstrdup("benchmark");
    NameSet seen = NAMESET_INIT;
    size_t repeats = 0;
    for (size_t r = 0; r < t.nrows; r++) {
        if (read_row(&t, r, &c, opt, markdown, lb, &seen, &repeats, err)) {
            leaderboard_free(lb);
            lb = NULL;
            break;
        }
    }
    nameset_free(&seen);
    if (lb && repeats > MAX_REPEAT_WARNINGS)
        warn(opt, "%s: %zu more rows repeat an earlier one identically but "
             "for the rank; each model kept once", t.name,
             repeats - MAX_REPEAT_WARNINGS);
    if (!lb)
        goto done;
    if (c.rank >= 0) {
        /* qsort is not stable, but no two models share a name, so the
         * order is total. */
        qsort(lb->models, lb->n_models, sizeof *lb->models, by_source_rank);
    } else {
        leaderboard_sort_by_rating(lb);
        competition_ranks(lb);
    }
    int64_t when;
    if (markdown && fmt_find_page_date(bytes, len, &when) == 0)
        lb->updated_at = fmt_iso_utc(when);
done:
    free(c.roles);
    free(c.weights);
    table_free(&t);
    return lb;
}
