/* table — tabular text (CSV, GFM Markdown, a JSON array of objects) as
 * rows of string cells, each remembering where it came from so errors can
 * name NAME:LINE:COL (or, for JSON, the row number).
 *
 * Used by the `table` and `catalog` adapters (and table_cell_is_blank by
 * `arena-html`, whose cells use the same placeholders). A Table owns its
 * cells and headers but not `text` or `name`, which must outlive it;
 * table_free() releases what it owns. */
#ifndef LBGEN_TABLE_H
#define LBGEN_TABLE_H

#include <stddef.h>

#include "diag.h"

#define TABLE_NO_OFFSET ((size_t)-1)

/* Memory stays proportional to what a real table needs: at most
 * `max_rows` data rows (the source row limit, AdapterOptions.max_rows),
 * TABLE_MAX_COLUMNS columns and TABLE_MAX_CELLS cells (rows x columns).
 * A table past any of them is refused as soon as the parser reaches it,
 * before it allocates more; fields beyond a row's expected count are only
 * counted, never stored. */
#define TABLE_MAX_COLUMNS 256
#define TABLE_MAX_CELLS 1000000

typedef enum {
    TABLE_FORMAT_AUTO,
    TABLE_FORMAT_CSV,
    TABLE_FORMAT_MARKDOWN,
    TABLE_FORMAT_JSON
} TableFormat;

typedef struct {
    char **cells;     /* ncols entries, each trimmed, never NULL */
    size_t *offsets;  /* byte offset of each cell, TABLE_NO_OFFSET for JSON */
    size_t record;    /* 1-based data row number */
} TableRow;

typedef struct {
    const char *name; /* source name for messages */
    const char *text;
    size_t len;
    char **headers;
    size_t *header_offsets;
    size_t ncols;
    TableRow *rows;
    size_t nrows, cap_rows;
    size_t max_rows;
    TableFormat format; /* the one parsed (never TABLE_FORMAT_AUTO) */
} Table;

/* Parses `text` in `format` (TABLE_FORMAT_AUTO: by the source name's
 * extension, else by content), with at most `max_rows` data rows (0: the
 * default, LB_DEFAULT_MAX_ROWS). Returns 0, or -1 with *err set. */
int table_parse(Table *t, const char *name, const char *text, size_t len,
                TableFormat format, size_t max_rows, LbError *err);
void table_free(Table *t);

/* Fails (LB_EINPUT) naming the cell: NAME:LINE:COL when positions are
 * known, else "NAME: row N, column C". col may be -1 for the whole row. */
int table_fail(const Table *t, const TableRow *row, int col, LbError *err,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Index of the column named by one of `names` (case-insensitive, after
 * trimming), or -1. */
int table_find_column(const Table *t, const char *const *names);

/* 1 when `cell` is a placeholder for "no value": "", "-", "—", "N/A", "•". */
int table_cell_is_blank(const char *cell);

/* Parses a whole cell as a number (thousands commas and a trailing '%'
 * allowed); 0 if it is anything else. *decimals gets the digits after the
 * point. */
int table_cell_number(const char *cell, double *value, int *decimals);

#endif
