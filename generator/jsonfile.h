/* jsonfile — JSON files in and out: parsing with errors that name
 * NAME:LINE:COL (UTF-8 and nesting checked first), the position of a path
 * in the text for diagnostics on parsed trees, and atomic writes.
 *
 * Returned trees are owned by the caller (cJSON_Delete). */
#ifndef LBGEN_JSONFILE_H
#define LBGEN_JSONFILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"

/* The most values (objects, arrays, keys, strings, numbers, ...) one document
 * may hold. cJSON spends about 80 bytes on each, so a 64 MiB file of
 * "[0,0,0,..." would take 2.7 GB: it is refused before parsing. */
#define JSON_MAX_VALUES 2000000

cJSON *json_parse_text(const char *name, const char *text, size_t len,
                       LbError *err);
cJSON *json_load_file(const char *path, LbError *err);

/* One step of a path into a JSON document: a member name, or (name NULL)
 * an array index. */
typedef struct {
    const char *name;
    size_t index;
} JsonStep;

/* cJSON keeps no positions; diagnostics find them in the text. Byte offset
 * in `text` (valid JSON, as json_parse_text accepted it) of what `path`
 * leads to: the quoted name of the last member, or the last array element;
 * 0 when the path is not there. Member names are compared as written,
 * escapes and all. */
size_t json_offset_of(const char *text, size_t len, const JsonStep *path,
                      size_t n);

/* cJSON's pretty form, with every number in the shortest decimal that
 * reads back as the same double (1486.391701071574, not cJSON's
 * 1486.3917010715741). The caller frees it (free()). */
char *json_print(const cJSON *json);
/* json_print() of a tree the caller no longer needs: it is changed and
 * deleted instead of copied first (the site's downloads). */
char *json_print_consume(cJSON *json);

/* Serialises `json` (json_print(), trailing newline) and writes
 * it atomically to `path`, or to stdout when path is NULL or "-". */
int json_write_file(const char *path, const cJSON *json, LbError *err);

#endif
