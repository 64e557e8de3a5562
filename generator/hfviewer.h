/* hfviewer — reading a whole split from the Hugging Face dataset viewer
 * (https://datasets-server.huggingface.co/rows or /filter), which answers
 * at most 100 rows a request.
 *
 * The source URL names the dataset, config and split in its query (any
 * offset and length in it are replaced); lbgen asks for offset 0, 100,
 * 200, ... with length 100 until it holds num_rows_total rows, checking
 * every page: valid JSON of the viewer's shape, the same num_rows_total
 * on every page and at most `max_rows` of them, full pages (100 rows, or
 * what remains), and on /rows each row's row_idx equal to its position
 * (on /filter, row_idx are the matching rows' positions in the split, so
 * they only have to increase). For a /filter URL without its own `where`,
 * the `filter` option becomes one ("col"='value' AND ...), so only the
 * matching rows are transferred. The pages are merged into one document
 * of the same shape, {"features", "rows", "num_rows_total", "partial"},
 * which the hf-rows adapter reads like a single page. */
#ifndef LBGEN_HFVIEWER_H
#define LBGEN_HFVIEWER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "fetch.h"
#include "redact.h"

#define HFVIEWER_PAGE 100 /* the viewer's maximum `length` */

/* The SQL `where` clause for a {column: scalar} filter:
 * "category"='coding' AND "n"=3 AND "ok"=true; a ' in a string doubles.
 * The caller frees it. */
char *hfviewer_where(const cJSON *filter);

/* The URL of the page at `offset`: `url` with its own offset, length (and,
 * when `where` is non-NULL, where) parameters replaced, the rest of its
 * query kept exactly as written. The caller frees it. */
char *hfviewer_page_url(const char *url, const char *where, long long offset,
                        int length);

/* Fetches every page of `url` (http(s)) and hands back the merged
 * document in *out and *len (NUL-terminated; the caller frees it) and the
 * first page's Last-Modified in *last_modified (NULL when none). Errors:
 * LB_ESOURCE when a page could not be fetched or the split changed while
 * being read, LB_EINPUT when a page is not what the viewer sends or the
 * split has more than max_rows rows. */
int hfviewer_fetch_all(const char *url, const cJSON *filter,
                       long long max_rows, const FetchOptions *fetch,
                       Redactor *secrets, char **out, size_t *len,
                       char **last_modified, LbError *err);

#endif
