#include "table.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"
#include "text.h"
#include "utf8.h"

/* ---- building ---------------------------------------------------------- */

/* A row being assembled: cells and their offsets. */
typedef struct {
    char **cells;
    size_t *offsets;
    size_t n, cap;
} Cells;

static void cells_push(Cells *c, char *cell, size_t offset)
{
    if (c->n == c->cap) {
        c->cap = grow_capacity(c->cap, c->n + 1);
        c->cells = xrealloc(c->cells, c->cap * sizeof *c->cells);
        c->offsets = xrealloc(c->offsets, c->cap * sizeof *c->offsets);
    }
    c->cells[c->n] = cell;
    c->offsets[c->n++] = offset;
}

static void cells_free(Cells *c)
{
    free_strings(c->cells, c->n);
    free(c->offsets);
    memset(c, 0, sizeof *c);
}

static void set_headers(Table *t, Cells *c)
{
    t->headers = c->cells;
    t->header_offsets = c->offsets;
    t->ncols = c->n;
    memset(c, 0, sizeof *c);
}

/* Takes ownership of the cells; pads short rows with empty cells. */
static void add_row(Table *t, Cells *c)
{
    while (c->n < t->ncols)
        cells_push(c, xstrdup(""), TABLE_NO_OFFSET);
    if (t->nrows == t->cap_rows) {
        t->cap_rows = grow_capacity(t->cap_rows, t->nrows + 1);
        t->rows = xrealloc(t->rows, t->cap_rows * sizeof *t->rows);
    }
    TableRow *r = &t->rows[t->nrows++];
    r->cells = c->cells;
    r->offsets = c->offsets;
    r->record = t->nrows;
    memset(c, 0, sizeof *c);
}

/* Fails when one more row of the table's width would pass a limit.
 * `offset` is where that row starts (TABLE_NO_OFFSET: JSON). */
static int check_room(const Table *t, size_t offset, LbError *err)
{
    char what[160];
    if (t->nrows >= t->max_rows)
        snprintf(what, sizeof what, "more than %zu rows (the source row "
                 "limit: --max-rows, live.max_rows)", t->max_rows);
    else if ((t->nrows + 1) * t->ncols > TABLE_MAX_CELLS)
        snprintf(what, sizeof what, "more than %d cells (%zu columns a "
                 "row); refusing the table before it takes too much memory",
                 TABLE_MAX_CELLS, t->ncols);
    else
        return 0;
    if (offset == TABLE_NO_OFFSET)
        return lb_fail(err, LB_EINPUT, "%s: %s", t->name, what);
    return lb_fail_at(err, LB_EINPUT, t->name, t->text, t->len, offset, "%s",
                      what);
}

static int too_many_columns(const Table *t, size_t offset, LbError *err)
{
    if (offset == TABLE_NO_OFFSET)
        return lb_fail(err, LB_EINPUT, "%s: more than %d columns", t->name,
                       TABLE_MAX_COLUMNS);
    return lb_fail_at(err, LB_EINPUT, t->name, t->text, t->len, offset,
                      "more than %d columns", TABLE_MAX_COLUMNS);
}

void table_free(Table *t)
{
    free_strings(t->headers, t->ncols);
    free(t->header_offsets);
    for (size_t r = 0; r < t->nrows; r++) {
        free_strings(t->rows[r].cells, t->ncols);
        free(t->rows[r].offsets);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int table_fail(const Table *t, const TableRow *row, int col, LbError *err,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    size_t offset = TABLE_NO_OFFSET;
    if (row && col >= 0)
        offset = row->offsets[col];
    else if (row)
        offset = row->offsets[0];
    if (offset != TABLE_NO_OFFSET)
        lb_fail_at(err, LB_EINPUT, t->name, t->text, t->len, offset, "%s",
                   msg);
    else if (row && col >= 0)
        lb_fail(err, LB_EINPUT, "%s: row %zu, column \"%s\": %s", t->name,
                row->record, t->headers[col], msg);
    else if (row)
        lb_fail(err, LB_EINPUT, "%s: row %zu: %s", t->name, row->record, msg);
    else
        lb_fail(err, LB_EINPUT, "%s: %s", t->name, msg);
    free(msg);
    return -1;
}

static char *trimmed_copy(const char *s, size_t n, size_t *lead)
{
    size_t a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (lead)
        *lead = a;
    return xstrndup(s + a, n - a);
}

static size_t skip_bom(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* ---- CSV (RFC 4180) ---------------------------------------------------- */

static int parse_csv(Table *t, LbError *err)
{
    const char *s = t->text;
    size_t i = skip_bom(s, t->len), n = t->len;
    Cells row = {0};
    int have_header = 0;
    size_t extra_fields = 0; /* past the header's count: counted only */
    while (i < n) {
        /* One record. Blank lines between records are skipped. */
        if (s[i] == '\n' || s[i] == '\r') {
            i++;
            continue;
        }
        size_t record_start = i;
        if (have_header && check_room(t, record_start, err) != 0) {
            cells_free(&row);
            return -1;
        }
        extra_fields = 0;
        for (;;) {
            Buf field = BUF_INIT;
            size_t field_start = i;
            size_t room = have_header ? t->ncols : TABLE_MAX_COLUMNS;
            if (row.n >= room && !have_header) {
                cells_free(&row);
                return too_many_columns(t, field_start, err);
            }
            if (i < n && s[i] == '"') {
                size_t quote = i++;
                for (;;) {
                    if (i >= n) {
                        buf_free(&field);
                        cells_free(&row);
                        return lb_fail_at(err, LB_EINPUT, t->name, s, n, quote,
                                          "unterminated quoted field");
                    }
                    if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
                        buf_putc(&field, '"');
                        i += 2;
                    } else if (s[i] == '"') {
                        i++;
                        break;
                    } else {
                        buf_putc(&field, s[i++]);
                    }
                }
                if (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    buf_free(&field);
                    cells_free(&row);
                    return lb_fail_at(err, LB_EINPUT, t->name, s, n, i,
                                      "unexpected text after a closing "
                                      "quote");
                }
                /* Quoted fields keep their spaces. */
                if (row.n < room)
                    cells_push(&row, field.data ? buf_detach(&field)
                                                : xstrdup(""), field_start);
                else
                    extra_fields++;
                buf_free(&field);
            } else {
                while (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
                    i++;
                size_t lead = 0;
                if (row.n < room)
                    cells_push(&row, trimmed_copy(s + field_start,
                                                  i - field_start, &lead),
                               field_start + lead);
                else
                    extra_fields++;
            }
            if (i < n && s[i] == ',') {
                i++;
                continue;
            }
            break; /* end of line or of input */
        }
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
        if (!have_header) {
            set_headers(t, &row);
            have_header = 1;
            continue;
        }
        if (row.n + extra_fields != t->ncols) {
            size_t got = row.n + extra_fields;
            cells_free(&row);
            return lb_fail_at(err, LB_EINPUT, t->name, s, n, record_start,
                              "expected %zu fields like the header, found %zu",
                              t->ncols, got);
        }
        add_row(t, &row);
    }
    if (!have_header)
        return lb_fail(err, LB_EINPUT, "%s: empty CSV", t->name);
    return 0;
}

/* ---- GFM Markdown tables ----------------------------------------------- */

typedef struct {
    size_t start, end; /* [start, end) without the newline */
} Line;

/* Splits one table line into trimmed cells with `\|` unescaped; keeps at
 * most `limit` + 1 cells (one past the limit says there were more). */
static void split_pipes(const char *s, Line ln, Cells *out, size_t limit)
{
    size_t i = ln.start, end = ln.end;
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'
                       || s[end - 1] == '\r'))
        end--;
    if (i < end && s[i] == '|')
        i++;
    if (end > i && s[end - 1] == '|' && !(end - 2 >= i && s[end - 2] == '\\'))
        end--;
    for (;;) {
        Buf cell = BUF_INIT;
        size_t cell_start = i;
        while (i < end && s[i] != '|') {
            if (s[i] == '\\' && i + 1 < end && s[i + 1] == '|')
                i++;
            buf_putc(&cell, s[i++]);
        }
        size_t lead = 0;
        char *text = trimmed_copy(cell.data ? cell.data : "", cell.len, &lead);
        buf_free(&cell);
        cells_push(out, text, cell_start + lead);
        if (i >= end || out->n > limit)
            break;
        i++; /* the pipe */
    }
}

static int is_delimiter_row(const char *s, Line ln, size_t *ncols)
{
    Cells c = {0};
    if (!memchr(s + ln.start, '-', ln.end - ln.start))
        return 0;
    split_pipes(s, ln, &c, TABLE_MAX_COLUMNS);
    int ok = c.n > 0;
    for (size_t k = 0; ok && k < c.n; k++) {
        const char *p = c.cells[k];
        if (*p == ':')
            p++;
        size_t dashes = strspn(p, "-");
        p += dashes;
        if (*p == ':')
            p++;
        ok = dashes > 0 && *p == '\0';
    }
    *ncols = c.n;
    cells_free(&c);
    return ok;
}

static int line_has_pipe(const char *s, Line ln)
{
    return memchr(s + ln.start, '|', ln.end - ln.start) != NULL;
}

static Line next_line(const char *s, size_t n, size_t from)
{
    Line ln = {from, from};
    while (ln.end < n && s[ln.end] != '\n')
        ln.end++;
    return ln;
}

static int parse_markdown(Table *t, LbError *err)
{
    const char *s = t->text;
    size_t n = t->len;
    size_t pos = skip_bom(s, n);
    while (pos < n) {
        Line head = next_line(s, n, pos);
        if (head.end >= n)
            break;
        Line delim = next_line(s, n, head.end + 1);
        size_t ncols = 0;
        if (line_has_pipe(s, head) && is_delimiter_row(s, delim, &ncols)) {
            Cells c = {0};
            split_pipes(s, head, &c, TABLE_MAX_COLUMNS);
            if (c.n > TABLE_MAX_COLUMNS) {
                size_t at = c.offsets[TABLE_MAX_COLUMNS];
                cells_free(&c);
                return too_many_columns(t, at, err);
            }
            if (c.n != ncols) {
                size_t got = c.n;
                cells_free(&c);
                return lb_fail_at(err, LB_EINPUT, t->name, s, n, delim.start,
                                  "the delimiter row has %s%zu cells, the "
                                  "header %zu", ncols > TABLE_MAX_COLUMNS
                                  ? "more than " : "", ncols > TABLE_MAX_COLUMNS
                                  ? (size_t)TABLE_MAX_COLUMNS : ncols, got);
            }
            set_headers(t, &c);
            pos = delim.end + 1;
            while (pos < n) {
                Line ln = next_line(s, n, pos);
                if (!line_has_pipe(s, ln))
                    break;
                if (check_room(t, ln.start, err) != 0)
                    return -1;
                split_pipes(s, ln, &c, t->ncols);
                if (c.n > t->ncols) {
                    size_t extra = c.offsets[t->ncols];
                    cells_free(&c);
                    return lb_fail_at(err, LB_EINPUT, t->name, s, n, extra,
                                      "more cells than the header's %zu",
                                      t->ncols);
                }
                /* Padding cells point at the end of the line. */
                while (c.n < t->ncols)
                    cells_push(&c, xstrdup(""), ln.end);
                add_row(t, &c);
                pos = ln.end + 1;
            }
            return 0;
        }
        pos = head.end + 1;
    }
    return lb_fail(err, LB_EINPUT,
                   "%s: no Markdown table (a header row followed by a "
                   "|---| delimiter row)", t->name);
}

/* ---- JSON arrays of objects ------------------------------------------- */

static int header_index(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->headers[i], name) == 0)
            return (int)i;
    return -1;
}

static char *json_cell(const cJSON *v);

/* A list of plain values (a catalog's "languages": ["en", "zh"]) reads as
 * one cell, "en, zh"; anything nested deeper is refused. */
static char *json_list_cell(const cJSON *list)
{
    Buf b = BUF_INIT;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        char *cell = cJSON_IsArray(item) ? NULL : json_cell(item);
        if (!cell) {
            buf_free(&b);
            return NULL;
        }
        if (b.len)
            buf_puts(&b, ", ");
        buf_puts(&b, cell);
        free(cell);
    }
    return buf_detach(&b);
}

static char *json_cell(const cJSON *v)
{
    if (cJSON_IsArray(v))
        return json_list_cell(v);
    if (cJSON_IsString(v))
        return xstrdup(v->valuestring);
    if (cJSON_IsBool(v))
        return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
    if (cJSON_IsNull(v))
        return xstrdup("");
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) { /* 1e400: inf */
        char num[64];
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        return xstrdup(num);
    }
    return NULL;
}

static int parse_json(Table *t, LbError *err)
{
    cJSON *json = json_parse_text(t->name, t->text, t->len, err);
    if (!json)
        return -1;
    int rc = -1;
    if (!cJSON_IsArray(json)) {
        lb_fail(err, LB_EINPUT, "%s: expected an array of objects", t->name);
        goto done;
    }
    /* The header is the union of the keys, in order of first appearance. */
    Cells heads = {0};
    const cJSON *obj, *item;
    size_t index = 0;
    cJSON_ArrayForEach(obj, json)
    {
        index++;
        if (!cJSON_IsObject(obj)) {
            cells_free(&heads);
            lb_fail(err, LB_EINPUT, "%s: row %zu: expected an object",
                    t->name, index);
            goto done;
        }
        if (index > t->max_rows) {
            cells_free(&heads);
            lb_fail(err, LB_EINPUT, "%s: more than %zu rows (the source row "
                    "limit: --max-rows, live.max_rows)", t->name, t->max_rows);
            goto done;
        }
        cJSON_ArrayForEach(item, obj)
        {
            int seen = 0;
            for (size_t k = 0; k < heads.n && !seen; k++)
                seen = strcmp(heads.cells[k], item->string) == 0;
            if (!seen && heads.n >= TABLE_MAX_COLUMNS) {
                cells_free(&heads);
                too_many_columns(t, TABLE_NO_OFFSET, err);
                goto done;
            }
            if (!seen)
                cells_push(&heads, xstrdup(item->string), TABLE_NO_OFFSET);
        }
    }
    set_headers(t, &heads);
    index = 0;
    cJSON_ArrayForEach(obj, json)
    {
        index++;
        if (check_room(t, TABLE_NO_OFFSET, err) != 0)
            goto done;
        Cells row = {0};
        for (size_t k = 0; k < t->ncols; k++)
            cells_push(&row, xstrdup(""), TABLE_NO_OFFSET);
        cJSON_ArrayForEach(item, obj)
        {
            int k = header_index(t, item->string);
            char *cell = json_cell(item);
            if (!cell) {
                cells_free(&row);
                lb_fail(err, LB_EINPUT,
                        "%s: row %zu: \"%s\": expected a string, finite "
                        "number, boolean, null or a list of those", t->name, index,
                        item->string);
                goto done;
            }
            free(row.cells[k]);
            row.cells[k] = cell;
        }
        add_row(t, &row);
    }
    rc = 0;
done:
    cJSON_Delete(json);
    return rc;
}

/* ---- format detection and entry point --------------------------------- */

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static TableFormat sniff_format(const char *name, const char *text,
                                size_t len)
{
    if (name && has_suffix(name, ".csv"))
        return TABLE_FORMAT_CSV;
    if (name && (has_suffix(name, ".md") || has_suffix(name, ".markdown")))
        return TABLE_FORMAT_MARKDOWN;
    if (name && (has_suffix(name, ".json")))
        return TABLE_FORMAT_JSON;
    size_t i = skip_bom(text, len);
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i < len && (text[i] == '[' || text[i] == '{'))
        return TABLE_FORMAT_JSON;
    /* Markdown when some line is followed by a |---| delimiter row. */
    for (size_t pos = i; pos < len;) {
        Line ln = next_line(text, len, pos);
        size_t ncols;
        if (ln.end < len && line_has_pipe(text, ln)
            && is_delimiter_row(text, next_line(text, len, ln.end + 1),
                                &ncols))
            return TABLE_FORMAT_MARKDOWN;
        pos = ln.end + 1;
    }
    return TABLE_FORMAT_CSV;
}

/* Two columns with one name would make two scores with one key. */
static int check_unique_headers(const Table *t, LbError *err)
{
    for (size_t i = 0; i < t->ncols; i++) {
        for (size_t j = 0; j < i && t->headers[i][0]; j++) {
            if (strcmp(t->headers[i], t->headers[j]) != 0)
                continue;
            if (t->header_offsets[i] != TABLE_NO_OFFSET)
                return lb_fail_at(err, LB_EINPUT, t->name, t->text, t->len,
                                  t->header_offsets[i],
                                  "a second column named \"%s\"",
                                  t->headers[i]);
            return lb_fail(err, LB_EINPUT, "%s: a second column named "
                           "\"%s\"", t->name, t->headers[i]);
        }
    }
    return 0;
}

/* The first control character of `cell` other than a tab or a line break
 * (which a quoted CSV field may hold and every cell is read as a space:
 * text_squeeze), or 0. */
static uint32_t control_in(const char *cell)
{
    for (const char *p = cell; *p;) {
        uint32_t cp;
        long at = utf8_control_at(p, &cp);
        if (at < 0)
            return 0;
        if (cp != '\t' && cp != '\n' && cp != '\r')
            return cp;
        p += at + 1;
    }
    return 0;
}

/* No cell may carry another control character (ESC, BS, DEL, C1), and
 * no column name any: they would reach pages, logs and terminals. */
static int check_controls(const Table *t, LbError *err)
{
    for (size_t i = 0; i < t->ncols; i++) {
        uint32_t cp; /* column names: not even a line break */
        if (utf8_control_at(t->headers[i], &cp) < 0)
            continue;
        if (t->header_offsets[i] != TABLE_NO_OFFSET)
            return lb_fail_at(err, LB_EINPUT, t->name, t->text, t->len,
                              t->header_offsets[i], "a control character "
                              "(U+%04X) in a column name", (unsigned)cp);
        return lb_fail(err, LB_EINPUT, "%s: a control character (U+%04X) "
                       "in the column name \"%s\"", t->name, (unsigned)cp,
                       t->headers[i]);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < t->ncols; i++) {
            uint32_t cp = control_in(t->rows[r].cells[i]);
            if (cp)
                return table_fail(t, &t->rows[r], (int)i, err,
                                  "a control character (U+%04X) in a cell",
                                  (unsigned)cp);
        }
    }
    return 0;
}

int table_parse(Table *t, const char *name, const char *text, size_t len,
                TableFormat format, size_t max_rows, LbError *err)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->text = text;
    t->len = len;
    t->max_rows = max_rows ? max_rows : LB_DEFAULT_MAX_ROWS;
    if (format == TABLE_FORMAT_AUTO)
        format = sniff_format(name, text, len);
    t->format = format;
    int rc;
    switch (format) {
    case TABLE_FORMAT_CSV:
        rc = parse_csv(t, err);
        break;
    case TABLE_FORMAT_MARKDOWN:
        rc = parse_markdown(t, err);
        break;
    default:
        rc = parse_json(t, err);
        break;
    }
    if (rc == 0)
        rc = check_unique_headers(t, err);
    if (rc == 0)
        rc = check_controls(t, err);
    if (rc != 0)
        table_free(t);
    return rc;
}

/* ---- cell helpers ------------------------------------------------------ */

int table_find_column(const Table *t, const char *const *names)
{
    for (const char *const *nm = names; *nm; nm++) {
        for (size_t i = 0; i < t->ncols; i++) {
            char *h = text_squeeze(t->headers[i]);
            int match = strcasecmp(h, *nm) == 0;
            free(h);
            if (match)
                return (int)i;
        }
    }
    return -1;
}

int table_cell_is_blank(const char *cell)
{
    char *s = text_squeeze(cell);
    static const char *const blanks[] = {"", "-", "—", "–", "n/a", "na",
                                         "•", "null", "none", NULL};
    int blank = 0;
    for (const char *const *b = blanks; *b && !blank; b++)
        blank = strcasecmp(s, *b) == 0;
    free(s);
    return blank;
}

int table_cell_number(const char *cell, double *value, int *decimals)
{
    char *s = text_squeeze(cell);
    const char *end = NULL;
    double v;
    int ok = parse_leading_number(s, &v, &end);
    if (ok && *end == '%')
        end++;
    ok = ok && *end == '\0';
    if (ok) {
        *value = v;
        if (decimals) {
            const char *dot = strchr(s, '.');
            *decimals = 0;
            if (dot)
                for (const char *p = dot + 1; isdigit((unsigned char)*p); p++)
                    (*decimals)++;
        }
    }
    free(s);
    return ok;
}
